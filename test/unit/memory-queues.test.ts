import { describe, expect, it } from 'vitest';
import { createLogger } from '../../config/index.ts';
import { PermanentError } from '../../pipeline/errors.ts';
import { HIGH_WATER, MemoryQueues } from '../../pipeline/memory-queues.ts';

const log = createLogger('silent');

describe('in-process queues', () => {
  it('make a producer wait while a stage is full, and lose no job', async () => {
    const q = new MemoryQueues(log, { attempts: 1, backoffMs: 1 });
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const seen: number[] = [];
    q.work(
      'extract',
      async (p) => {
        await gate;
        seen.push(p as number);
      },
      1,
    );
    let added = 0;
    const producer = (async () => {
      for (let i = 0; i < HIGH_WATER + 20; i++) {
        await q.add('extract', i);
        added++;
      }
    })();
    await new Promise((r) => setTimeout(r, 50));
    // One job running, HIGH_WATER waiting: the producer is held back.
    expect(added).toBe(HIGH_WATER + 1);
    release();
    await producer;
    while (!(await q.idle())) await new Promise((r) => setTimeout(r, 5));
    expect(seen).toEqual([...Array(HIGH_WATER + 20).keys()]);
    await q.close();
  });

  it('retries failures with backoff, but not permanent ones', async () => {
    const q = new MemoryQueues(log, { attempts: 3, backoffMs: 1 });
    const tries: Record<string, number> = { flaky: 0, bad: 0 };
    q.work(
      'analyse',
      async (p) => {
        const k = p as 'flaky' | 'bad';
        tries[k]!++;
        if (k === 'bad') throw new PermanentError('bad input');
        if (tries[k]! < 3) throw new Error('transient');
      },
      2,
    );
    await q.add('analyse', 'flaky');
    await q.add('analyse', 'bad');
    await new Promise((r) => setTimeout(r, 50));
    while (!(await q.idle())) await new Promise((r) => setTimeout(r, 5));
    expect(tries).toEqual({ flaky: 3, bad: 1 });
    await q.close();
  });
});
