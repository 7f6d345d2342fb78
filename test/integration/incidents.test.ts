import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkSpikes, processMention } from '../../alerts/index.ts';
import { getIncident, incidentEvents, listIncidents, listSpikes, type Store } from '../../store/index.ts';
import { fixtureConfig } from '../helpers/factories.ts';
import { later, mention, seedPeople, storeMention } from '../helpers/incidents.ts';
import { makeStore, STORE_KINDS } from '../helpers/services.ts';

const config = fixtureConfig();
const T0 = new Date('2026-11-20T05:30:00Z'); // 12:30 Vietnam time

const poisoning = {
  title: '31 học sinh bán trú ở xã Trịnh Tường nhập viện nghi ngộ độc thực phẩm',
  text: 'Sau bữa trưa tại bếp ăn bán trú, 31 học sinh Trường PTDTBT Tiểu học Tả Lèng Hồ, xã Trịnh Tường (huyện Bát Xát cũ) đau bụng, buồn nôn và phải đưa đi cấp cứu. Mẫu thức ăn lưu đã được niêm phong để xét nghiệm.',
  topics: ['health-safety', 'inclusion'],
  risks: { 'food-safety': 0.9 },
  places: ['Trịnh Tường', 'Bát Xát', 'Lào Cai'],
  publishedAt: T0,
};

const notices = (store: Store, incidentId: number) =>
  store.query<{ kind: string; recipient: string }>(
    'SELECT kind, recipient FROM notifications WHERE incident_id = $1 ORDER BY id',
    [incidentId],
  );

