/**
 * npm run bench:latency — time from a crisis article's publication on a news site to the incident e-mail
 * arriving at an SMTP server, in both run modes:
 *  - embedded: `diemtin run` on PGlite and the in-process queue (one process);
 *  - distributed: `diemtin worker --stages fetch,extract,analyse,alert,notify --scheduler` on PostgreSQL and
 *    Redis (BullMQ).
 * The monitor runs as its own process, polling one RSS source of the local fixture site every BENCH_INTERVAL;
 * this process serves the site, publishes the crisis items of bench/latency-items.yaml one by one at random
 * gaps (so publications fall at every phase of the poll), and receives the mail. Each item is a different
 * event, so each opens its own incident. Printed: p50, p95 and max, and how the time splits between waiting
 * for the poll (publication → the article page fetched) and processing (page fetched → e-mail received).
 * Goal: p95 < poll interval + 10 s.
 *
 * Env: BENCH_ITEMS (20), BENCH_INTERVAL (30, seconds), BENCH_MODES (embedded,distributed).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { FixtureArticle } from '../test/fixtures/server/index.ts';
import { articlePath } from '../test/fixtures/server/layouts.ts';
import { type NewsSite, startNewsSite } from '../test/fixtures/server/news-site.ts';
import { startSmtp } from '../test/helpers/receivers.ts';
import {
  dropRedisPrefix,
  postgresStore,
  TEST_DATABASE_URL,
  TEST_REDIS_URL,
  uniqueName,
} from '../test/helpers/services.ts';

const ROOT = new URL('..', import.meta.url).pathname;
const BIN = join(ROOT, 'bin', 'diemtin.js');
const INTERVAL = Number(process.env.BENCH_INTERVAL ?? 30);
const MODES = (process.env.BENCH_MODES ?? 'embedded,distributed').split(',');
const ITEMS = (
  parse(readFileSync(join(ROOT, 'bench', 'latency-items.yaml'), 'utf8')).items as {
    slug: string;
    title: string;
    lead: string;
    body: string[];
  }[]
).slice(0, Number(process.env.BENCH_ITEMS ?? 20));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
/** Nearest-rank percentile. */
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.max(0, Math.ceil((p / 100) * xs.length) - 1)]!;

let nextId = 500_000;
function article(
  i: { slug: string; title: string; lead: string; body: string[] },
  slug: string,
): FixtureArticle {
  return {
    id: nextId++,
    slug,
    outlet: 'tinlaocai',
    section: 'giao-duc',
    publishedAt: new Date(),
    author: 'Phóng viên',
    title: i.title,
    lead: i.lead,
    body: i.body,
  };
}

function sourcesFile(siteUrl: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'bench-latency-')), 'sources.yaml');
  writeFileSync(
    file,
    `sources:
  - id: bench-tinlaocai
    name: "Tin Lào Cai – RSS (benchmark)"
    outlet: Tin Lào Cai
    kind: rss
    url: ${siteUrl}/rss/home.rss
    tier: provincial
    interval: ${INTERVAL}s
    selectors: { title: h1.article__title, lead: div.article__sapo, body: "div.article__body", time: ".article__meta time", remove: [".related-news"] }
`,
  );
  return file;
}

/** Starts the monitor and resolves once it says it is running. */
async function startMonitor(args: string[], env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'info', ALLOW_PRIVATE_SOURCES: 'true', CRAWL_HOST_DELAY: '0', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    const t = setTimeout(() => reject(new Error(`monitor did not start:\n${out.slice(-2000)}`)), 120_000);
    child.stderr!.on('data', (d) => {
      out += d;
      if (/"msg":"(diemtin|worker) running"/.test(out)) {
        clearTimeout(t);
        resolve();
      }
    });
    child.once('exit', (code) => reject(new Error(`monitor exited with ${code}:\n${out.slice(-2000)}`)));
  });
  child.stderr!.resume();
  return child;
}

interface Sample {
  slug: string;
  /** The article page's path on the site. */
  path: string;
  published: number;
  fetched?: number;
  mailed?: number;
}

