import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ActionContext,
  answerPressRequest,
  assign,
  type IncidentError,
  recordCompliance,
  recordPressRequest,
  refusePressRequest,
  requestCorrection,
  sweepClock,
  yearlyStatistics,
} from '../../alerts/index.ts';
import {
  getIncident,
  incidentEvents,
  listCorrections,
  listPressRequests,
  type Store,
} from '../../store/index.ts';
import { fixtureConfig } from '../helpers/factories.ts';
import { later, mention, seedPeople } from '../helpers/incidents.ts';
import { makeStore, STORE_KINDS } from '../helpers/services.ts';

const config = fixtureConfig();

async function falseClaim(store: Store, at: Date) {
  const r = await mention(
    store,
    config,
    {
      kind: 'social',
      text: 'CÁC MẸ ƠI SỞ CHO HỌC SINH TOÀN TỈNH NGHỈ HẾT TUẦN!!! ảnh công văn có dấu đỏ, cứ share cho mọi người biết',
      engagement: { reactions: 1630, comments: 486, shares: 2310 },
      risks: { misinformation: 0.9 },
      topics: ['misinformation'],
      publishedAt: at,
    },
    later(at, 1),
  );
  return (await getIncident(store, r.incidentId!))!;
}

const refused = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: unknown) => e as IncidentError,
  );

