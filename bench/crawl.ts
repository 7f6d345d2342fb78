/**
 * npm run bench:crawl — pages per second through fetch + extract + store (the embedded pipeline), beside a
 * bare CheerioCrawler that only fetches the same pages, in the same run, on a local fixture site with
 * thousands of generated articles. Also peak memory of the process, and the social page through Chromium.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CheerioCrawler, Configuration, log } from '@crawlee/cheerio';
import { pollSocialSource } from '../crawlers/index.ts';
import { loadArticles, loadSocial } from '../test/fixtures/server/index.ts';
import { articlePath } from '../test/fixtures/server/layouts.ts';
import { startNewsSite } from '../test/fixtures/server/news-site.ts';
import { startSocialSite } from '../test/fixtures/server/social-site.ts';
import { fixtureConfig } from '../test/helpers/factories.ts';
import { fixtureApp, pollAllUntilIdle } from '../test/helpers/run-fixture.ts';
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
process.env.CRAWL_CONCURRENCY = String(CONCURRENCY);

const now = new Date();
const base = loadArticles(now);
/** Generated articles: fixture texts reshuffled with a unique sentence, so none is a duplicate. */
function generate(round: number) {
  return Array.from({ length: PAGES }, (_, i) => {
    const a = base[i % base.length]!;
    const body = [...a.body]
      .sort(() => ((i * 7919 + round) % 3) - 1)
      .concat(`Bài số ${i} của lượt ${round}, cập nhật lúc ${i % 24} giờ.`);
    return {
      ...a,
      id: 300_000 + round * 100_000 + i,
      slug: `${a.slug}-${round}-${i}`,
      outlet: 'thoibaoviet',
      body,
      publishedAt: new Date(now.getTime() - i * 60_000),
    };
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
let peakRss = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 100);

async function bare(urls: string[]): Promise<number> {
  const crawler = new CheerioCrawler(
    {
      maxConcurrency: CONCURRENCY,
      maxRequestRetries: 0,
      useSessionPool: false,
      requestHandler: async () => {},
    },
    new Configuration({ persistStorage: false, purgeOnStart: true }),
  );
  const t = performance.now();
  await crawler.run(urls);
  await crawler.teardown();
  return urls.length / ((performance.now() - t) / 1000);
}

async function ours(round: number): Promise<{ rate: number; stored: number; rss: number }> {
  const articles = generate(round);
  const site = await startNewsSite('thoibaoviet', articles, () => new Date());
  const unused = 'http://127.0.0.1:9';
  const vars = {
    FIXTURE_TINLAOCAI: unused,
    FIXTURE_GIAODUCHOMNAY: unused,
    FIXTURE_TAYBACMOI: unused,
    FIXTURE_SOCIAL: unused,
    FIXTURE_THOIBAOVIET: site.url,
  };
  const fx = { vars } as never;
  const distributed = process.env.BENCH_MODE === 'distributed';
  const pg = distributed ? await postgresStore() : undefined;
  await pg?.store.close();
  const prefix = uniqueName('bench');
  const app = await fixtureApp(
    fx,
    distributed
      ? { databaseUrl: TEST_DATABASE_URL, schema: pg!.schema, redisUrl: TEST_REDIS_URL, queuePrefix: prefix }
      : { dataDir: process.env.BENCH_MEMORY ? 'memory://' : mkdtempSync(join(tmpdir(), 'bench-crawl-')) },
  );
  // Only the sitemap source of the generated outlet.
  await app.ctx.store.query("UPDATE sources SET enabled = (id = 'thoibaoviet-sitemap')");
  await app.ctx.store.query(`UPDATE sources SET config = jsonb_set(config, '{maxItems}', '${PAGES}')`);
  const stats = new Map<string, { n: number; ms: number }>();
  if (process.env.BENCH_QUERY_STATS) {
    const wrap = <T extends { query: (...a: never[]) => Promise<unknown> }>(q: T): T => {
      const orig = q.query.bind(q);
      q.query = (async (text: string, params?: unknown[]) => {
        const t0 = performance.now();
        try {
          return await (orig as (t: string, p?: unknown[]) => Promise<unknown>)(text, params);
        } finally {
          const key = text.replace(/\s+/g, ' ').slice(0, 70);
          const e = stats.get(key) ?? { n: 0, ms: 0 };
          e.n++;
          e.ms += performance.now() - t0;
          stats.set(key, e);
        }
      }) as never;
      return q;
    };
    wrap(app.ctx.store);
    const tx = app.ctx.store.transaction.bind(app.ctx.store);
    app.ctx.store.transaction = ((fn: (t: never) => Promise<unknown>) =>
      tx((t) => fn(wrap(t) as never))) as never;
  }
  peakRss = 0;
  const t = performance.now();
  await pollAllUntilIdle(app);
  if (stats.size)
    console.log(
      [...stats.entries()]
        .sort((a, b) => b[1].ms - a[1].ms)
        .slice(0, 12)
        .map(([k, v]) => `  ${v.ms.toFixed(0).padStart(6)} ms ${String(v.n).padStart(6)}× ${k}`)
        .join('\n'),
    );
  const seconds = (performance.now() - t) / 1000;
  const [row] = await app.ctx.store.query<{ n: number }>('SELECT count(*)::int AS n FROM documents');
  if (process.env.BENCH_DEBUG) {
    const [f] = await app.ctx.store.query<{ s: number; first: number; last: number }>(
      `SELECT extract(epoch FROM finished_at - started_at)::float8 AS s,
              extract(epoch FROM (SELECT min(created_at) FROM documents) - started_at)::float8 AS first,
              extract(epoch FROM (SELECT max(created_at) FROM documents) - started_at)::float8 AS last FROM fetch_log LIMIT 1`,
    );
    console.log(
      `  total ${seconds.toFixed(1)} s; fetch poll ${f?.s.toFixed(1)} s; first document at ${f?.first.toFixed(1)} s, last at ${f?.last.toFixed(1)} s`,
    );
  }
  await app.close();
  if (pg) {
    await dropRedisPrefix(prefix);
    await pg.drop();
  }
  const urls = articles.map((a) => `${site.url}${articlePath(a)}`);
  const rss = peakRss;
  const bareRate = process.env.BENCH_SKIP_BARE ? 1 : await bare(urls);
  await site.close();
  return { rate: row!.n / seconds, stored: row!.n, rss, bareRate } as never;
}

async function social(): Promise<{ pagesPerSec: number; postsPerSec: number }> {
  const s = loadSocial(now);
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

const rounds: { ours: number; bare: number; ratio: number; rss: number }[] = [];
for (let r = 0; r < ROUNDS; r++) {
  const res = (await ours(r)) as unknown as { rate: number; stored: number; rss: number; bareRate: number };
  if (res.stored !== PAGES) throw new Error(`round ${r}: stored ${res.stored} of ${PAGES} pages`);
  rounds.push({ ours: res.rate, bare: res.bareRate, ratio: res.rate / res.bareRate, rss: res.rss });
  console.log(
    `round ${r + 1}: pipeline ${res.rate.toFixed(1)} pages/s, bare CheerioCrawler ${res.bareRate.toFixed(1)} pages/s, ratio ${(res.rate / res.bareRate).toFixed(2)}, peak RSS ${(res.rss / 2 ** 20).toFixed(0)} MB`,
  );
}
const soc = process.env.BENCH_SKIP_SOCIAL ? { pagesPerSec: 0, postsPerSec: 0 } : await social();
clearInterval(sampler);
console.log(`
bench:crawl — ${PAGES} pages on 127.0.0.1, ${process.env.BENCH_MODE === 'distributed' ? 'distributed (PostgreSQL + BullMQ on Redis)' : 'embedded (PGlite + in-process queue)'}, concurrency ${CONCURRENCY}, ${ROUNDS} rounds (medians)
  fetch + extract + classify + store:          ${median(rounds.map((r) => r.ours)).toFixed(1)} pages/s
  bare CheerioCrawler, fetch only:              ${median(rounds.map((r) => r.bare)).toFixed(1)} pages/s
  ratio (goal ≥ 0.70):                           ${median(rounds.map((r) => r.ratio)).toFixed(2)}
  peak RSS during the pipeline crawl (goal < 400 MB): ${(median(rounds.map((r) => r.rss)) / 2 ** 20).toFixed(0)} MB
  social page through Chromium: ${soc.pagesPerSec.toFixed(2)} pages/s (${soc.postsPerSec.toFixed(1)} posts/s)`);
