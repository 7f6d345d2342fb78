import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vnDate } from '../../crawlers/index.ts';
import {
  addMention as addIncidentMention,
  createStory,
  insertIncident,
  insertPressRequest,
  type MentionFilters,
  overview,
  type Queryable,
  type Store,
  searchMentions,
  searchQuery,
  searchWords,
} from '../../store/index.ts';
import { addMention } from '../helpers/reports.ts';
import { makeStore, STORE_KINDS } from '../helpers/services.ts';

const ids = async (db: Queryable, f: MentionFilters, perPage = 50) =>
  (await searchMentions(db, f, { page: 1, perPage })).items.map((i) => i.id);

async function incident(
  db: Queryable,
  o: { title: string; department: string; received: Date; level?: string; province?: string },
): Promise<number> {
  return insertIncident(db, {
    province: o.province ?? 'lao-cai',
    title: o.title,
    level: o.level ?? 'su-co',
    department: o.department,
    lead_by: 'department',
    rule_set: 'nd-244-2026',
    risks: [],
    topics: [],
    places: [],
    event_at: o.received,
    received_at: o.received,
    facts_due_at: new Date(o.received.getTime() + 8 * 3600_000),
    statement_due_at: new Date(o.received.getTime() + 24 * 3600_000),
    first_seen_at: o.received,
    last_seen_at: o.received,
  });
}

describe('search query', () => {
  it('folds words and makes syllable pairs of each phrase', () => {
    expect(searchWords('Phụ huynh HỌC PHÍ, Đường!')).toEqual(['phu', 'huynh', 'hoc', 'phi', 'duong']);
    expect(searchQuery('học phí tăng')).toBe("'hoc phi' & 'phi tang'");
    expect(searchQuery('Sa Pa "ngộ độc" x')).toBe("'ngo doc' & 'sa pa' & 'pa x'");
    expect(searchQuery('THPT')).toBe("'thpt'");
    expect(searchQuery('"hoc phi')).toBe("'hoc phi'");
    expect(searchQuery("it's")).toBe("'it s'");
    expect(searchQuery('   ')).toBeUndefined();
    expect(searchQuery('!!!')).toBe('');
  });
});

