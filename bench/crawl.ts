/**
 * npm run bench:crawl — pages per second through fetch + extract + store, beside a bare CheerioCrawler that
 * only fetches the same pages, in the same run, from a local fixture site with thousands of generated
 * articles (its own process). Also the peak memory of the crawl process, and the social page through Chromium.
 *
 * Measured per round:
 *  - crawl process: `diemtin worker --stages fetch,extract` as a child process on PostgreSQL + Redis, the
 *    `crawler` service of docker-compose.yml: fetch, extract, dedup/story grouping and storing each page. As
 *    there, the scheduler runs in another process (`app`: `worker --scheduler --stages notify,alert`) and
 *    classification is the `analyser`'s job. Rate from the database's own clock (first poll start to last
 *    document stored); peak memory = the crawl child's VmHWM.
 *  - embedded monitor: `diemtin crawl --once` as a child on PGlite + the in-process queue, every stage in one
 *    process (classification and incidents included). Same rate and memory figures.
 *  - bare: Crawlee's CheerioCrawler fetching and parsing the same article URLs, nothing else, at the same
 *    concurrency, in a fresh process of its own (bench/bare-crawl.ts); run just before and just after the
 *    processes under test, the round's ratio taken against the mean of the two; an uncounted run first warms
 *    up the round's fixture site.
 *  Every process under test runs with the NODE_OPTIONS the deployment gives the crawl workers (read from
 *  docker-compose.yml).
 *
 * Env: BENCH_PAGES (3000), BENCH_ROUNDS (3), CRAWL_CONCURRENCY (4), BENCH_SKIP_EMBEDDED, BENCH_SKIP_SOCIAL,
 * BENCH_CHILD_NODE_FLAGS (node flags for the processes under test, e.g. --cpu-prof), BENCH_CRAWLER_NODE_OPTIONS
 * (instead of the crawler service's NODE_OPTIONS).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { log } from '@crawlee/cheerio';
import { pollSocialSource } from '../crawlers/index.ts';
import { openStore } from '../store/index.ts';
import { loadSocial } from '../test/fixtures/server/index.ts';
import { startSocialSite } from '../test/fixtures/server/social-site.ts';
import { fixtureConfig } from '../test/helpers/factories.ts';
import {
  dropRedisPrefix,
  postgresStore,
  TEST_DATABASE_URL,
  TEST_REDIS_URL,
  uniqueName,
} from '../test/helpers/services.ts';

log.setLevel(log.LEVELS.OFF);
const PAGES = Number(process.env.BENCH_PAGES ?? 3000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONCURRENCY = Number(process.env.CRAWL_CONCURRENCY ?? 4);
const ROOT = new URL('..', import.meta.url).pathname;
const BIN = join(ROOT, 'bin', 'diemtin.js');

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Starts the generated fixture site in its own process. */
async function fixtureSite(round: number): Promise<{ url: string; paths: string[]; stop: () => void }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'bench/fixture-site.ts', String(PAGES), String(round)],
    {
      cwd: ROOT,
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  const [line] = await createInterface({ input: child.stdout! })
    [Symbol.asyncIterator]()
    .next()
    .then((r) => [r.value as string]);
  const { url, paths } = JSON.parse(line!) as { url: string; paths: string[] };
  return { url, paths, stop: () => child.stdin!.end() };
}

/** A sources file with only the generated outlet's sitemap. */
function sourcesFile(siteUrl: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'bench-sources-')), 'sources.yaml');
  writeFileSync(
    file,
    `sources:
  - id: bench-sitemap
    name: "Thời báo Việt – sitemap (benchmark)"
    outlet: Thời báo Việt
    kind: sitemap
    url: ${siteUrl}/sitemap-news.xml
    tier: national
    interval: 1h
    maxItems: ${PAGES}
`,
  );
  return file;
}

/** Peak resident memory of a running child (VmHWM), sampled until it exits. */
function watchPeak(child: ChildProcess): () => number {
  let peak = 0;
  const read = () => {
    try {
      const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      if (m) peak = Math.max(peak, Number(m[1]) * 1024);
    } catch {
      // exited
    }
  };
  const timer = setInterval(read, 100);
  child.once('exit', () => clearInterval(timer));
  return () => {
    read();
    return peak;
  };
}

/**
 * The V8 options the image runs the crawl workers with (NODE_OPTIONS of the `crawler` service in
 * docker-compose.yml), read from there so the benchmark measures what is deployed.
 */
