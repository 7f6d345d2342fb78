import type { Logger } from '../config/logger.ts';
import { isRetryable } from './errors.ts';
import type { StageName } from './payloads.ts';
import { DEFAULT_RETRY, type Handler, type JobOptions, type Queues, type RetryPolicy } from './queue.ts';

interface Job {
  payload: unknown;
  attempt: number;
  jobId?: string;
}

/** Jobs waiting in one stage before `add` makes its caller wait: fetched pages cannot pile up in memory. */
export const HIGH_WATER = 64;

/**
 * In-process queues for the embedded mode: per-stage concurrency, retries with exponential backoff, and
 * backpressure (adding to a full stage waits until it drains).
 */
export class MemoryQueues implements Queues {
  readonly kind = 'memory';
  private readonly waiting = new Map<StageName, Job[]>();
  private readonly workers = new Map<StageName, { handler: Handler; concurrency: number; running: number }>();
  private readonly ids = new Set<string>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly roomWaiters = new Map<StageName, (() => void)[]>();
  private active = 0;
  private closed = false;

  constructor(
    private readonly log: Logger,
    private readonly retry: RetryPolicy = DEFAULT_RETRY,
  ) {}

  async add(stage: StageName, payload: unknown, options: JobOptions = {}): Promise<void> {
    if (this.closed) return;
    while (!this.closed && this.workers.has(stage) && (this.waiting.get(stage)?.length ?? 0) >= HIGH_WATER) {
      await new Promise<void>((resolve) =>
        this.roomWaiters.set(stage, [...(this.roomWaiters.get(stage) ?? []), resolve]),
      );
    }
    if (this.closed) return;
    if (options.jobId) {
      const key = `${stage}/${options.jobId}`;
      if (this.ids.has(key)) return;
      this.ids.add(key);
    }
    const job: Job = { payload, attempt: 1, jobId: options.jobId };
    if (options.delayMs) this.later(stage, job, options.delayMs);
    else this.push(stage, job);
  }

  async addMany(stage: StageName, payloads: unknown[]): Promise<void> {
    // One by one: each waits for room in the stage as `add` does.
    for (const payload of payloads) await this.add(stage, payload);
  }

  work(stage: StageName, handler: Handler, concurrency: number): void {
    this.workers.set(stage, { handler, concurrency, running: 0 });
    this.pump(stage);
  }

  async idle(): Promise<boolean> {
    return (
      this.active === 0 && this.timers.size === 0 && [...this.waiting.values()].every((q) => q.length === 0)
    );
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const waiters of this.roomWaiters.values()) for (const w of waiters) w();
    this.roomWaiters.clear();
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.waiting.clear();
    const deadline = Date.now() + 10_000;
    while (this.active > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  }

  private push(stage: StageName, job: Job): void {
    const q = this.waiting.get(stage) ?? [];
    q.push(job);
    this.waiting.set(stage, q);
    this.pump(stage);
  }

  private later(stage: StageName, job: Job, ms: number): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      this.push(stage, job);
    }, ms);
    this.timers.add(t);
  }

  private pump(stage: StageName): void {
    const w = this.workers.get(stage);
    const q = this.waiting.get(stage);
    while (w && q && q.length > 0 && w.running < w.concurrency && !this.closed) {
      const job = q.shift()!;
      if (q.length < HIGH_WATER) {
        const waiters = this.roomWaiters.get(stage) ?? [];
        this.roomWaiters.delete(stage);
        for (const wake of waiters) wake();
      }
      w.running++;
      this.active++;
      void this.run(stage, w.handler, job).finally(() => {
        w.running--;
        this.active--;
        this.pump(stage);
      });
    }
  }

  private async run(stage: StageName, handler: Handler, job: Job): Promise<void> {
    try {
      await handler(job.payload);
      this.release(stage, job);
    } catch (err) {
      if (isRetryable(err) && job.attempt < this.retry.attempts && !this.closed) {
        const delay = this.retry.backoffMs * 2 ** (job.attempt - 1);
        this.log.warn({ stage, attempt: job.attempt, err: message(err) }, 'job failed, retrying');
        this.later(stage, { ...job, attempt: job.attempt + 1 }, delay);
      } else {
        this.release(stage, job);
        this.log.error(
          { stage, attempts: job.attempt, err: message(err), payload: summary(job.payload) },
          'job failed',
        );
      }
    }
  }

  private release(stage: StageName, job: Job): void {
    if (job.jobId) this.ids.delete(`${stage}/${job.jobId}`);
  }
}

export function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** A payload's identifying fields for logs (never the page HTML). */
export function summary(payload: unknown): Record<string, unknown> {
  if (!payload || typeof payload !== 'object') return { payload };
  const p = payload as Record<string, unknown>;
  return {
    sourceId: p.sourceId,
    url: p.url ?? (p.article as { url?: string })?.url,
    documentId: p.documentId,
  };
}