describe.each(STORE_KINDS)('incident detection on %s', (kind) => {
  let store: Store;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    ({ store, drop } = await makeStore(kind));
    await seedPeople(store, config);
  });
  afterAll(async () => drop());

  it('opens one incident per event: copies, other outlets and a parents’ post join it; no alert per mention', async () => {
    const now = later(T0, 1);
    const first = await mention(store, config, poisoning, now);
    expect(first.action).toBe('opened');
    const inc = (await getIncident(store, first.incidentId!))!;
    expect(inc).toMatchObject({ department: 'gd-pho-thong', rule_set: 'nd-244-2026', lead_by: 'department' });
    expect(inc.places).toEqual(['Trịnh Tường', 'Bát Xát']);

    // A syndicated copy (same story), a national outlet's own article, and a post without diacritics.
    const copy = await mention(
      store,
      config,
      {
        ...poisoning,
        title: 'Lào Cai: 31 học sinh bán trú nhập viện',
        outlet: 'Tây Bắc Mới',
        storyId: first.storyId,
        publishedAt: later(T0, 0.5),
      },
      later(now, 0.1),
    );
    const national = await mention(
      store,
      config,
      {
        ...poisoning,
        title: 'Hàng chục học sinh bán trú ở Lào Cai nghi bị ngộ độc thực phẩm',
        text: 'Nhiều học sinh bán trú xã Trịnh Tường phải cấp cứu sau bữa trưa; Sở GD&ĐT đã yêu cầu tạm dừng bếp ăn.',
        outlet: 'Thời báo Việt',
        tier: 'national',
        publishedAt: later(T0, 1),
      },
      later(now, 0.2),
    );
    const post = await mention(
      store,
      config,
      {
        kind: 'social',
        text: 'Cap nhat vu hoc sinh nghi ngo doc sau bua trua o bep an ban tru Trinh Tuong: phan lon cac chau da xuat vien, bep tam dung nau.',
        engagement: { reactions: 3460, comments: 512, shares: 689 },
        risks: { 'food-safety': 0.3 },
        topics: ['health-safety'],
        places: ['Trịnh Tường'],
        publishedAt: later(T0, 20),
      },
      later(T0, 21),
    );
    for (const o of [copy, national, post]) expect(o.incidentId).toBe(first.incidentId);
    // A second outlet lifts it from "sự cố" to "khủng hoảng"; the later mentions only join.
    expect([copy.action, national.action, post.action]).toEqual(['escalated', 'joined', 'joined']);

    const after = (await getIncident(store, first.incidentId!))!;
    expect(after).toMatchObject({
      mention_count: 4,
      outlet_count: 4,
      news_count: 3,
      social_count: 1,
      national_count: 1,
      reach: 4661,
      level: 'khung-hoang',
      // The most-covered story's earliest news title.
      title: '31 học sinh bán trú ở xã Trịnh Tường nhập viện nghi ngộ độc thực phẩm',
    });
    expect(after.first_seen_at).toEqual(T0);
    // One alert to open, one when the level rose: never one per mention.
    const kinds = (await notices(store, first.incidentId!)).map((n) => n.kind);
    expect(new Set(kinds)).toEqual(new Set(['incident-opened', 'incident-escalated']));
    const escalatedTo = (await notices(store, first.incidentId!))
      .filter((n) => n.kind === 'incident-escalated')
      .map((n) => n.recipient);
    expect(escalatedTo).toContain('hungdq@sgddt-laocai.example'); // the Director at "khủng hoảng"
    const events = (await incidentEvents(store, first.incidentId!)).map((e) => e.kind);
    expect(events.filter((k) => k === 'mention-added')).toHaveLength(3);
    expect(events).toContain('escalated');
    // Processing the same document again changes nothing.
    expect((await processMention(store, config, post.id, later(T0, 22))).notifications).toBe(0);
  });

  it('keeps different events apart: the same risk in another commune is another incident', async () => {
    const other = await mention(
      store,
      config,
      {
        title: 'Học sinh trường bán trú ở Mường Khương đau bụng sau bữa sáng',
        text: 'Hơn 20 học sinh Trường PTDTBT THCS Pha Long, xã Mường Khương bị đau bụng, nôn sau bữa sáng ở bếp ăn bán trú, được đưa đi cấp cứu.',
        risks: { 'food-safety': 0.8 },
        topics: ['health-safety'],
        places: ['Mường Khương', 'Pha Long'],
        publishedAt: later(T0, 3),
      },
      later(T0, 3.5),
    );
    expect(other.action).toBe('opened');
    const open = await listIncidents(store, 'lao-cai');
    expect(open).toHaveLength(2);
  });

  it('does not open on a mild or positive item; a per-risk threshold lowers the bar for that risk', async () => {
    const mild = {
      title: 'Phụ huynh phản ánh thu tiền quỹ lớp ở Cam Đường',
      text: 'Một số phụ huynh trường tiểu học ở phường Cam Đường phản ánh khoản quỹ lớp đầu năm chưa rõ ràng.',
      risks: { fees: 0.4 }, // × weight 0.6 = 0.24 < 0.35
      topics: ['finance-facilities'],
      places: ['Cam Đường'],
      publishedAt: later(T0, 4),
    };
    expect((await mention(store, config, mild, later(T0, 4.2))).action).toBe('ignored');
    expect(
      (await mention(store, config, { ...mild, sentiment: 'positive', risks: { fees: 1 } }, later(T0, 4.3)))
        .action,
    ).toBe('ignored');
    const strict = {
      ...config,
      province: {
        ...config.province,
        incidents: { ...config.province.incidents, riskThresholds: { fees: 0.2 } },
      },
    };
    const doc = await storeMention(store, { ...mild, title: `${mild.title} (tiếp)`, places: ['Cam Đường'] });
    expect((await processMention(store, strict, doc.id, later(T0, 4.4))).action).toBe('opened');
  });

  it('marks an event that spans provinces as led by the province, with the spokesperson told from "sự cố"', async () => {
    const r = await mention(
      store,
      config,
      {
        title: 'Xe đưa đón học sinh gặp tai nạn trên đèo Khau Phạ, học sinh Lào Cai và Sơn La bị thương',
        text: 'Xe đưa đón học sinh nội trú của Văn Chấn lật trên đèo Khau Phạ khi chở học sinh về Mường La (Sơn La); 7 em bị thương.',
        risks: { accident: 0.8 },
        topics: ['health-safety'],
        places: ['Văn Chấn', 'Mường La (Sơn La)'],
        publishedAt: later(T0, 5),
      },
      later(T0, 5.1),
    );
    const inc = (await getIncident(store, r.incidentId!))!;
    expect(inc).toMatchObject({ lead_by: 'province', other_provinces: ['Sơn La'], places: ['Văn Chấn'] });
    const to = (await notices(store, inc.id)).map((n) => n.recipient);
    // From "sự cố" the standing spokesperson (244/2026) is told.
    if (inc.level !== 'theo-doi') expect(to).toContain('haltt@sgddt-laocai.example');
  });

  it('alerts a spike of mild posts about one topic line once, without opening an incident', async () => {
    const now = later(T0, 30);
    const before = (await listIncidents(store, 'lao-cai')).length;
    for (let i = 0; i < 6; i++)
      await mention(
        store,
        config,
        {
          kind: 'social',
          text: `Phụ huynh than phiền chuyện học bạ số bị lỗi, không xem được điểm của con lần ${i}`,
          topics: ['digital-international'],
          places: [],
          publishedAt: new Date(now.getTime() - (50 - i * 5) * 60_000),
        },
        now,
      );
    const last = await storeMention(store, {
      kind: 'social',
      text: 'Lại lỗi học bạ số, cả lớp con tôi không vào được',
      topics: ['digital-international'],
      publishedAt: new Date(now.getTime() - 60_000),
    });
    expect(await checkSpikes(store, config, last.id, now)).toBeGreaterThan(0);
    expect(await checkSpikes(store, config, last.id, new Date(now.getTime() + 60_000))).toBe(0);
    const [spike] = await listSpikes(store, 'lao-cai');
    expect(spike).toMatchObject({
      label_kind: 'topic',
      label: 'digital-international',
      count: 7,
      department: 'van-phong',
    });
    expect((await listIncidents(store, 'lao-cai')).length).toBe(before);
    const mails = await store.query<{ recipient: string }>(
      "SELECT recipient FROM notifications WHERE kind = 'spike'",
    );
    expect(mails.map((m) => m.recipient)).toEqual(['vanphong@sgddt-laocai.example']);
  });
});