describe.each(STORE_KINDS)('press requests, refusals and corrections on %s', (kind) => {
  let store: Store;
  let drop: () => Promise<void>;
  const ctx = (now: Date): ActionContext => ({ store, config, now });

  beforeAll(async () => {
    ({ store, drop } = await makeStore(kind));
    await seedPeople(store, config);
  });
  afterAll(async () => drop());

  it('Decree 244/2026: press requests are answered on time or refused on a listed ground with the reason', async () => {
    const T = new Date('2026-12-01T01:00:00Z');
    const inc = await falseClaim(store, T);
    expect(inc.department).toBe('van-phong');
    await assign(ctx(later(T, 1.5)), {
      incidentId: inc.id,
      by: 'chanh-van-phong',
      department: 'van-phong',
      person: 'theo-doi-2',
    });

    const a = await recordPressRequest(ctx(later(T, 2)), {
      incidentId: inc.id,
      by: 'theo-doi-1',
      outlet: 'Báo Lào Cai',
      journalist: 'Phóng viên Minh Anh',
      question: 'Sở có văn bản cho học sinh nghỉ học do rét không?',
      dueAt: later(T, 5),
    });
    const b = await recordPressRequest(ctx(later(T, 2)), {
      incidentId: inc.id,
      by: 'theo-doi-1',
      outlet: 'Thời báo Việt',
      question: 'Ai đã làm giả văn bản? Công an đã vào cuộc chưa?',
    });
    expect(b.dueAt).toEqual(later(T, 26)); // pressRequestDueHours
    const swept = await sweepClock(store, config, later(T, 3));
    expect(swept.warnings).toBe(2); // request a: 2 hours left; the department's facts: 6 hours left
    const warned = await store.query<{ subject: string; recipient: string }>(
      "SELECT subject, recipient FROM notifications WHERE kind = 'incident-warning' AND incident_id = $1",
      [inc.id],
    );
    const press = warned.filter((w) => /trả lời yêu cầu của báo chí.*Báo Lào Cai/.test(w.subject));
    expect(press.map((w) => w.recipient).sort()).toEqual([
      'haltt@sgddt-laocai.example',
      'vanphong@sgddt-laocai.example',
    ]);

    const answered = await answerPressRequest(ctx(later(T, 4)), {
      requestId: a.requestId,
      by: 'theo-doi-1',
      speaker: 'pho-giam-doc-1',
      text: 'Sở GD&ĐT khẳng định không ban hành văn bản nào cho học sinh nghỉ học; văn bản lan truyền là giả mạo.',
    });
    expect(answered.onTime).toBe(true);
    // The monitor who recorded it may not answer in the Department's name.
    const notSpeaker = await refused(
      answerPressRequest(ctx(later(T, 4)), { requestId: b.requestId, by: 'theo-doi-1', text: 'Chưa rõ.' }),
    );
    expect(notSpeaker?.code).toBe('not-a-spokesperson');
    const badGround = await refused(
      refusePressRequest(ctx(later(T, 4)), {
        requestId: b.requestId,
        by: 'pho-giam-doc-1',
        ground: 'busy',
        reason: 'x',
      }),
    );
    expect(badGround?.code).toBe('bad-ground');
    expect(badGround?.vi).toMatch(/investigation/);
    const noReason = await refused(
      refusePressRequest(ctx(later(T, 4)), {
        requestId: b.requestId,
        by: 'pho-giam-doc-1',
        ground: 'investigation',
      }),
    );
    expect(noReason?.code).toBe('reason-required');
    await refusePressRequest(ctx(later(T, 4)), {
      requestId: b.requestId,
      by: 'pho-giam-doc-1',
      ground: 'investigation',
      reason: 'Công an tỉnh đang điều tra vụ làm giả văn bản.',
    });
    const requests = await listPressRequests(store, inc.id);
    expect(requests.map((r) => [r.state, r.refusal_ground])).toEqual([
      ['answered', null],
      ['refused', 'investigation'],
    ]);

    // Art. 7.6: a written reply stating the grounds, asking for correction and apology.
    const noGrounds = await refused(
      requestCorrection(ctx(later(T, 5)), {
        incidentId: inc.id,
        by: 'chanh-van-phong',
        outlet: 'Trang Tin nhanh Tây Bắc',
        url: 'https://tinnhanh.example/so-cho-hoc-sinh-nghi',
        letter: 'Công văn số 1234/SGDĐT-VP',
      }),
    );
    expect(noGrounds?.code).toBe('grounds-required');
    const c = await requestCorrection(ctx(later(T, 5)), {
      incidentId: inc.id,
      by: 'chanh-van-phong',
      outlet: 'Trang Tin nhanh Tây Bắc',
      url: 'https://tinnhanh.example/so-cho-hoc-sinh-nghi',
      letter: 'Công văn số 1234/SGDĐT-VP',
      grounds: 'Sở không ban hành văn bản cho học sinh nghỉ học; văn bản lan truyền là giả mạo.',
    });
    expect(c.asks).toEqual(['reply', 'correction', 'apology']);
    expect(c.dueAt).toEqual(later(T, 29));
    expect((await sweepClock(store, config, later(T, 29))).overdue).toBeGreaterThanOrEqual(1);
    const overdue = await store.query<{ subject: string }>(
      "SELECT subject FROM notifications WHERE kind = 'incident-overdue' AND incident_id = $1",
      [inc.id],
    );
    expect(overdue.some((n) => /cải chính.*Tây Bắc/.test(n.subject))).toBe(true);
    await recordCompliance(ctx(later(T, 30)), {
      correctionId: c.correctionId,
      by: 'theo-doi-3',
      compliance: 'complied',
      note: 'Đã gỡ bài và đăng cải chính.',
    });
    const [corr] = await listCorrections(store, inc.id);
    expect(corr).toMatchObject({
      compliance: 'complied',
      complied_at: later(T, 30),
      overdue_at: later(T, 29),
    });

    const kinds = (await incidentEvents(store, inc.id)).map((e) => e.kind);
    for (const k of [
      'assigned',
      'press-request',
      'press-answered',
      'press-refused',
      'correction-requested',
      'correction-compliance',
    ])
      expect(kinds).toContain(k);
    const stats = await yearlyStatistics(store, config, 2026, 'nd-244-2026');
    expect(stats.items.find((i) => i.id === 'press-requests')).toMatchObject({ value: 2, of: 2 });
    expect(stats.items.find((i) => i.id === 'false-reports')).toMatchObject({ value: 1, of: 1 });
  });

  it('Decree 09/2017: a refusal needs a listed ground but no stated reason; a correction asks for a reply or correction', async () => {
    const T = new Date('2026-05-01T01:00:00Z');
    const inc = await falseClaim(store, T);
    expect(inc.rule_set).toBe('nd-09-2017');
    const r = await recordPressRequest(ctx(later(T, 2)), {
      incidentId: inc.id,
      by: 'theo-doi-1',
      outlet: 'Báo Lào Cai',
      question: 'Ai làm giả văn bản?',
    });
    await refusePressRequest(ctx(later(T, 3)), {
      requestId: r.requestId,
      by: 'giam-doc',
      ground: 'investigation',
    });
    const c = await requestCorrection(ctx(later(T, 4)), {
      incidentId: inc.id,
      by: 'chanh-van-phong',
      outlet: 'Báo in Tây Bắc',
      url: 'https://baoin.example/bai-sai',
      outletKind: 'daily',
      letter: 'Công văn số 77/SGDĐT-VP',
    });
    expect(c).toMatchObject({ asks: ['correction', 'reply'], dueAt: later(T, 52) });
  });
});