describe.each(STORE_KINDS)('dashboard search on %s', (kind) => {
  let store: Store;
  let drop: () => Promise<void>;
  const m: Record<string, number> = {};
  let storyId = 0;
  let incidentId = 0;

  beforeAll(async () => {
    ({ store, drop } = await makeStore(kind));
    m.fees = await addMention(store, vnDate(2026, 11, 10, 8), {
      title: 'Phụ huynh phản ánh học phí tăng cao ở Bát Xát',
      outlet: 'Báo Lào Cai',
      topics: ['finance-facilities'],
      sentiment: 'negative',
      risks: ['fees'],
    });
    // Typed without diacritics, as posts often are.
    m.post = await addMention(store, vnDate(2026, 11, 11, 8), {
      title: 'phu huynh keu hoc phi qua cao',
      outlet: 'Facebook',
      kind: 'social',
      topics: ['finance-facilities'],
      sentiment: 'negative',
      scope: 'province',
    });
    // The same syllables in another order: not the phrase "học phí".
    m.reversed = await addMention(store, vnDate(2026, 11, 12, 8), {
      title: 'Phí học thêm được công khai',
      outlet: 'Dân trí',
      topics: ['inspection'],
      sentiment: 'neutral',
      scope: 'national',
    });
    // Decomposed (NFD) Vietnamese still folds.
    m.nfd = await addMention(store, vnDate(2026, 11, 13, 8), {
      title: 'Kỳ thi tuyển sinh lớp 10 công bố điểm chuẩn'.normalize('NFD'),
      outlet: 'VnExpress',
      topics: ['exams'],
      sentiment: 'positive',
      scope: 'national',
    });
    m.other = await addMention(store, vnDate(2026, 11, 14, 8), {
      title: 'Học sinh tỉnh khác đuối nước',
      outlet: 'Tuổi Trẻ',
      topics: ['health-safety'],
      sentiment: 'negative',
      scope: 'other-province',
      risks: ['accident'],
    });
    m.none = await addMention(store, vnDate(2026, 11, 15, 8), {
      title: 'Giá vàng hôm nay',
      outlet: 'Tuổi Trẻ',
      topics: [],
      education: false,
      scope: 'none',
    });
    // A story carried by two outlets; one copy belongs to an incident of the exams department.
    storyId = await createStory(store, 'lộ đề', 'Báo Lào Cai', vnDate(2026, 11, 16, 8));
    m.leak1 = await addMention(
      store,
      vnDate(2026, 11, 16, 8),
      {
        title: 'Nghi vấn lộ đề thi học kỳ ở Sa Pa',
        outlet: 'Báo Lào Cai',
        topics: ['exams'],
        sentiment: 'negative',
        risks: ['exam-fraud'],
      },
      storyId,
    );
    m.leak2 = await addMention(
      store,
      vnDate(2026, 11, 16, 9),
      {
        title: 'Nghi vấn lộ đề thi học kỳ ở Sa Pa',
        outlet: 'Giáo dục & Thời đại',
        topics: ['exams'],
        sentiment: 'negative',
        risks: ['exam-fraud'],
      },
      storyId,
    );
    incidentId = await incident(store, {
      title: 'Nghi vấn lộ đề',
      department: 'khao-thi',
      received: vnDate(2026, 11, 16, 10),
    });
    await addIncidentMention(store, incidentId, m.leak1!, vnDate(2026, 11, 16, 10));
  });
  afterAll(async () => drop());

  it('matches Vietnamese with or without diacritics, as a phrase of syllables', async () => {
    const expected = [m.post, m.fees];
    expect(await ids(store, { q: 'hoc phi' })).toEqual(expected);
    expect(await ids(store, { q: 'học phí' })).toEqual(expected);
    expect(await ids(store, { q: 'HỌC PHÍ' })).toEqual(expected);
    expect(await ids(store, { q: 'học phí'.normalize('NFD') })).toEqual(expected);
    expect(await ids(store, { q: 'phi hoc' })).toEqual([m.reversed]);
    expect(await ids(store, { q: 'diem chuan' })).toEqual([m.nfd]);
    expect(await ids(store, { q: '  Lộ đề!  ' })).toEqual([m.leak2, m.leak1]);
    expect(await ids(store, { q: 'hoc phi ca' })).toEqual([]);
    // Quoted parts are phrases that must all appear.
    expect(await ids(store, { q: '"hoc phi" "bat xat"' })).toEqual([m.fees]);
    // A query of punctuation alone matches nothing and does not fail.
    expect(await ids(store, { q: '!!!' })).toEqual([]);
  });

  it('finds the same through the search index first or walking newest first', async () => {
    for (const q of ['hoc phi', 'lo de', 'phi hoc', '"hoc phi" "bat xat"', '!!!'])
      for (const f of [{}, { sentiment: 'negative' as const }, { sourceKind: 'news' as const }]) {
        const walk = await searchMentions(store, { q, ...f }, { page: 1, perPage: 50 }, { rareText: 0 });
        const index = await searchMentions(store, { q, ...f }, { page: 1, perPage: 50 }, { rareText: 1000 });
        expect(walk.items.map((i) => i.id)).toEqual(index.items.map((i) => i.id));
        expect(walk.total).toBe(index.total);
      }
  });

  it('filters by time, topic lines, sentiment, scope, risks, outlet, kind, education, department', async () => {
    expect(await ids(store, { from: vnDate(2026, 11, 12), to: vnDate(2026, 11, 14) })).toEqual([
      m.nfd,
      m.reversed,
    ]);
    expect(await ids(store, { topics: ['inspection', 'health-safety'] })).toEqual([m.other, m.reversed]);
    expect(await ids(store, { sentiment: 'positive' })).toEqual([m.nfd]);
    expect(await ids(store, { scope: 'other-province' })).toEqual([m.other]);
    expect(await ids(store, { scope: ['national', 'none'] })).toEqual([m.none, m.nfd, m.reversed]);
    expect(await ids(store, { risks: ['fees', 'accident'] })).toEqual([m.other, m.fees]);
    expect(await ids(store, { outlet: 'Tuổi Trẻ' })).toEqual([m.none, m.other]);
    expect(await ids(store, { sourceKind: 'social' })).toEqual([m.post]);
    expect(await ids(store, { education: false })).toEqual([m.none]);
    expect(await ids(store, { department: 'khao-thi' })).toEqual([m.leak1]);
    expect(await ids(store, { department: 'thanh-tra' })).toEqual([]);
    expect(await ids(store, { q: 'hoc phi', sourceKind: 'news', sentiment: 'negative' })).toEqual([m.fees]);
  });

  it('pages newest first with an exact total, and links items to their story and incidents', async () => {
    const all = await ids(store, {});
    expect(all).toHaveLength(8);
    const seen: number[] = [];
    for (let page = 1; page <= 3; page++) {
      const r = await searchMentions(store, {}, { page, perPage: 3 });
      expect(r).toMatchObject({ total: 8, totalExact: true, page, perPage: 3 });
      seen.push(...r.items.map((i) => i.id));
    }
    expect(seen).toEqual(all);
    expect((await searchMentions(store, {}, { page: 4, perPage: 3 })).items).toEqual([]);
    const times = (await searchMentions(store, {}, { page: 1, perPage: 8 })).items.map((i) =>
      i.publishedAt.getTime(),
    );
    expect(times).toEqual([...times].sort((a, b) => b - a));

    const [copy, original] = (await searchMentions(store, { q: 'lo de' }, { page: 1, perPage: 5 })).items;
    for (const item of [copy!, original!]) {
      expect(item).toMatchObject({
        storyId,
        storyOutletCount: 2,
        storyDocCount: 2,
        incidentIds: [incidentId],
        sentiment: 'negative',
        scope: 'province',
        topics: ['exams'],
        risks: ['exam-fraud'],
        kind: 'news',
      });
      expect(item.storyOutlets.sort()).toEqual(['Báo Lào Cai', 'Giáo dục & Thời đại']);
    }
    expect(copy!.outlet).toBe('Giáo dục & Thời đại');
    expect(copy!.url).toMatch(/^https:\/\//);
    const fees = (await searchMentions(store, { risks: ['fees'] }, { page: 1, perPage: 5 })).items[0]!;
    expect(fees).toMatchObject({
      incidentIds: [],
      storyOutletCount: 1,
      title: 'Phụ huynh phản ánh học phí tăng cao ở Bát Xát',
    });
  });

  it('estimates the total past the count cap, and says so', async () => {
    const r = await searchMentions(store, {}, { page: 1, perPage: 2 }, { countCap: 3 });
    expect(r.totalExact).toBe(false);
    expect(r.total).toBeGreaterThanOrEqual(3);
    expect(r.items).toHaveLength(2);
    const exact = await searchMentions(
      store,
      { sentiment: 'positive' },
      { page: 1, perPage: 2 },
      { countCap: 3 },
    );
    expect(exact).toMatchObject({ total: 1, totalExact: true });
  });

  it('follows a document whose time or outlet changes after it was classified', async () => {
    const id = await addMention(store, vnDate(2026, 10, 1, 8), { title: 'Tin sửa giờ', outlet: 'Cũ' });
    await store.query('UPDATE documents SET published_at = $2, outlet = $3 WHERE id = $1', [
      id,
      vnDate(2026, 10, 2, 8),
      'Mới',
    ]);
    expect(await ids(store, { from: vnDate(2026, 10, 2), to: vnDate(2026, 10, 3), outlet: 'Mới' })).toEqual([
      id,
    ]);
    expect(await ids(store, { outlet: 'Cũ' })).toEqual([]);
    await store.query('DELETE FROM documents WHERE id = $1', [id]);
  });

  it('clamps bad paging input', async () => {
    const r = await searchMentions(store, {}, { page: 0, perPage: 10_000 });
    expect(r.page).toBe(1);
    expect(r.perPage).toBe(200);
    expect((await searchMentions(store, {}, { page: Number.NaN, perPage: Number.NaN })).perPage).toBe(20);
  });
});

describe.each(STORE_KINDS)('dashboard overview on %s', (kind) => {
  let store: Store;
  let drop: () => Promise<void>;
  // 10:00 on 7 December 2026 in Vietnam (03:00 UTC).
  const now = vnDate(2026, 12, 7, 10);

  beforeAll(async () => {
    ({ store, drop } = await makeStore(kind));
    // Today in Vietnam, though still 6 December in UTC.
    await addMention(store, vnDate(2026, 12, 7, 0, 30), { sentiment: 'negative' });
    await addMention(store, vnDate(2026, 12, 7, 9), { sentiment: 'positive' });
    await addMention(store, vnDate(2026, 12, 7, 9, 30), { education: false, scope: 'none' });
    // After now: not counted yet.
    await addMention(store, vnDate(2026, 12, 7, 11), { sentiment: 'negative' });
    // Yesterday: 23:30 in Vietnam is 16:30 UTC the same day; one before 10:00, three after.
    await addMention(store, vnDate(2026, 12, 6, 8), { sentiment: 'negative' });
    await addMention(store, vnDate(2026, 12, 6, 14), { sentiment: 'negative' });
    await addMention(store, vnDate(2026, 12, 6, 20), { sentiment: 'neutral' });
    await addMention(store, vnDate(2026, 12, 6, 23, 30), { sentiment: 'neutral' });
    // The first day of the 30-day trend, and the day before it (outside).
    await addMention(store, vnDate(2026, 11, 8, 0, 0), { sentiment: 'negative' });
    await addMention(store, vnDate(2026, 11, 7, 23, 59), { sentiment: 'negative' });

    const received = vnDate(2026, 12, 7, 8);
    const first = await incident(store, { title: 'Ngộ độc', department: 'gd-pho-thong', received });
    const second = await incident(store, {
      title: 'Lạm thu',
      department: 'ke-hoach-tai-chinh',
      received: vnDate(2026, 12, 6, 20),
      level: 'khung-hoang',
    });
    // Facts given for the second: its next due time is the statement (6 Dec 20:00 + 24 h).
    await store.query('UPDATE incidents SET facts_at = $2, state = $3 WHERE id = $1', [
      second,
      vnDate(2026, 12, 7, 1),
      'facts-provided',
    ]);
    const third = await incident(store, { title: 'Đuối nước', department: 'gd-pho-thong', received });
    await insertPressRequest(store, {
      incident_id: third,
      province: 'lao-cai',
      outlet: 'VnExpress',
      journalist: null,
      question: 'Số học sinh?',
      received_at: received,
      due_at: vnDate(2026, 12, 7, 12),
      recorded_by: 'test',
    });
    const closed = await incident(store, {
      title: 'Cũ',
      department: 'thanh-tra',
      received: vnDate(2026, 12, 1),
    });
    await store.query(`UPDATE incidents SET state = 'resolved', closed_at = $2 WHERE id = $1`, [
      closed,
      vnDate(2026, 12, 3),
    ]);
    await incident(store, { title: 'Tỉnh khác', department: 'van-phong', received, province: 'yen-bai' });
    void first;
  });
  afterAll(async () => drop());

  it('counts Vietnam days, compares with yesterday at the same hour, and draws 30 days', async () => {
    const o = await overview(store, now, { province: 'lao-cai' });
    expect(o.day).toBe('2026-12-07');
    expect(o.today).toEqual({ items: 3, relevant: 2, negative: 1, negativeShare: 0.5 });
    expect(o.yesterday).toEqual({ items: 4, relevant: 4, negative: 2, negativeShare: 0.5 });
    expect(o.yesterdaySoFar).toEqual({ items: 1, relevant: 1, negative: 1, negativeShare: 1 });
    expect(o.change).toEqual({ items: 2, relevant: 1, negativeShare: -0.5 });
    expect(o.trend).toHaveLength(30);
    expect(o.trend[0]).toEqual({ day: '2026-11-08', items: 1, relevant: 1, negative: 1 });
    expect(o.trend[1]).toEqual({ day: '2026-11-09', items: 0, relevant: 0, negative: 0 });
    expect(o.trend[28]).toEqual({ day: '2026-12-06', items: 4, relevant: 4, negative: 2 });
    expect(o.trend[29]).toEqual({ day: '2026-12-07', items: 3, relevant: 2, negative: 1 });
    expect(o.trend.reduce((s, d) => s + d.items, 0)).toBe(8);
  });

  it('lists open incidents, most urgent first, with the next due time', async () => {
    const o = await overview(store, now, { province: 'lao-cai' });
    expect(o.incidents.map((i) => [i.title, i.level, i.state, i.nextDeadline?.kind])).toEqual([
      ['Đuối nước', 'su-co', 'open', 'press-request'],
      ['Ngộ độc', 'su-co', 'open', 'facts'],
      ['Lạm thu', 'khung-hoang', 'facts-provided', 'statement'],
    ]);
    expect(o.incidents[0]!.nextDeadline!.at).toEqual(vnDate(2026, 12, 7, 12));
    expect(o.incidents[1]!.nextDeadline!.at).toEqual(vnDate(2026, 12, 7, 16));
    expect(o.incidents[2]!.nextDeadline!.at).toEqual(vnDate(2026, 12, 7, 20));
    expect(o.incidents[2]!.factsDueAt).toBeNull();
    expect((await overview(store, now)).incidents).toHaveLength(4);
  });

  it('is empty on an empty database', async () => {
    const empty = await makeStore(kind);
    try {
      const o = await overview(empty.store, now);
      expect(o.today).toEqual({ items: 0, relevant: 0, negative: 0, negativeShare: 0 });
      expect(o.trend.every((d) => d.items === 0)).toBe(true);
      expect(o.incidents).toEqual([]);
    } finally {
      await empty.drop();
    }
  });
});
