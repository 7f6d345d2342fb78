import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ActionContext,
  acknowledge,
  authorise,
  dismiss,
  IncidentError,
  markPaper,
  monitor,
  provideFacts,
  recordStatement,
  resolve,
  sweepClock,
  yearlyStatistics,
} from '../../alerts/index.ts';
import { getIncident, incidentEvents, type Store } from '../../store/index.ts';
import { fixtureConfig } from '../helpers/factories.ts';
import { later, mention, seedPeople } from '../helpers/incidents.ts';
import { makeStore, STORE_KINDS } from '../helpers/services.ts';

const config = fixtureConfig();
const HEAD = 'giam-doc';
const DEPUTY = 'pho-giam-doc-1'; // the standing spokesperson designated on 10/07/2026
const STAFF = 'truong-phong-gdpt';

/** Notifications decided since the last call, as "kind recipient" lines. */
function outbox(store: Store) {
  let seen = 0;
  return async () => {
    const rows = await store.query<{ id: number; kind: string; recipient: string }>(
      'SELECT id, kind, recipient FROM notifications WHERE id > $1 ORDER BY id',
      [seen],
    );
    seen = Math.max(seen, ...rows.map((r) => r.id));
    return rows.map((r) => `${r.kind} ${r.recipient}`);
  };
}

const refusal = async (p: Promise<unknown>) => {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(IncidentError);
  return e as IncidentError;
};

/** A crisis reported at `event` and found by the monitor 10 hours later. */
async function crisis(store: Store, event: Date, place: string) {
  const r = await mention(
    store,
    config,
    {
      title: `Cô giáo tát học sinh lớp 3 ở ${place}, phụ huynh bức xúc`,
      text: `Clip ghi lại cảnh một cô giáo trường tiểu học ở ${place} tát học sinh lớp 3 ngay trên lớp đang lan truyền; gia đình đã gửi đơn lên UBND xã.`,
      risks: { 'teacher-misconduct': 0.9 },
      topics: ['teachers'],
      places: [place],
      publishedAt: event,
    },
    later(event, 10),
  );
  return (await getIncident(store, r.incidentId!))!;
}

