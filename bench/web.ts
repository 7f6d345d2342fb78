/**
 * npm run bench:web — the dashboard's read side at 1,000,000 documents (issue 7). Makes sure the benchmark
 * database holds the generated data set (bench/web-data.ts; generated once, then reused), serves the overview
 * and the Tin bài search over HTTP on 127.0.0.1, and drives each request with autocannon: p50/p95/p99 latency
 * and requests per second, beside two baselines measured in the same run (a trivial endpoint, and SELECT 1
 * through the same server and connection pool). Goal: p95 < 300 ms for each.
 *
 * Env: BENCH_WEB_DATABASE_URL (postgres://postgres@127.0.0.1:5432/diemtin_bench_web), BENCH_WEB_DOCUMENTS
 * (1000000), BENCH_WEB_SECONDS per scenario (10), BENCH_WEB_CONNECTIONS (4), BENCH_WEB_ONLY (a substring of
 * scenario names), BENCH_WEB_TARGET (the base URL of a running dashboard, `diemtin web`, on the same database,
 * instead of the built-in server of bench/web-server.ts, which answers the dashboard API's two routes with the
 * same parameters), BENCH_WEB_HEADERS (JSON: for the dashboard, {"authorization": "Bearer <token from diemtin
 * tokens add>"}). The baselines need the built-in server's /healthz and /api/select1.
 */
import { createRequire } from 'node:module';
import { openPostgres } from '../store/postgres.ts';
import { ensureWebData } from './web-data.ts';
import { startBenchServer } from './web-server.ts';

