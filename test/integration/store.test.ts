import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addDiscovered,
  claimDue,
  claimDueSources,
  createStory,
  enableSource,
  enqueueNotification,
  findExisting,
  insertDocument,
  listSources,
  markFrontier,
  markSent,
  mergeStories,
  migrate,
  nearStories,
  pendingUrls,
  recordPoll,
  type Store,
  syncSources,
} from '../../store/index.ts';
import { buildDocument, fixtureConfig } from '../helpers/factories.ts';
import { makeStore, STORE_KINDS } from '../helpers/services.ts';

describe.each(STORE_KINDS)('store on %s', (kind) => {
  let store: Store;
  let drop: () => Promise<void>;
  const config = fixtureConfig();

  beforeAll(async () => {
    ({ store, drop } = await makeStore(kind));
  });
  afterAll(async () => drop());

  it('applies migrations once', async () => {
    expect(await migrate(store)).toEqual([]);
    const tables = await store.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = current_schema() AND table_name IN ('documents','incidents','notifications','frontier')",
    );
    expect(tables[0]?.n).toBe(4);
  });

  it('syncs sources, claims due ones once, records health', async () => {
    await syncSources(store, 'lao-cai', config.sources);
    const now = new Date();
    const due = await claimDueSources(store, now);
    expect(due.sort()).toEqual(config.sources.map((s) => s.id).sort());
    expect(await claimDueSources(store, now)).toEqual([]);
    await recordPoll(store, {
      sourceId: due[0]!,
      url: 'http://x',
      startedAt: now,
      ok: false,
      discovered: 0,
      fetched: 0,
      error: 'boom',
    });
    const row = (await listSources(store)).find((s) => s.id === due[0]);
    expect(row).toMatchObject({ consecutive_failures: 1, last_error: 'boom' });
    await syncSources(store, 'lao-cai', config.sources.slice(1));
    expect((await listSources(store)).find((s) => s.id === config.sources[0]!.id)).toMatchObject({
      enabled: false,
      disabled_reason: 'removed from configuration',
    });
  });

  it('schedules by the polling plan, disables a failing source with the reason, and re-enables it', async () => {
    const id = config.sources[1]!.id;
    await recordPoll(
      store,
      {
        sourceId: id,
        url: 'http://x',
        startedAt: new Date(),
        ok: true,
        discovered: 3,
        fetched: 2,
        etag: '"e1"',
      },
      { interval: 300, delay: 300, failures: 0 },
    );
    let row = (await listSources(store)).find((s) => s.id === id)!;
    expect(row).toMatchObject({
      poll_interval_s: 300,
      etag: '"e1"',
      last_new_items: 2,
      health_disabled: false,
    });
    expect(row.next_poll_at.getTime() - Date.now()).toBeGreaterThan(250_000);
    await recordPoll(
      store,
      {
        sourceId: id,
        url: 'http://x',
        startedAt: new Date(),
        ok: false,
        discovered: 0,
        fetched: 0,
        error: 'HTTP 500',
      },
      { interval: 300, delay: 600, failures: 10, disable: 'disabled after 10 consecutive failures' },
    );
    row = (await listSources(store)).find((s) => s.id === id)!;
    expect(row).toMatchObject({
      health_disabled: true,
      disabled_reason: 'disabled after 10 consecutive failures: HTTP 500',
      etag: '"e1"',
    });
    expect(await claimDueSources(store, new Date(Date.now() + 86400_000))).not.toContain(id);
    expect(await enableSource(store, id)).toBe(true);
    expect(await claimDueSources(store, new Date(Date.now() + 1000))).toContain(id);
  });

  it('keeps discovered URLs until stored, so an interrupted run resumes', async () => {
    const items = [{ url: 'https://a.vn/1.html' }, { url: 'https://a.vn/2.html' }];
    expect(await addDiscovered(store, 'src', items)).toHaveLength(2);
    await markFrontier(store, 'https://a.vn/1.html', 'stored');
    expect((await addDiscovered(store, 'src', items)).map((i) => i.url)).toEqual(['https://a.vn/2.html']);
    expect((await pendingUrls(store, 'src')).map((i) => i.url)).toEqual(['https://a.vn/2.html']);
  });

  it('stores a document once and finds near-duplicates by SimHash distance', async () => {
    const story = await createStory(store, 'Câu chuyện', 'Tin thử', new Date());
    const doc = buildDocument({ simhash: '-1234567890123456789' });
    const id = await insertDocument(store, doc, story);
    expect(id).toBeGreaterThan(0);
    expect(await insertDocument(store, doc, story)).toBeUndefined();
    expect(await findExisting(store, { url: 'x', canonicalUrl: doc.canonicalUrl, contentHash: 'y' })).toEqual(
      { id },
    );
    const near = BigInt.asIntN(64, BigInt(doc.simhash) ^ 0b1011n).toString();
    const far = BigInt.asIntN(64, ~BigInt(doc.simhash)).toString();
    await store.transaction(async (tx) => {
      expect(await nearStories(tx, near, new Date(0), 12)).toEqual([story]);
      expect(await nearStories(tx, far, new Date(0), 12)).toEqual([]);
    });
    // A document close to two stories links them into one.
    const other = await createStory(store, 'Bản khác', 'Tin khác', new Date());
    await insertDocument(
      store,
      buildDocument({ simhash: BigInt.asIntN(64, BigInt(doc.simhash) ^ 0b1111n).toString() }),
      other,
    );
    await store.transaction(async (tx) => {
      const both = await nearStories(tx, near, new Date(0), 12);
      expect(both).toEqual([story, other]);
      await mergeStories(tx, both[0]!, both.slice(1));
    });
    const [merged] = await store.query<{ n: number; stories: number }>(
      'SELECT count(*)::int AS n, count(DISTINCT story_id)::int AS stories FROM documents WHERE story_id IN ($1, $2)',
      [story, other],
    );
    expect(merged).toEqual({ n: 2, stories: 1 });
  });

  it('queues a notification once per dedupe key and claims it for one sender', async () => {
    const n = {
      incidentId: null,
      kind: 'test',
      channel: 'email' as const,
      recipient: 'a@b.example',
      subject: 's',
      bodyText: 't',
      dedupeKey: 'k1',
    };
    expect(await enqueueNotification(store, n)).toBe(true);
    expect(await enqueueNotification(store, n)).toBe(false);
    const now = new Date();
    const lease = (ms: number) => new Date(now.getTime() + ms);
    const [claimed] = await claimDue(store, now, 'sender-a', lease(120_000));
    expect(claimed?.dedupe_key).toBe('k1');
    expect(await claimDue(store, now, 'sender-b', lease(120_000))).toEqual([]);
    // A sender that died: after its lease the row is claimed again, and the first sender may no longer mark it.
    const [again] = await claimDue(store, lease(180_000), 'sender-b', lease(300_000));
    expect(again?.attempts).toBe(2);
    expect(await markSent(store, claimed!.id, 'sender-a', now)).toBe(false);
    expect(await markSent(store, claimed!.id, 'sender-b', now)).toBe(true);
    expect(await claimDue(store, lease(600_000), 'sender-c', lease(700_000))).toEqual([]);
  });
});
