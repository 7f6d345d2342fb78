import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Batcher } from '../../pipeline/batcher.ts';
import type { PipelineContext } from '../../pipeline/index.ts';
import { storeArticle } from '../../pipeline/stages/store.ts';
import {
  addDiscovered,
  nearStories,
  pendingUrls,
  type Store,
  type StoreItem,
  storeDocuments,
  unclassifiedDocuments,
} from '../../store/index.ts';
import { buildDocument } from '../helpers/factories.ts';
import { makeStore, STORE_KINDS } from '../helpers/services.ts';

const WEEK = 7 * 86400_000;

/** A SimHash with the given bits flipped (as a signed decimal, as stored). */
const flip = (h: bigint, bits: number[]) =>
  BigInt.asIntN(
    64,
    bits.reduce((x, b) => x ^ (1n << BigInt(b)), h),
  ).toString();

let seed = 12345;
/** Deterministic pseudo-random 64-bit value. */
function random64(): bigint {
  let x = 0n;
  for (let i = 0; i < 4; i++) {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    x = (x << 16n) | BigInt(seed >>> 16);
  }
  return BigInt.asIntN(64, x);
}

function item(overrides: Partial<StoreItem> = {}): StoreItem {
  const d = buildDocument(overrides);
  return { ...d, storyTitle: d.title, ...overrides };
}

describe.each(STORE_KINDS)('batched store on %s', (kind) => {
  let store: Store;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    ({ store, drop } = await makeStore(kind));
  });
  afterAll(async () => drop());

  const frontierState = async (url: string) =>
    (await store.query<{ state: string }>('SELECT state FROM frontier WHERE url = $1', [url]))[0]?.state;

  it('dedups within one batch by URL, canonical URL and content, and marks the frontier', async () => {
    const a = item();
    const sameUrl = item({ url: a.url, canonicalUrl: 'https://tin.example/khac.html' });
    const sameCanonical = item({ url: `${a.url}?utm_source=zalo`, canonicalUrl: a.canonicalUrl });
    const sameContent = item({ contentHash: a.contentHash });
    const b = item();
    const batch = [a, sameUrl, sameCanonical, sameContent, b];
    await addDiscovered(
      store,
      'test-source',
      batch.map((x) => ({ url: x.url })),
    );
    const ids = await storeDocuments(store, batch, WEEK, 12);
    expect(ids[0]).toBeGreaterThan(0);
    expect(ids.slice(1, 4)).toEqual([undefined, undefined, undefined]);
    expect(ids[4]).toBeGreaterThan(ids[0]!);
    expect(await frontierState(a.url)).toBe('stored');
    expect(await frontierState(sameCanonical.url)).toBe('duplicate');
    expect(await frontierState(sameContent.url)).toBe('duplicate');
    expect(await frontierState(b.url)).toBe('stored');
    // Against stored documents too, in a later batch.
    expect(await storeDocuments(store, [item({ canonicalUrl: b.canonicalUrl })], WEEK, 12)).toEqual([
      undefined,
    ]);
  });

  it('groups a story syndicated by five outlets in one batch into one story with five outlets', async () => {
    const h = random64();
    const outlets = ['Báo A', 'Báo B', 'Báo C', 'Báo D', 'Báo E'];
    const copies = outlets.map((outlet, i) => item({ outlet, simhash: flip(h, [i, 20 + i, 40 + i]) }));
    const unrelated = item({
      simhash: flip(
        h,
        Array.from({ length: 30 }, (_, i) => i * 2),
      ),
    });
    const ids = await storeDocuments(store, [...copies, unrelated], WEEK, 12);
    expect(ids.every((id) => id !== undefined)).toBe(true);
    const rows = await store.query<{ story_id: number; n: number; outlets: string[]; doc_count: number }>(
      `SELECT d.story_id, count(*)::int AS n, s.outlets, s.doc_count FROM documents d JOIN stories s ON s.id = d.story_id
       WHERE d.id = ANY($1::int[]) GROUP BY d.story_id, s.outlets, s.doc_count ORDER BY n DESC`,
      [ids],
    );
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ n: 5, doc_count: 5 });
    expect([...rows[0]!.outlets].sort()).toEqual(outlets);
    expect(rows[1]).toMatchObject({ n: 1, doc_count: 1 });
  });

  it('a page near two stories merges them, across batches, whatever the order', async () => {
    const h = random64();
    const left = item({ simhash: flip(h, [0, 1, 2, 3, 4, 5, 6, 7]) });
    const right = item({ simhash: flip(h, [40, 41, 42, 43, 44, 45, 46, 47]) }); // 16 bits from left
    const [l, r] = await storeDocuments(store, [left, right], WEEK, 12);
    const storyOf = async (id: number) =>
      (await store.query<{ s: number }>('SELECT story_id AS s FROM documents WHERE id = $1', [id]))[0]!.s;
    const [leftStory, rightStory] = [await storyOf(l!), await storyOf(r!)];
    expect(leftStory).not.toBe(rightStory);
    const [bridge] = await storeDocuments(store, [item({ simhash: h.toString() })], WEEK, 12); // 8 bits from each
    expect(await storyOf(r!)).toBe(leftStory);
    expect(await storyOf(bridge!)).toBe(leftStory);
    const stories = await store.query<{ id: number; doc_count: number }>(
      'SELECT id, doc_count FROM stories WHERE id IN ($1, $2)',
      [leftStory, rightStory],
    );
    expect(stories).toEqual([{ id: leftStory, doc_count: 3 }]);
  });

  it('finds exactly the stories a full comparison finds (banded lookup)', async () => {
    const base = Array.from({ length: 40 }, () => random64());
    // Neighbours at distances around the threshold: 10 … 15 bits from a base hash.
    const docs = base.flatMap((h, i) => {
      const bits = Array.from({ length: 10 + (i % 6) }, (_, k) => (k * 7 + i) % 64);
      return [item({ simhash: h.toString() }), item({ simhash: flip(h, bits) })];
    });
    await storeDocuments(store, docs, WEEK, 14);
    const since = new Date(0);
    for (const h of base.slice(0, 20)) {
      for (const extra of [[], [3], [3, 17, 33], [1, 9, 25, 49, 57]]) {
        const q = flip(h, extra);
        const full = await store.query<{ story_id: number }>(
          `SELECT DISTINCT story_id FROM documents WHERE fetched_at >= $2 AND bit_count((simhash # $1::bigint)::bit(64)) <= 12
           ORDER BY story_id`,
          [q, since],
        );
        const banded = await store.transaction((tx) => nearStories(tx, q, since, 12));
        expect(banded).toEqual(full.map((r) => r.story_id));
      }
    }
  });

  it('is all or nothing: a failed batch stores nothing and leaves its pages pending to fetch again', async () => {
    const good = item({ sourceId: 'crash-source' });
    const bad = item({ sourceId: 'crash-source', kind: 'bogus' as 'news' }); // violates the kind check
    await addDiscovered(store, 'crash-source', [{ url: good.url }, { url: bad.url }]);
    const batcher = new Batcher((items: StoreItem[]) => storeDocuments(store, items, WEEK, 12), {
      maxItems: 10,
      maxWaitMs: 1,
    });
    const results = await Promise.allSettled([batcher.add(good), batcher.add(bad)]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    const [n] = await store.query<{ n: number }>('SELECT count(*)::int AS n FROM documents WHERE url = $1', [
      good.url,
    ]);
    expect(n?.n).toBe(0);
    // The next poll (or the process after a crash) fetches both again.
    expect((await pendingUrls(store, 'crash-source')).map((p) => p.url).sort()).toEqual(
      [good.url, bad.url].sort(),
    );
    expect(await addDiscovered(store, 'crash-source', [{ url: good.url }])).toHaveLength(1);
    expect(await storeDocuments(store, [good], WEEK, 12)).toEqual([expect.any(Number)]);
    expect(await frontierState(good.url)).toBe('stored');
  });
});

