import type { StageName } from './payloads.ts';

export interface JobOptions {
  /** While a job with this id is waiting or running, adding another is a no-op. */
  jobId?: string;
  delayMs?: number;
}

export type Handler = (payload: unknown) => Promise<void>;

/** The queue backend: in-process (embedded) or BullMQ on Redis (distributed). */
export interface Queues {
  readonly kind: 'memory' | 'bullmq';
  add(stage: StageName, payload: unknown, options?: JobOptions): Promise<void>;
  /** Several jobs of one stage at once (one round trip on Redis); no job ids or delays. */
  addMany(stage: StageName, payloads: unknown[]): Promise<void>;
  work(stage: StageName, handler: Handler, concurrency: number): void;
  /** True when no job is waiting, delayed or running in any stage. */
  idle(): Promise<boolean>;
  close(): Promise<void>;
}

export interface RetryPolicy {
  attempts: number;
  backoffMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 4, backoffMs: 1000 };
