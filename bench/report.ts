/**
 * npm run bench:report — builds the monthly report for a month with 100,000 stored mentions in PostgreSQL (a fresh
 * schema in TEST_DATABASE_URL, dropped at the end) and prints the time beside a baseline measured in the same
 * run: counting the month's classified mentions (the least any report must read). Also the previous month
 * (20,000 mentions, for the comparisons) and 40 incidents with statements are stored.
 * Env: BENCH_MENTIONS (100000), BENCH_ROUNDS (3), TEST_DATABASE_URL.
 */
import postgres from 'postgres';
import { loadProvince } from '../config/index.ts';
import { monthlyReport } from '../reports/index.ts';
import { openStore } from '../store/index.ts';

const MENTIONS = Number(process.env.BENCH_MENTIONS ?? 100_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const DB_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const schema = `bench_report_${process.pid}`;
const config = loadProvince(new URL('../config/provinces/lao-cai', import.meta.url).pathname, {
  sourcesFile: 'sources.fixture.yaml',
  vars: new Proxy({}, { get: () => 'http://127.0.0.1:9' }),
});

const admin = postgres(DB_URL, { max: 1, onnotice: () => {} });
await admin.unsafe(`CREATE SCHEMA ${schema}`);
const store = await openStore({ databaseUrl: DB_URL, dataDir: '', schema });
try {
  const topics = JSON.stringify(config.topics.map((t) => t.id));
  const risks = JSON.stringify(config.risks.map((r) => r.id));
  const places = JSON.stringify([
    'Bát Xát',
    'Sa Pa',
    'Trịnh Tường',
    'Mường Khương',
    'Bắc Hà',
    'Mù Cang Chải',
    'Lục Yên',
  ]);
  const seed = async (n: number, from: string, days: number, offset: number) => {
    const t = performance.now();
    await store.exec(`
      INSERT INTO stories (title, first_seen_at, last_seen_at, doc_count, outlets)
      SELECT 'Câu chuyện ' || g, '${from}'::timestamptz, '${from}'::timestamptz, 2, '[]'
      FROM generate_series(1, ${Math.ceil(n / 2)}) g;
      INSERT INTO documents (url, canonical_url, source_id, outlet, kind, title, lead, text, published_at, fetched_at,
        content_hash, simhash, story_id)
      SELECT 'https://bench.example/' || g, 'https://bench.example/' || g, 'bench', 'Báo số ' || (g % 23),
        CASE WHEN g % 4 = 0 THEN 'social' ELSE 'news' END, 'Tin giáo dục số ' || g,
        'Câu mở đầu của tin số ' || g || '. Câu thứ hai có thêm chi tiết. Câu thứ ba.', repeat('Nội dung bài viết. ', 40),
        '${from}'::timestamptz + (g % (${days} * 1440)) * interval '1 minute', '${from}'::timestamptz + (g % (${days} * 1440)) * interval '1 minute',
        md5(g::text), g, (SELECT max(id) FROM stories) - ${Math.ceil(n / 2)} + 1 + ((g - ${offset} - 1) / 2)
      FROM generate_series(${offset + 1}, ${offset + n}) g;
      INSERT INTO classifications (document_id, model_version, education, scope, places, topics, sentiment, risks)
      SELECT d.id, 'bench', d.id % 10 <> 0,
        (ARRAY['province', 'province', 'national', 'other-province', 'none'])[1 + d.id % 5],
        jsonb_build_array('${places}'::jsonb ->> (d.id % 7)),
        jsonb_build_array('${topics}'::jsonb ->> (d.id % 15), '${topics}'::jsonb ->> ((d.id / 15) % 15)),
        (ARRAY['positive', 'neutral', 'neutral', 'negative'])[1 + d.id % 4],
        CASE WHEN d.id % 9 = 0 THEN jsonb_build_array('${risks}'::jsonb ->> (d.id % 13)) ELSE '[]'::jsonb END
      FROM documents d WHERE d.id > ${offset} AND d.id <= ${offset + n};`);
    return performance.now() - t;
  };
  const seedMs =
    (await seed(20_000, '2026-10-01T00:00:00+07:00', 31, 0)) +
    (await seed(MENTIONS, '2026-11-01T00:00:00+07:00', 30, 20_000));
  await store.exec(`
    INSERT INTO incidents (province, title, level, department, lead_by, rule_set, places, event_at, received_at,
      facts_due_at, statement_due_at, first_seen_at, last_seen_at, facts_at, statement_at, mention_count, outlet_count)
    SELECT 'lao-cai', 'Sự việc thử số ' || g, 'su-co', 'gd-pho-thong', 'department', 'nd-244-2026', '["Sa Pa"]',
      t, t, t + interval '8 hours', t + interval '24 hours', t, t, t + interval '6 hours', t + (g % 3 + 22) * interval '1 hour', 5, 3
    FROM generate_series(1, 40) g, LATERAL (SELECT '2026-11-01T08:00:00+07:00'::timestamptz + g * interval '17 hours' AS t) x;
    INSERT INTO statements (incident_id, speaker_id, speaker_as, channel, text, at, on_time, recorded_by)
    SELECT id, 'pho-giam-doc-1', 'standing', 'portal', 'Thông tin ban đầu', statement_at, statement_at <= statement_due_at, 'bench'
    FROM incidents;
    ANALYZE;`);
  const from = new Date('2026-11-01T00:00:00+07:00');
  const to = new Date('2026-12-01T00:00:00+07:00');
  const now = new Date('2026-12-05T09:00:00+07:00');
  const baseline: number[] = [];
  const report: number[] = [];
  let rows = 0;
  let size = 0;
  for (let i = 0; i < ROUNDS; i++) {
    let t = performance.now();
    const [c] = await store.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM documents d JOIN classifications c ON c.document_id = d.id
       WHERE COALESCE(d.published_at, d.fetched_at) >= $1 AND COALESCE(d.published_at, d.fetched_at) < $2`,
      [from, to],
    );
    baseline.push(performance.now() - t);
    rows = c!.n;
    t = performance.now();
    const r = await monthlyReport(store, config, '2026-11', { now });
    report.push(performance.now() - t);
    size = r.docx.length;
  }
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  console.log(
    `bench:report — monthly report for 11/2026 on PostgreSQL (${rows.toLocaleString('en')} mentions in the month)`,
  );
  console.log(`  seeding (not timed below): ${s(seedMs)}`);
  console.log(`  baseline, count the month's mentions: ${s(median(baseline))} (median of ${ROUNDS})`);
  console.log(
    `  monthly report (.docx with 2 charts, ${Math.round(size / 1024)} KB): ${s(median(report))} (median of ${ROUNDS}; goal < 10 s)`,
  );
} finally {
  await store.close();
  await admin.unsafe(`DROP SCHEMA ${schema} CASCADE`);
  await admin.end();
}
