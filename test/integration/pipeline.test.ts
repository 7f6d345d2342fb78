import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Fixtures, startFixtures } from '../fixtures/server/index.ts';
import { articlePath } from '../fixtures/server/layouts.ts';
import { PROVINCE_DIR } from '../helpers/factories.ts';
import { fixtureApp, pollAllUntilIdle, snapshot } from '../helpers/run-fixture.ts';
import {
  dropRedisPrefix,
  postgresStore,
  TEST_DATABASE_URL,
  TEST_REDIS_URL,
  uniqueName,
} from '../helpers/services.ts';

/** Which incident each fixture crisis story must open: department by story key or slug. */
/** One per crisis: an article's story, or a social post of its own (a post with a story joins that story's). */
function expectedIncidents(fx: Fixtures) {
  const bySlug = new Map(fx.articles.map((a) => [a.slug, a]));
  const fromArticles = fx.articles
    .filter(
      (a) =>
        a.expect?.incident &&
        (!a.story || bySlug.get(a.slug) === fx.articles.find((b) => b.story === a.story)),
    )
    .map((a) => ({
      key: a.story ?? a.slug,
      department: (a.expect!.incident as { department: string }).department,
    }));
  const fromPosts = fx.posts
    .filter((p) => p.expect?.incident && !p.story)
    .map((p) => ({
      key: `post:${p.id}`,
      department: (p.expect!.incident as { department: string }).department,
    }));
  return [...fromArticles, ...fromPosts];
}

/** Which incident URLs belong to an expected incident, and how many must be there (all its articles). */
function membersOf(fx: Fixtures, key: string): { is: (url: string) => boolean; count: number } {
  if (key.startsWith('post:')) return { is: (u) => u.endsWith(`/posts/${key.slice(5)}`), count: 1 };
  const base = (outlet: string) => fx.sites[outlet as keyof typeof fx.sites].url;
  const urls = fx.articles
    .filter((a) => (a.story ?? a.slug) === key)
    .map((a) => `${base(a.outlet)}${articlePath(a)}`);
  return { is: (u) => urls.includes(u), count: urls.length };
}