describe('storing when the classification cannot be queued', () => {
  it('keeps the stored pages, logs the error, and leaves them for the scheduler to queue again', async () => {
    const { store, drop } = await makeStore('pglite');
    const errors: unknown[] = [];
    const log = { error: (o: unknown) => errors.push(o), warn() {}, info() {}, debug() {} };
    const ctx = {
      store,
      config: { sources: [] },
      log,
      queues: {
        addMany: async () => {
          throw new Error('Redis is down');
        },
      },
    } as unknown as PipelineContext;
    try {
      const article = {
        url: 'https://tin.example/hoc-phi-tang.html',
        kind: 'news' as const,
        title: 'Phụ huynh phản ánh học phí tăng',
        lead: 'Nhiều phụ huynh ở xã Bản Xèo phản ánh khoản thu đầu năm tăng mạnh.',
        text: 'Theo phản ánh của phụ huynh, khoản thu đầu năm học tăng gần gấp đôi so với năm trước.',
        author: null,
        publishedAt: new Date('2026-11-23T01:00:00Z'),
        lang: 'vi',
        engagement: {},
      };
      const id = await storeArticle(ctx, 'test-source', new Date('2026-11-23T02:00:00Z'), article);
      expect(id).toBeTypeOf('number');
      expect(errors).toEqual([expect.objectContaining({ err: 'Redis is down', documents: 1 })]);
      // The scheduler's sweep for documents without a classification finds it.
      expect(await unclassifiedDocuments(store, new Date(Date.now() + 60_000))).toContain(id);
    } finally {
      await drop();
    }
  });
});