interface AutocannonResult {
  requests: { average: number; total: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  duration: number;
}
interface AutocannonInstance extends PromiseLike<AutocannonResult> {
  on(
    event: 'response',
    fn: (client: unknown, status: number, bytes: number, responseTime: number) => void,
  ): void;
}
type Autocannon = (opts: Record<string, unknown>) => AutocannonInstance;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const SECONDS = Number(process.env.BENCH_WEB_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_WEB_CONNECTIONS ?? 4);
const ONLY = process.env.BENCH_WEB_ONLY;
const HEADERS = JSON.parse(process.env.BENCH_WEB_HEADERS ?? '{}') as Record<string, string>;

const data = await ensureWebData();
const DAY = 86_400_000;
/** The Vietnam day "YYYY-MM-DD" of an instant. */
const vnDay = (t: number) => new Date(t + 7 * 3600_000).toISOString().slice(0, 10);
const a = data.anchor.getTime();
const search = (params: Record<string, string | number>) =>
  `/api/v1/mentions?${new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)]))}`;

/** What the dashboard asks most: the overview, and the Tin bài page with the filters people use. */
// As the dashboard asks: 50 items a page, items about education unless all=1.
const SCENARIOS: { name: string; path: string; baseline?: boolean }[] = [
  { name: 'baseline: trivial endpoint', path: '/healthz', baseline: true },
  { name: 'baseline: SELECT 1', path: '/api/select1', baseline: true },
  { name: 'overview (today, 30-day trend, open incidents)', path: '/api/v1/overview' },
  { name: 'tin-bai: newest, no filter', path: search({}) },
  { name: 'tin-bai: newest, all items (all=1)', path: search({ all: 1 }) },
  {
    name: 'tin-bai: province, negative, 30 days',
    path: search({ scope: 'province', sentiment: 'negative', from: vnDay(a - 30 * DAY) }),
  },
  { name: 'tin-bai: topic exams, 7 days', path: search({ topic: 'exams', from: vnDay(a - 7 * DAY) }) },
  { name: 'tin-bai: risk food-safety, province', path: search({ risk: 'food-safety', scope: 'province' }) },
  { name: 'tin-bai: outlet Báo Lào Cai, news', path: search({ outlet: 'Báo Lào Cai', kind: 'news' }) },
  { name: 'tin-bai: social, negative', path: search({ kind: 'social', sentiment: 'negative' }) },
  { name: 'tin-bai: department khao-thi', path: search({ department: 'khao-thi' }) },
  { name: 'tin-bai: q "học sinh" (common)', path: search({ q: 'học sinh' }) },
  { name: 'tin-bai: q "hoc phi" (no accents)', path: search({ q: 'hoc phi' }) },
  { name: 'tin-bai: q "ngộ độc thực phẩm"', path: search({ q: 'ngộ độc thực phẩm' }) },
  { name: 'tin-bai: q "Y Tý" (rare)', path: search({ q: 'Y Tý' }) },
  {
    name: 'tin-bai: q "giao vien" + province, negative',
    path: search({ q: 'giao vien', scope: 'province', sentiment: 'negative' }),
  },
  {
    name: 'tin-bai: q "lam thu" + 90 days',
    path: search({ q: 'lam thu', from: vnDay(a - 90 * DAY), to: vnDay(a) }),
  },
  { name: 'tin-bai: page 500, no filter', path: search({ page: 500 }) },
  { name: 'tin-bai: page 200, negative', path: search({ sentiment: 'negative', page: 200 }) },
  { name: 'tin-bai: page 50, q "hoc sinh"', path: search({ q: 'hoc sinh', page: 50 }) },
];

const pct = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : Number.NaN;

async function drive(base: string, path: string) {
  // Warm-up: a few requests, so a cold plan or cache is not what is measured.
  for (let i = 0; i < 3; i++) {
    const r = await fetch(base + path, { headers: HEADERS });
    if (!r.ok) throw new Error(`${path}: HTTP ${r.status} ${await r.text()}`);
    await r.arrayBuffer();
  }
  const times: number[] = [];
  const inst = autocannon({
    url: base + path,
    connections: CONNECTIONS,
    duration: SECONDS,
    headers: HEADERS,
  });
  inst.on('response', (_c, status, _b, ms) => {
    if (status === 200) times.push(ms);
  });
  const res = await inst;
  times.sort((x, y) => x - y);
  return {
    p50: pct(times, 50),
    p95: pct(times, 95),
    p99: pct(times, 99),
    rps: res.requests.total / res.duration,
    n: times.length,
    failed: res.errors + res.timeouts + res.non2xx,
  };
}

const target = process.env.BENCH_WEB_TARGET;
const db = target ? undefined : openPostgres(data.url, { max: CONNECTIONS + 2 });
const server = db ? await startBenchServer(db, () => data.anchor) : undefined;
const base = target ?? server!.url;
console.log(
  `diemtin bench:web — ${data.documents.toLocaleString('en')} documents, ${data.stories.toLocaleString('en')} stories, ` +
    `${data.incidents} incidents (${data.openIncidents} open) in ${new URL(data.url).pathname.slice(1)}` +
    `${data.created ? ` (generated in ${data.seconds.toFixed(0)} s)` : ' (reused)'}; ` +
    `${CONNECTIONS} connections × ${SECONDS} s per request type; server ${base}`,
);
const rows: string[][] = [];
let worst = 0;
let failed = false;
try {
  for (const s of SCENARIOS) {
    if (ONLY && !s.baseline && !s.name.includes(ONLY)) continue;
    let row: string[];
    try {
      const r = await drive(base, s.path);
      const bad = r.failed > 0 || r.n === 0;
      if (!s.baseline) {
        worst = Math.max(worst, r.p95);
        failed ||= bad;
      }
      row = [
        s.name,
        r.p50.toFixed(1),
        r.p95.toFixed(1),
        r.p99.toFixed(1),
        r.rps.toFixed(1),
        String(r.n),
        bad ? `${r.failed} failed` : '',
      ];
    } catch (err) {
      if (!s.baseline) failed = true;
      row = [s.name, '', '', '', '', '0', (err as Error).message.slice(0, 120)];
    }
    rows.push(row);
    console.log(row.join(' | '));
  }
} finally {
  await server?.close();
  await db?.close();
}
console.log('\n| request | p50 ms | p95 ms | p99 ms | req/s | n | |\n|---|---|---|---|---|---|---|');
for (const r of rows) console.log(`| ${r.join(' | ')} |`);
const verdict = worst < 300 && !failed ? 'met' : 'NOT met';
console.log(
  `\nworst p95 of the dashboard requests: ${worst.toFixed(1)} ms (goal < 300 ms): ${verdict}` +
    (failed ? ' (some requests failed)' : ''),
);
