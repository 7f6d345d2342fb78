import { Worker } from 'node:worker_threads';
import type { Source } from '../config/index.ts';
import type { Article } from '../crawlers/index.ts';

/** A fetched page to extract. */
export interface ExtractTask {
  url: string;
  finalUrl: string;
  html: string;
  hint: { title?: string; publishedAt?: string };
  selectors?: Source['selectors'];
}

/** The article of a page with its dedup keys, or no article (no title or too little text). */
export type Extracted =
  | { article: Article; contentHash: string; simhash: string }
  | { article: undefined; contentHash?: undefined; simhash?: undefined };

/**
 * The extraction thread's heap limit. Parsing allocates a DOM per page; V8 soon allocates such objects
 * straight in the old generation, which, sized by the machine's memory, it collects only after growing by
 * hundreds of megabytes. A thread with its own small heap collects them as it goes.
 */
const HEAP_LIMIT_MB = 64;

interface Waiting {
  resolve: (r: Extracted) => void;
  reject: (e: Error) => void;
}

/**
 * Extracts pages in a worker thread: the parse and extraction (the crawl process's main CPU cost) run beside
 * fetching and storing on the main thread, and their garbage stays in the thread's small heap. A thread that
 * dies (out of memory on a hostile page) fails the pages it held and is replaced for the next page.
 */
export class ExtractPool {
  private current: { worker: Worker; waiting: Map<number, Waiting> } | undefined;
  private nextId = 0;
  private closed = false;

  extract(task: ExtractTask): Promise<Extracted> {
    if (this.closed) return Promise.reject(new Error('extraction pool closed'));
    const { worker, waiting } = this.current ?? this.start();
    const id = ++this.nextId;
    return new Promise<Extracted>((resolve, reject) => {
      waiting.set(id, { resolve, reject });
      if (waiting.size === 1) worker.ref();
      worker.postMessage({ id, task });
    });
  }

  /** Starts the thread ahead of the first page (loading its modules takes a few seconds). */
  warm(): void {
    if (!this.closed && !this.current) this.start();
  }

  async close(): Promise<void> {
    this.closed = true;
    const c = this.current;
    this.current = undefined;
    if (c) await c.worker.terminate();
  }

  private start() {
    // The thread registers the TypeScript loader the process uses (bin/diemtin.js), then loads the worker
    // module; messages wait on its port meanwhile.
    const boot = `(async () => {
      const { register } = await import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))});
      register();
      await import(${JSON.stringify(new URL('./extract-worker.ts', import.meta.url).href)});
    })().catch((err) => { throw err; });`;
    const worker = new Worker(boot, {
      eval: true,
      resourceLimits: { maxOldGenerationSizeMb: HEAP_LIMIT_MB, maxYoungGenerationSizeMb: 16 },
    });
    const waiting = new Map<number, Waiting>();
    // An idle thread does not keep the process alive.
    worker.unref();
    worker.on('message', (msg: { id: number; result?: Extracted; error?: string }) => {
      const w = waiting.get(msg.id);
      if (!w) return;
      waiting.delete(msg.id);
      if (waiting.size === 0) worker.unref();
      if (msg.error !== undefined) w.reject(new Error(msg.error));
      else w.resolve(msg.result!);
    });
    const fail = (err: Error) => {
      if (this.current?.worker === worker) this.current = undefined;
      for (const w of waiting.values()) w.reject(err);
      waiting.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`extraction thread exited with code ${code}`)));
    this.current = { worker, waiting };
    return this.current;
  }
}

let shared: ExtractPool | undefined;

/** The process's extraction thread, started on first use. */
export function extractPool(): ExtractPool {
  shared ??= new ExtractPool();
  return shared;
}