describe('the fixture province end to end', () => {
  let fx: Fixtures;
  let embedded: Awaited<ReturnType<typeof snapshot>>;
  let outputDir: string;

  beforeAll(async () => {
    fx = await startFixtures();
  });
  afterAll(async () => fx?.close());

  it('embedded (PGlite + in-process queue): stores everything, groups the syndicated story, opens one incident per crisis', async () => {
    outputDir = mkdtempSync(join(tmpdir(), 'diemtin-out-'));
    const app = await fixtureApp(fx, { outputDir });
    try {
      await pollAllUntilIdle(app);
      embedded = await snapshot(app);
    } finally {
      await app.close();
    }
    const base = (outlet: string) => fx.sites[outlet as keyof typeof fx.sites].url;
    const articleUrls = fx.articles.map((a) => `${base(a.outlet)}${articlePath(a)}`);
    expect(embedded.documents).toEqual(expect.arrayContaining(articleUrls));
    expect(embedded.documents.length).toBeGreaterThanOrEqual(fx.articles.length + 20);

    // The original and its three reprints are one story.
    const poisoning = fx.articles.filter(
      (a) => a.story === 'ngo-doc-ban-tru-bat-xat' && /Theo Tin Lào Cai/.test(a.body.join(' ')),
    );
    const story = embedded.stories.find((s) =>
      s.urls.includes(`${base(poisoning[0]!.outlet)}${articlePath(poisoning[0]!)}`),
    );
    expect(story?.urls.length).toBeGreaterThanOrEqual(poisoning.length + 1);

    const want = expectedIncidents(fx);
    expect(embedded.incidents).toHaveLength(want.length);
    for (const w of want) {
      const members = membersOf(fx, w.key);
      const inc = embedded.incidents.find((i) => i.urls.some(members.is));
      expect(inc, w.key).toBeDefined();
      expect(inc!.department, w.key).toBe(w.department);
      expect(inc!.urls.filter(members.is), w.key).toHaveLength(members.count);
    }
    // A social post about the poisoning joined its incident rather than opening another one.
    const poisoningIncident = embedded.incidents.find((i) => i.department === 'gd-pho-thong')!;
    expect(poisoningIncident.urls.some((u) => u.startsWith(fx.social.url))).toBe(true);
    // Five outlets, the national press and a parents' page: a crisis, titled by the original report.
    expect(poisoningIncident).toMatchObject({
      level: 'khung-hoang',
      title: fx.articles.find((a) => a.slug === 'ngo-doc-thuc-pham-bep-an-ban-tru-trinh-tuong')!.title,
    });
    // Received today: Decree 244/2026, 24 hours from receipt; the department's facts in 8 hours.
    for (const i of embedded.incidents) {
      expect(i.rule_set).toBe('nd-244-2026');
      expect(i.statement_due_at.getTime() - i.received_at.getTime()).toBe(24 * 3600_000);
      expect(i.facts_due_at.getTime() - i.received_at.getTime()).toBe(8 * 3600_000);
    }
    // Notifications were delivered (as .eml files without SMTP).
    expect(readdirSync(join(outputDir, 'mail')).length).toBeGreaterThanOrEqual(want.length * 2);
  });

  it('distributed (BullMQ on Redis + PostgreSQL): stores the same documents and incidents', async () => {
    const pg = await postgresStore();
    await pg.store.close();
    const prefix = uniqueName('dt');
    // This province pins Decree 09/2017: the statement clock runs from the event.
    const root = mkdtempSync(join(tmpdir(), 'diemtin-config-'));
    cpSync(join(PROVINCE_DIR, '..', '..'), root, { recursive: true });
    const configDir = join(root, 'provinces');
    const provinceFile = join(configDir, 'lao-cai', 'province.yaml');
    writeFileSync(
      provinceFile,
      readFileSync(provinceFile, 'utf8').replace(/^ruleSet: auto$/m, 'ruleSet: nd-09-2017'),
    );
    const app = await fixtureApp(fx, {
      databaseUrl: TEST_DATABASE_URL,
      schema: pg.schema,
      redisUrl: TEST_REDIS_URL,
      queuePrefix: prefix,
      configDir,
    });
    try {
      await pollAllUntilIdle(app);
      const distributed = await snapshot(app);
      expect(distributed.documents).toEqual(embedded.documents);
      const shape = (s: typeof distributed) =>
        s.incidents
          .map((i) => ({ department: i.department, urls: i.urls }))
          .sort((a, b) => a.urls[0]!.localeCompare(b.urls[0]!));
      expect(shape(distributed)).toEqual(shape(embedded));
      for (const i of distributed.incidents) {
        expect(i.rule_set).toBe('nd-09-2017');
        expect(i.statement_due_at.getTime() - i.event_at.getTime()).toBe(24 * 3600_000);
      }
    } finally {
      await app.close();
      await dropRedisPrefix(prefix);
      await pg.drop();
    }
  });

  it('distributed over processes by stage: a fetch-only worker hands its pages to extract workers through Redis', async () => {
    const pg = await postgresStore();
    await pg.store.close();
    const prefix = uniqueName('dt');
    const shared = {
      databaseUrl: TEST_DATABASE_URL,
      schema: pg.schema,
      redisUrl: TEST_REDIS_URL,
      queuePrefix: prefix,
    };
    // As `diemtin worker --stages fetch` and `diemtin worker --stages extract,analyse,alert,notify` would.
    const fetcher = await fixtureApp(fx, { ...shared, stages: ['fetch'] });
    const others = await fixtureApp(fx, { ...shared, stages: ['extract', 'analyse', 'alert', 'notify'] });
    try {
      await pollAllUntilIdle(fetcher);
      const split = await snapshot(others);
      expect(split.documents).toEqual(embedded.documents);
      // Every page went through the extract queue (BullMQ numbers each queue's jobs): a process that also
      // extracts does it in place and queues only social posts there.
      const redis = new Redis(TEST_REDIS_URL);
      const extractJobs = Number(await redis.get(`${prefix}:extract:id`));
      redis.disconnect();
      const [news] = await others.ctx.store.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM documents WHERE kind = 'news'",
      );
      expect(news!.n).toBeGreaterThan(0);
      expect(extractJobs).toBeGreaterThanOrEqual(news!.n);
      expect(split.incidents.map((i) => i.department).sort()).toEqual(
        embedded.incidents.map((i) => i.department).sort(),
      );
    } finally {
      await fetcher.close();
      await others.close();
      await dropRedisPrefix(prefix);
      await pg.drop();
    }
  });

  it('resumes after a crash mid-run without losing or duplicating documents', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'diemtin-data-'));
    const first = await fixtureApp(fx, { dataDir });
    const { makeAllDue } = await import('../../store/index.ts');
    const { startScheduler } = await import('../../pipeline/index.ts');
    await makeAllDue(first.ctx.store, new Date());
    const scheduler = startScheduler(first.ctx, 300);
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      const [row] = await first.ctx.store.query<{ n: number }>('SELECT count(*)::int AS n FROM documents');
      if ((row?.n ?? 0) >= 10) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    await scheduler.close();
    await first.close(); // queued jobs are dropped, as in a crash of the embedded process
    const second = await fixtureApp(fx, { dataDir });
    try {
      await pollAllUntilIdle(second);
      const after = await snapshot(second);
      expect(after.documents).toEqual(embedded.documents);
      const [dups] = await second.ctx.store.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM (SELECT canonical_url FROM documents GROUP BY 1 HAVING count(*) > 1) x',
      );
      expect(dups?.n).toBe(0);
      // Documents stored before the crash whose analysis job was dropped are classified after the restart.
      const [unlabeled] = await second.ctx.store.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM documents d LEFT JOIN classifications c ON c.document_id = d.id WHERE c.document_id IS NULL',
      );
      expect(unlabeled?.n).toBe(0);
      expect(after.incidents.map((i) => i.department).sort()).toEqual(
        embedded.incidents.map((i) => i.department).sort(),
      );
    } finally {
      await second.close();
    }
  });
  it('picks up a crisis published during the run and opens a new incident for it', async () => {
    const app = await fixtureApp(fx);
    try {
      await pollAllUntilIdle(app);
      const before = await snapshot(app);
      const url = fx.sites.tinlaocai.publish({
        id: 199_001,
        slug: 'xe-dua-don-hoc-sinh-gap-tai-nan-van-chan',
        outlet: 'tinlaocai',
        section: 'giao-duc',
        publishedAt: new Date(Date.now() - 60_000),
        author: 'Hoàng Lâm',
        title: 'Xe đưa đón học sinh gặp tai nạn ở Văn Chấn, 7 em bị thương',
        lead: 'Sáng nay, một xe đưa đón học sinh của trường tiểu học ở xã Sơn Lương (huyện Văn Chấn cũ, tỉnh Lào Cai) lật xuống ta luy, 7 học sinh bị thương phải đưa đi cấp cứu.',
        body: [
          'Theo thông tin ban đầu, chiếc xe chở 16 học sinh từ các bản về điểm trường chính thì mất lái trên đoạn đèo dốc. Người dân đã phá cửa kính đưa các em ra ngoài.',
          'Bảy học sinh bị thương được đưa vào Trung tâm Y tế khu vực cấp cứu, trong đó hai em bị gãy tay. Phụ huynh bức xúc vì xe đưa đón đã cũ và tài xế không có giấy phép phù hợp.',
          'Sở GD&ĐT cho biết đã yêu cầu nhà trường báo cáo vụ tai nạn, rà soát hợp đồng đưa đón học sinh và phối hợp với công an làm rõ trách nhiệm.',
        ],
      });
      await pollAllUntilIdle(app);
      const after = await snapshot(app);
      expect(after.documents).toContain(url);
      expect(after.incidents.length).toBe(before.incidents.length + 1);
      const fresh = after.incidents.find((i) => i.urls.includes(url));
      expect(fresh?.department).toBe('gd-pho-thong');
    } finally {
      await app.close();
    }
  });
});
