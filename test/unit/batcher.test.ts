import { describe, expect, it } from 'vitest';
import { Batcher } from '../../pipeline/batcher.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('Batcher', () => {
  it('writes a full batch at once, and a partial one after the wait', async () => {
    const writes: number[][] = [];
    const b = new Batcher(
      async (items: number[]) => {
        writes.push(items);
        return items.map((i) => i * 10);
      },
      { maxItems: 3, maxWaitMs: 20 },
    );
    const full = await Promise.all([b.add(1), b.add(2), b.add(3)]);
    expect(full).toEqual([10, 20, 30]);
    expect(writes).toEqual([[1, 2, 3]]);
    const t = performance.now();
    expect(await b.add(4)).toBe(40);
    expect(performance.now() - t).toBeGreaterThanOrEqual(15);
    expect(writes).toEqual([[1, 2, 3], [4]]);
  });

  it('writes one batch at a time; what arrives meanwhile goes in the next batch', async () => {
    let inFlight = 0;
    let most = 0;
    const writes: number[][] = [];
    const b = new Batcher(
      async (items: number[]) => {
        inFlight++;
        most = Math.max(most, inFlight);
        writes.push(items);
        await sleep(20);
        inFlight--;
        return items;
      },
      { maxItems: 100, maxWaitMs: 1 },
    );
    const first = b.add(1);
    await sleep(5); // the first batch is being written
    const rest = [2, 3, 4].map((i) => b.add(i));
    expect(await Promise.all([first, ...rest])).toEqual([1, 2, 3, 4]);
    expect(most).toBe(1);
    expect(writes).toEqual([[1], [2, 3, 4]]);
  });

  it('rejects every item of a failed batch, and later batches still work', async () => {
    let fail = true;
    const b = new Batcher(
      async (items: string[]) => {
        if (fail) throw new Error('database down');
        return items.map((s) => s.length);
      },
      { maxItems: 2, maxWaitMs: 5 },
    );
    const results = await Promise.allSettled([b.add('a'), b.add('bb')]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    expect(await b.add('ccc')).toBe(3);
  });

  it('flush writes what waits without waiting for the batch to fill', async () => {
    const writes: number[][] = [];
    const b = new Batcher(
      async (items: number[]) => {
        writes.push(items);
        return items;
      },
      { maxItems: 100, maxWaitMs: 60_000 },
    );
    const p = b.add(7);
    await b.flush();
    expect(await p).toBe(7);
    expect(writes).toEqual([[7]]);
    expect(b.waiting).toBe(0);
  });
});
