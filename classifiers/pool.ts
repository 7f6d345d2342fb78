import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ProvinceConfig } from '../config/index.ts';
import type { Classification, ClassifyInput } from './classify.ts';
import { DEFAULT_MODEL_PATH } from './model-file.ts';

/**
 * Resolves with the model version a new thread reports once it has loaded the model. Only this function's
 * own listeners are removed afterwards: a Worker keeps internal listeners that removeAllListeners would drop.
 */
function ready(w: Worker): Promise<string> {
  return new Promise((resolve, reject) => {
    const off = () => {
      w.off('message', onMessage);
      w.off('error', onError);
      w.off('exit', onExit);
    };
    const onMessage = (m: { version: string }) => {
      off();
      resolve(m.version);
    };
    const onError = (err: Error) => {
      off();
      reject(err);
    };
    const onExit = (code: number) => {
      off();
      reject(new Error(`classifier thread exited with code ${code}`));
    };
    w.on('message', onMessage);
    w.on('error', onError);
    w.on('exit', onExit);
  });
}

/** What a pool returns per item: its labels, or the reason it could not be classified. */
export type PoolResult = Classification | { id: string; error: string };
/** The same with the labels as a JSON line (classifyMany with `json`). */
export type PoolLine = string | { id: string; error: string };

interface Pending {
  resolve: (results: unknown[]) => void;
  reject: (err: Error) => void;
}

/**
 * Classification on every core: worker threads that each hold the model and classify batches of items.
 * Classifying is pure CPU work on independent items, so threads scale it with the cores of the machine
 * (the one process keeps one model file and one output order).
 */
export class ClassifierPool {
  private readonly idle: Worker[] = [];
  private readonly waiting: { seq: number; items: ClassifyInput[]; json: boolean }[] = [];
  private readonly pending = new Map<number, Pending>();
  private readonly busy = new Map<Worker, number>();
  private readonly alive: Set<Worker>;
  private seq = 0;
  private closed = false;

  private constructor(
    private readonly workers: Worker[],
    readonly version: string,
  ) {
    this.alive = new Set(workers);
    for (const w of workers) {
      w.on('message', (m: { seq: number; results: unknown[] }) => this.done(w, m));
      w.on('error', (err) => this.lost(w, err));
      w.on('exit', (code) => this.lost(w, new Error(`exited with code ${code}`)));
      this.idle.push(w);
    }
  }

  /** Starts `threads` workers (default: one per core) with the province's model at `modelPath`. */
  static async open(
    config: ProvinceConfig,
    modelPath = '',
    threads = availableParallelism(),
  ): Promise<ClassifierPool> {
    const entry = new URL('./pool-worker.mjs', import.meta.url);
    const data = { config: structuredClone(config), modelPath: modelPath || DEFAULT_MODEL_PATH };
    const workers = Array.from(
      { length: Math.max(1, threads) },
      () => new Worker(entry, { workerData: data }),
    );
    try {
      const versions = await Promise.all(workers.map(ready));
      return new ClassifierPool(workers, versions[0]!);
    } catch (err) {
      await Promise.allSettled(workers.map((w) => w.terminate()));
      throw err;
    }
  }

  /** Classifies the items on the pool's threads; results in the items' order. */
  classifyMany(items: ClassifyInput[], batchSize?: number): Promise<PoolResult[]>;
  /** The same, each result as its JSON line. */
  classifyMany(items: ClassifyInput[], batchSize: number | undefined, json: true): Promise<PoolLine[]>;
  async classifyMany(items: ClassifyInput[], batchSize = 250, json = false): Promise<unknown[]> {
    if (this.closed) throw new Error('the classifier pool is closed');
    const batches: Promise<unknown[]>[] = [];
    for (let i = 0; i < items.length; i += batchSize)
      batches.push(this.submit(items.slice(i, i + batchSize), json));
    return (await Promise.all(batches)).flat();
  }

  private submit(items: ClassifyInput[], json: boolean): Promise<unknown[]> {
    const seq = this.seq++;
    return new Promise((resolve, reject) => {
      this.pending.set(seq, { resolve, reject });
      this.waiting.push({ seq, items, json });
      this.dispatch();
    });
  }

  private dispatch(): void {
    while (this.idle.length > 0 && this.waiting.length > 0) {
      const w = this.idle.pop()!;
      const batch = this.waiting.shift()!;
      this.busy.set(w, batch.seq);
      w.postMessage(batch);
    }
  }

  private done(w: Worker, m: { seq: number; results: unknown[] }): void {
    this.busy.delete(w);
    this.pending.get(m.seq)?.resolve(m.results);
    this.pending.delete(m.seq);
    this.idle.push(w);
    this.dispatch();
  }

  /** A thread that died fails its batch; when none is left, every waiting batch fails too. */
  private lost(w: Worker, err: Error): void {
    if (!this.alive.delete(w)) return;
    const failure = (what: string) => new Error(`${what}: a classifier thread stopped`, { cause: err });
    const seq = this.busy.get(w);
    this.busy.delete(w);
    if (seq !== undefined) {
      this.pending.get(seq)?.reject(failure('batch lost'));
      this.pending.delete(seq);
    }
    const at = this.idle.indexOf(w);
    if (at >= 0) this.idle.splice(at, 1);
    if (this.alive.size === 0 && !this.closed) {
      for (const [s, p] of this.pending) {
        p.reject(failure('no classifier thread left'));
        this.pending.delete(s);
      }
      this.waiting.length = 0;
    }
  }

  /** Stops every thread; safe to call twice. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.allSettled(this.workers.map((w) => w.terminate()));
  }
}