const CRAWLER_NODE_OPTIONS = (() => {
  // BENCH_CRAWLER_NODE_OPTIONS="" measures the crawl process without them.
  if (process.env.BENCH_CRAWLER_NODE_OPTIONS !== undefined) return process.env.BENCH_CRAWLER_NODE_OPTIONS;
  const m = /crawler:[\s\S]*?NODE_OPTIONS: "([^"]*)"/.exec(
    readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8'),
  );
  if (!m) throw new Error('docker-compose.yml: no NODE_OPTIONS for the crawler service');
  return m[1]!;
})();

function diemtin(args: string[], env: Record<string, string>): ChildProcess {
  // BENCH_CHILD_NODE_FLAGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof", profiles the process under test.
  const flags = (process.env.BENCH_CHILD_NODE_FLAGS ?? '').split(' ').filter(Boolean);
  return spawn(process.execPath, [...flags, BIN, ...args], {
    cwd: ROOT,
    env: {
      ...process.env,
      LOG_LEVEL: 'error',
      ALLOW_PRIVATE_SOURCES: 'true',
      CRAWL_CONCURRENCY: String(CONCURRENCY),
      CRAWL_HOST_DELAY: '0',
      OUTPUT_DIR: mkdtempSync(join(tmpdir(), 'bench-out-')),
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

/** First poll start to last document stored, by the database clock. */
const RATE_SQL = `SELECT count(*)::int AS n,
  extract(epoch FROM max(d.created_at) - (SELECT min(started_at) FROM fetch_log))::float8 AS s
  FROM documents d`;

async function crawlProcess(siteUrl: string): Promise<{ rate: number; rss: number }> {
  const pg = await postgresStore();
  const prefix = uniqueName('bench');
  const env = {
    DATABASE_URL: `${TEST_DATABASE_URL}?search_path=${pg.schema}`,
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_PREFIX: prefix,
    DIEMTIN_SOURCES: sourcesFile(siteUrl),
  };
  // As docker-compose.yml deploys it: the scheduler in the `app` process, the crawl stages in `crawler`.
  const scheduler = diemtin(['worker', '--scheduler', '--stages', 'notify,alert'], env);
  const child = diemtin(['worker', '--stages', 'fetch,extract'], {
    ...env,
    NODE_OPTIONS: CRAWLER_NODE_OPTIONS,
  });
  const peak = watchPeak(child);
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  scheduler.once('exit', () => {
    exited = true;
  });
  try {
    const deadline = Date.now() + 600_000;
    for (;;) {
      if (exited) throw new Error('the crawl or scheduler process exited early');
      if (Date.now() > deadline) throw new Error('the crawl process did not store every page in 10 minutes');
      const [row] = await pg.store.query<{ n: number; s: number }>(RATE_SQL).catch(() => [{ n: 0, s: 0 }]);
      // The poll's log row is written when it ends, which may be after the last page is stored.
      if (row!.n >= PAGES && row!.s > 0) {
        const rss = peak();
        return { rate: row!.n / row!.s, rss };
      }
      await sleep(200);
    }
  } finally {
    for (const p of [child, scheduler]) {
      const gone = p.exitCode !== null || p.signalCode !== null;
      p.kill('SIGTERM');
      if (!gone) await new Promise((r) => p.once('exit', r));
    }
    await dropRedisPrefix(prefix);
    await pg.drop();
  }
}

async function embedded(siteUrl: string): Promise<{ rate: number; rss: number }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-data-'));
  const child = diemtin(['crawl', '--once'], { DATA_DIR: dataDir, DIEMTIN_SOURCES: sourcesFile(siteUrl) });
  const peak = watchPeak(child);
  const code = await new Promise<number | null>((r) => child.once('exit', r));
  const rss = peak();
  if (code !== 0) throw new Error(`diemtin crawl --once exited with ${code}`);
  const store = await openStore({ dataDir });
  const [row] = await store.query<{ n: number; s: number }>(RATE_SQL);
  await store.close();
  rmSync(dataDir, { recursive: true, force: true });
  if (row!.n !== PAGES) throw new Error(`embedded: stored ${row!.n} of ${PAGES} pages`);
  return { rate: row!.n / row!.s, rss };
}

/** The bare baseline in a fresh process of its own (bench/bare-crawl.ts), as the processes under test run. */
async function bare(urls: string[]): Promise<number> {
  const file = join(mkdtempSync(join(tmpdir(), 'bench-urls-')), 'urls.txt');
  writeFileSync(file, urls.join('\n'));
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'bench/bare-crawl.ts', file, String(CONCURRENCY)],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let out = '';
  child.stdout!.on('data', (d) => {
    out += d;
  });
  const code = await new Promise<number | null>((r) => child.once('exit', r));
  rmSync(file, { force: true });
  if (code !== 0) throw new Error(`bare crawl exited with ${code}`);
  return Number(out.trim());
}

async function social(): Promise<{ pagesPerSec: number; postsPerSec: number }> {
  const s = loadSocial(new Date());
  const site = await startSocialSite(s.page, s.posts, () => new Date());
  const config = fixtureConfig({ FIXTURE_SOCIAL: site.url });
  const source = config.sources.find((x) => x.kind === 'social')!;
  const times: number[] = [];
  let posts = 0;
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    posts = (
      await pollSocialSource(source, {
        profile: config.profiles[source.profile!]!,
        chromiumPath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
        allowPrivate: true,
        userAgent: 'diemtin-bench',
      })
    ).length;
    times.push((performance.now() - t) / 1000);
  }
  await site.close();
  return { pagesPerSec: 1 / median(times), postsPerSec: posts / median(times) };
}

interface Row {
  crawl: number;
  crawlRss: number;
  emb: number;
  embRss: number;
  bareBefore: number;
  bareAfter: number;
}
/** The round's bare rate: the mean of the runs just before and just after the processes under test. */
const bareOf = (r: Row) => (r.bareBefore + r.bareAfter) / 2;
const rows: Row[] = [];
for (let r = 0; r < ROUNDS; r++) {
  const site = await fixtureSite(r);
  try {
    const urls = site.paths.map((p) => site.url + p);
    await bare(urls); // warms up the round's fresh fixture site; not counted
    // Bare before and after: the machine's speed drifts (other work on it), so each round's ratio is taken
    // against the bare rate measured around it.
    const bareBefore = await bare(urls);
    const c = await crawlProcess(site.url);
    const e = process.env.BENCH_SKIP_EMBEDDED ? { rate: 0, rss: 0 } : await embedded(site.url);
    const bareAfter = await bare(urls);
    const row = { crawl: c.rate, crawlRss: c.rss, emb: e.rate, embRss: e.rss, bareBefore, bareAfter };
    rows.push(row);
    const b = bareOf(row);
    console.log(
      `round ${r + 1}: bare ${bareBefore.toFixed(1)} / ${bareAfter.toFixed(1)} pages/s (before / after); ` +
        `crawl process ${c.rate.toFixed(1)} pages/s (${(c.rate / b).toFixed(2)} of bare, peak ${mb(c.rss)}); ` +
        `embedded monitor ${e.rate.toFixed(1)} pages/s (${(e.rate / b).toFixed(2)}, peak ${mb(e.rss)})`,
    );
  } finally {
    site.stop();
  }
}
const soc = process.env.BENCH_SKIP_SOCIAL ? undefined : await social();
const m = (f: (r: Row) => number) => median(rows.map(f));
const ratios = (k: 'crawl' | 'emb') => rows.map((x) => x[k] / bareOf(x));
const list = (xs: number[], digits = 2) => xs.map((x) => x.toFixed(digits)).join(', ');
console.log(`
bench:crawl — ${PAGES} generated pages on 127.0.0.1 (site in its own process), concurrency ${CONCURRENCY}, ${ROUNDS} rounds, medians
  bare CheerioCrawler, fetch + parse only:                    ${m((r) => median([r.bareBefore, r.bareAfter])).toFixed(1)} pages/s (all runs: ${list(
    rows.flatMap((r) => [r.bareBefore, r.bareAfter]),
    1,
  )})
  crawl process (fetch + extract + store; PostgreSQL, Redis; NODE_OPTIONS="${CRAWLER_NODE_OPTIONS}"): ${m((r) => r.crawl).toFixed(1)} pages/s, ratio ${median(ratios('crawl')).toFixed(2)} (rounds ${list(ratios('crawl'))}; goal ≥ 0.70), peak RSS ${mb(m((r) => r.crawlRss))} (rounds ${rows.map((r) => mb(r.crawlRss)).join(', ')}; goal < 400 MB)
  embedded monitor (every stage, PGlite, one process):       ${m((r) => r.emb).toFixed(1)} pages/s, ratio ${median(ratios('emb')).toFixed(2)} (rounds ${list(ratios('emb'))}), peak RSS ${mb(m((r) => r.embRss))} (rounds ${rows.map((r) => mb(r.embRss)).join(', ')})
  social page through Chromium: ${soc ? `${soc.pagesPerSec.toFixed(2)} pages/s (${soc.postsPerSec.toFixed(1)} posts/s), median of 3 polls` : 'not measured (BENCH_SKIP_SOCIAL)'}`);
process.exit(0);