describe.each(STORE_KINDS)('the legal clock on %s', (kind) => {
  let store: Store;
  let drop: () => Promise<void>;
  const ctx = (now: Date): ActionContext => ({ store, config, now });

  beforeAll(async () => {
    ({ store, drop } = await makeStore(kind));
    await seedPeople(store, config);
  });
  afterAll(async () => drop());

  it('Decree 09/2017: 24 hours from the event; the head or a published per-case authorisation speaks', async () => {
    const E = new Date('2026-03-10T01:00:00Z');
    const R = later(E, 10);
    const sent = outbox(store);
    const inc = await crisis(store, E, 'Bảo Hà');
    expect(inc).toMatchObject({ rule_set: 'nd-09-2017', department: 'to-chuc-can-bo', level: 'su-co' });
    expect(inc.statement_due_at).toEqual(later(E, 24)); // Art. 6.3(a): from the event
    expect(inc.facts_due_at).toEqual(later(R, 8));
    expect(await sent()).toEqual([
      'incident-opened tccb@sgddt-laocai.example',
      'incident-opened vanphong@sgddt-laocai.example',
      'incident-opened hungdq@sgddt-laocai.example', // under 09/2017 a Sở's spokesperson is its head
    ]);

    expect((await sweepClock(store, config, later(R, 1))).warnings).toBe(0);
    expect((await sweepClock(store, config, later(R, 2))).warnings).toBe(1); // facts: 6 hours left
    expect((await sweepClock(store, config, later(R, 2))).notifications).toBe(0); // decided once
    expect(await sent()).toEqual([
      'incident-warning tccb@sgddt-laocai.example',
      'incident-warning vanphong@sgddt-laocai.example',
    ]);
    await sweepClock(store, config, later(R, 6)); // facts: 2 hours left
    await provideFacts(ctx(later(R, 7.5)), {
      incidentId: inc.id,
      by: 'truong-phong-tccb',
      text: 'Đã xác minh: giáo viên L.T.T. tát một học sinh lớp 3A; đã tạm đình chỉ giảng dạy.',
    });
    expect((await sweepClock(store, config, later(R, 8))).warnings).toBe(1); // statement: 6 hours left
    const afterFacts = await sent();
    expect(afterFacts.filter((x) => x.includes('warning'))).toHaveLength(5);
    expect(afterFacts.at(-1)).toBe('incident-warning tccb@sgddt-laocai.example');

    // The standing spokesperson of 244/2026 does not exist here: the deputy needs a written authorisation.
    const noAuth = await refusal(
      recordStatement(ctx(later(R, 9)), {
        incidentId: inc.id,
        by: DEPUTY,
        channel: 'interview',
        text: 'Sở đang xác minh.',
      }),
    );
    expect(noAuth.code).toBe('not-a-spokesperson');
    expect(noAuth.vi).toMatch(/không được phát ngôn nhân danh Sở/);
    expect(noAuth.basis).toMatch(/Điều 3 khoản 8 Nghị định 09\/2017/);
    await authorise(store, config, {
      person: DEPUTY,
      by: HEAD,
      incidentId: inc.id,
      document: 'Giấy ủy quyền số 12/GUQ-SGDĐT',
      signedAt: later(R, 9),
      validUntil: later(R, 72),
    });

    await sweepClock(store, config, later(R, 12)); // statement: 2 hours left
    const overdue = await sweepClock(store, config, later(E, 24));
    expect(overdue.overdue).toBe(1);
    const told = await sent();
    expect(told).toContain('incident-overdue hungdq@sgddt-laocai.example'); // the head answers for it
    expect(told).toContain('incident-overdue haltt@sgddt-laocai.example'); // authorised for this case now
    expect((await getIncident(store, inc.id))!.statement_overdue_at).toEqual(later(E, 24));

    const late = await recordStatement(ctx(later(E, 25)), {
      incidentId: inc.id,
      by: 'chanh-van-phong',
      speaker: DEPUTY,
      channel: 'written',
      text: 'Sở GD&ĐT đã tạm đình chỉ giáo viên và thành lập hội đồng kỷ luật.',
    });
    expect(late).toMatchObject({ onTime: false, as: 'authorised' });
    // Art. 3.6: an authorisation not published within 12 hours of signing no longer lets her speak.
    const unpublished = await refusal(
      recordStatement(ctx(later(R, 22)), {
        incidentId: inc.id,
        by: DEPUTY,
        channel: 'portal',
        text: 'Cập nhật.',
      }),
    );
    expect(unpublished.code).toBe('authorisation-unpublished');
    const [auth] = await store.query<{ id: number }>('SELECT id FROM authorisations WHERE incident_id = $1', [
      inc.id,
    ]);
    await markPaper(store, config, 'authorisation', auth!.id, 'published', later(R, 22));
    await recordStatement(ctx(later(R, 22.5)), {
      incidentId: inc.id,
      by: DEPUTY,
      channel: 'portal',
      text: 'Cập nhật.',
    });
    await monitor(ctx(later(R, 30)), { incidentId: inc.id, by: 'chanh-van-phong' });
    await resolve(ctx(later(R, 48)), { incidentId: inc.id, by: HEAD, note: 'Đã kỷ luật giáo viên.' });

    const events = await incidentEvents(store, inc.id);
    const trail = events.filter((e) => e.actor !== 'system').map((e) => `${e.actor} ${e.kind}`);
    expect(trail).toEqual([
      'truong-phong-tccb facts-provided',
      `${HEAD} authorised`,
      'chanh-van-phong statement-issued',
      `${DEPUTY} statement-issued`,
      'chanh-van-phong monitoring',
      `${HEAD} resolved`,
    ]);
    expect(events.filter((e) => e.kind === 'warning')).toHaveLength(4);
    expect((await getIncident(store, inc.id))!.state).toBe('resolved');

    const stats = await yearlyStatistics(store, config, 2026, 'nd-09-2017');
    expect(stats.items.find((i) => i.id === 'on-time')).toMatchObject({ value: 0, of: 1 });
    expect(stats.items.find((i) => i.id === 'unexpected-cases')).toMatchObject({ value: 1, of: 1 });
  });

  it('Decree 244/2026: 24 hours from receipt; the standing spokesperson speaks, staff may not', async () => {
    const E = new Date('2026-09-10T01:00:00Z');
    const R = later(E, 10);
    const sent = outbox(store);
    const inc = await crisis(store, E, 'Khánh Yên');
    expect(inc.rule_set).toBe('nd-244-2026');
    expect(inc.statement_due_at).toEqual(later(R, 24)); // Art. 7.3: from receipt
    expect(await sent()).toContain('incident-opened haltt@sgddt-laocai.example'); // the standing spokesperson

    // The sweeper was down until 7 hours after receipt: only the most urgent facts warning goes out.
    const first = await sweepClock(store, config, later(R, 7));
    expect(first).toMatchObject({ warnings: 1, overdue: 0 });
    expect((await getIncident(store, inc.id))!.facts_warned).toEqual(['6h', '2h']);
    expect((await sent()).filter((x) => x.startsWith('incident-warning'))).toHaveLength(2);
    const [warning] = await store.query<{ subject: string }>(
      "SELECT subject FROM notifications WHERE incident_id = $1 AND kind = 'incident-warning'",
      [inc.id],
    );
    expect(warning!.subject).toMatch(/còn 1 giờ/);

    // Art. 7.4: the Department determines the matter divides opinion; the clock starts from then.
    await acknowledge(ctx(later(R, 7.5)), {
      incidentId: inc.id,
      by: 'chanh-van-phong',
      dividedOpinion: true,
    });
    const acked = (await getIncident(store, inc.id))!;
    expect(acked.statement_due_at).toEqual(later(R, 31.5));
    expect(acked.state).toBe('acknowledged');

    const facts = await sweepClock(store, config, later(R, 8));
    expect(facts.overdue).toBe(1);
    expect(await sent()).toContain('incident-overdue haltt@sgddt-laocai.example');
    await provideFacts(ctx(later(R, 9)), { incidentId: inc.id, by: STAFF, text: 'Đã xác minh sự việc.' });

    const staff = await refusal(
      recordStatement(ctx(later(R, 10)), {
        incidentId: inc.id,
        by: STAFF,
        channel: 'interview',
        text: 'Chúng tôi đang xử lý.',
      }),
    );
    expect(staff.code).toBe('not-a-spokesperson');
    expect(staff.basis).toMatch(/Điều 3 khoản 7 Nghị định 244\/2026/);
    expect(staff.en).toMatch(/may not speak in the Department's name/);
    const ok = await recordStatement(ctx(later(R, 10)), {
      incidentId: inc.id,
      by: DEPUTY,
      channel: 'press-conference',
      text: 'Sở GD&ĐT đã chỉ đạo xác minh, tạm đình chỉ giáo viên.',
    });
    expect(ok).toMatchObject({ onTime: true, as: 'standing' });
    expect((await sweepClock(store, config, later(R, 40))).overdue).toBe(0);
    expect((await getIncident(store, inc.id))!.state).toBe('statement-issued');

    const stats = await yearlyStatistics(store, config, 2026, 'nd-244-2026');
    expect(stats.from).toEqual(new Date('2025-12-14T17:00:00Z'));
    expect(stats.items.find((i) => i.id === 'press-conferences')).toMatchObject({ value: 1 });
    expect(stats.items.find((i) => i.id === 'on-time')).toMatchObject({ value: 1, of: 2 });
  });

  it('a dismissed false alarm keeps its reason and mentions for retraining, and stops its clock', async () => {
    const E = new Date('2026-10-01T01:00:00Z');
    const inc = await crisis(store, E, 'Y Tý');
    await expect(
      dismiss(ctx(later(E, 11)), { incidentId: inc.id, by: 'theo-doi-1', reason: '' }),
    ).rejects.toThrow(/lý do/);
    await dismiss(ctx(later(E, 11)), {
      incidentId: inc.id,
      by: 'theo-doi-1',
      reason: 'Clip cũ từ năm 2019, không phải ở Lào Cai',
    });
    const [fb] = await store.query<{ verdict: string; reason: string }>(
      'SELECT verdict, reason FROM alert_feedback WHERE incident_id = $1',
      [inc.id],
    );
    expect(fb).toEqual({ verdict: 'false-alarm', reason: 'Clip cũ từ năm 2019, không phải ở Lào Cai' });
    expect((await sweepClock(store, config, later(E, 40))).overdue).toBe(0);
    // Its copies join it silently; a new report of the same kind in the same place is a new incident.
    const [doc] = await store.query<{ story_id: number }>(
      'SELECT d.story_id FROM incident_mentions m JOIN documents d ON d.id = m.document_id WHERE m.incident_id = $1',
      [inc.id],
    );
    const copy = await mention(
      store,
      config,
      {
        title: 'Chia sẻ lại clip',
        text: 'Clip cô giáo tát học sinh ở Y Tý',
        storyId: doc!.story_id,
        risks: { 'teacher-misconduct': 0.9 },
        places: ['Y Tý'],
        publishedAt: later(E, 12),
      },
      later(E, 12),
    );
    expect(copy).toMatchObject({ incidentId: inc.id, action: 'joined', notifications: 0 });
    const fresh = await crisis(store, later(E, 20), 'Y Tý');
    expect(fresh.id).not.toBe(inc.id);
    const bad = await refusal(
      recordStatement(ctx(later(E, 12)), { incidentId: inc.id, by: HEAD, channel: 'portal', text: 'x' }),
    );
    expect(bad.code).toBe('bad-state');
  });
});