async function runMode(mode: string) {
  const smtp = await startSmtp();
  const site: NewsSite = await startNewsSite('tinlaocai', [], () => new Date());
  const fetchedAt = new Map<string, number>();
  const watch = setInterval(() => {
    for (const r of site.requests.splice(0)) if (!fetchedAt.has(r.path)) fetchedAt.set(r.path, Date.now());
  }, 10);
  const mailedAt = new Map<string, number>();
  const mailWatch = setInterval(() => {
    for (const m of smtp.delivered.splice(0)) {
      const text = m.raw.replace(/=\r?\n/g, '');
      for (const i of ITEMS) {
        const slug = `${i.slug}-${mode}`;
        if (!mailedAt.has(slug) && text.includes(slug)) mailedAt.set(slug, Date.now());
      }
    }
  }, 10);
  const dir = mkdtempSync(join(tmpdir(), `bench-latency-${mode}-`));
  const env: Record<string, string> = {
    SMTP_URL: smtp.url,
    DIEMTIN_SOURCES: sourcesFile(site.url),
    OUTPUT_DIR: dir,
  };
  let cleanup = async () => {};
  let args = ['run'];
  if (mode === 'embedded') env.DATA_DIR = join(dir, 'data');
  else {
    const pg = await postgresStore();
    await pg.store.close();
    const prefix = uniqueName('latency');
    Object.assign(env, {
      DATABASE_URL: `${TEST_DATABASE_URL}?search_path=${pg.schema}`,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: prefix,
    });
    args = ['worker', '--stages', 'fetch,extract,analyse,alert,notify', '--scheduler'];
    cleanup = async () => {
      await dropRedisPrefix(prefix);
      await pg.drop();
    };
  }
  const child = await startMonitor(args, env);
  const samples: Sample[] = [];
  try {
    // Warm-up: an ordinary article, so the classifier model is loaded before the first measured item.
    site.publish(
      article(
        {
          slug: 'khai-giang',
          title: 'Học sinh vùng cao vui khai giảng',
          lead: 'Lễ khai giảng ấm áp ở điểm trường.',
          body: ['Các em học sinh vui mừng đến trường.'],
        },
        `khai-giang-${mode}`,
      ),
    );
    await sleep((INTERVAL + 5) * 1000);
    for (const item of ITEMS) {
      await sleep((INTERVAL / 3 + (Math.random() * (INTERVAL * 2)) / 3) * 1000);
      const a = article(item, `${item.slug}-${mode}`);
      site.publish(a);
      samples.push({ slug: a.slug, path: articlePath(a), published: a.publishedAt.getTime() });
      process.stderr.write('.');
    }
    const deadline = Date.now() + (INTERVAL * 4 + 60) * 1000;
    while (Date.now() < deadline && samples.some((x) => !mailedAt.has(x.slug))) await sleep(200);
    process.stderr.write('\n');
  } finally {
    clearInterval(watch);
    clearInterval(mailWatch);
    child.kill('SIGTERM');
    await new Promise((r) => (child.exitCode !== null ? r(undefined) : child.once('exit', r)));
    await smtp.close();
    await site.close();
    await cleanup();
  }
  for (const x of samples) {
    x.fetched = fetchedAt.get(x.path);
    x.mailed = mailedAt.get(x.slug);
  }
  return samples;
}

function report(mode: string, samples: Sample[]) {
  const done = samples.filter((x) => x.mailed);
  const total = done.map((x) => x.mailed! - x.published);
  const wait = done.filter((x) => x.fetched).map((x) => x.fetched! - x.published);
  const work = done.filter((x) => x.fetched).map((x) => x.mailed! - x.fetched!);
  const name =
    mode === 'embedded' ? 'embedded (PGlite + in-process queue)' : 'distributed (PostgreSQL + Redis/BullMQ)';
  const goal = (INTERVAL + 10) * 1000;
  console.log(`\n${name}: ${done.length}/${samples.length} e-mails received`);
  if (total.length === 0) return;
  console.log(
    `  publication → e-mail  p50 ${s(pct(total, 50))}  p95 ${s(pct(total, 95))}  max ${s(Math.max(...total))}   goal p95 < ${s(goal)}: ${pct(total, 95) < goal && done.length === samples.length ? 'met' : 'NOT met'}`,
  );
  console.log(
    `  waiting for the poll  p50 ${s(pct(wait, 50))}  p95 ${s(pct(wait, 95))}  max ${s(Math.max(...wait))}`,
  );
  console.log(
    `  page fetched → e-mail p50 ${s(pct(work, 50))}  p95 ${s(pct(work, 95))}  max ${s(Math.max(...work))}`,
  );
}

console.log(
  `bench:latency — ${ITEMS.length} crisis items per mode, RSS polled every ${INTERVAL} s, publications ${INTERVAL / 3}–${INTERVAL} s apart`,
);
for (const mode of MODES) report(mode, await runMode(mode));
process.exit(0);
