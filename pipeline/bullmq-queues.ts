import { Queue, UnrecoverableError, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import type { Logger } from '../config/logger.ts';
import { isRetryable } from './errors.ts';
import { message, summary } from './memory-queues.ts';
import { STAGES, type StageName } from './payloads.ts';
import { DEFAULT_RETRY, type Handler, type JobOptions, type Queues, type RetryPolicy } from './queue.ts';

/** BullMQ queues on Redis, one per stage; any number of worker processes may take jobs from them. */
export class BullQueues implements Queues {
  readonly kind = 'bullmq';
  private readonly connection: Redis;
  private readonly queues = new Map<StageName, Queue>();
  private readonly workers: Worker[] = [];
  private readonly owned: Redis[] = [];
  private closed = false;

  constructor(
    redisUrl: string,
    private readonly prefix: string,
    private readonly log: Logger,
    private readonly retry: RetryPolicy = DEFAULT_RETRY,
  ) {
    this.connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
    this.connection.on('error', (err) => this.log.error({ err: err.message }, 'redis connection error'));
  }

  /** The one helper that makes every queue, with the same retry and removal defaults. */
  private queue(stage: StageName): Queue {
    let q = this.queues.get(stage);
    if (!q) {
      q = new Queue(stage, {
        connection: this.connection,
        prefix: this.prefix,
        defaultJobOptions: {
          attempts: this.retry.attempts,
          backoff: { type: 'exponential', delay: this.retry.backoffMs },
          removeOnComplete: true,
          removeOnFail: { count: 5000 },
        },
      });
      this.queues.set(stage, q);
    }
    return q;
  }

  async add(stage: StageName, payload: unknown, options: JobOptions = {}): Promise<void> {
    if (this.closed) return;
    await this.queue(stage).add(stage, payload, {
      ...(options.jobId ? { jobId: options.jobId.replace(/:/g, '_') } : {}),
      ...(options.delayMs ? { delay: options.delayMs } : {}),
    });
  }

  async addMany(stage: StageName, payloads: unknown[]): Promise<void> {
    if (this.closed || payloads.length === 0) return;
    await this.queue(stage).addBulk(payloads.map((data) => ({ name: stage, data })));
  }

  work(stage: StageName, handler: Handler, concurrency: number): void {
    const own = this.connection.duplicate();
    const worker = new Worker(
      stage,
      async (job) => {
        try {
          await handler(job.data);
        } catch (err) {
          if (!isRetryable(err)) throw new UnrecoverableError(message(err));
          throw err;
        }
      },
      { connection: own, prefix: this.prefix, concurrency },
    );
    this.owned.push(own);
    worker.on('failed', (job, err) => {
      const final = !job || job.attemptsMade >= (job.opts.attempts ?? 1) || err instanceof UnrecoverableError;
      if (final) this.log.error({ stage, err: err.message, payload: summary(job?.data) }, 'job failed');
      else this.log.warn({ stage, attempt: job?.attemptsMade, err: err.message }, 'job failed, retrying');
    });
    worker.on('error', (err) => this.log.error({ stage, err: err.message }, 'worker error'));
    this.workers.push(worker);
  }

  async idle(): Promise<boolean> {
    for (const stage of STAGES) {
      const counts = await this.queue(stage).getJobCounts(
        'waiting',
        'active',
        'delayed',
        'prioritized',
        'waiting-children',
      );
      if (Object.values(counts).some((n) => n > 0)) return false;
    }
    return true;
  }

  /** Closes workers (letting running jobs finish), then queues and the connection; safe to call twice. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const results = await Promise.allSettled([
      // BullMQ does not close connections it was given: ours are ended below.
      ...this.workers.map((w) => w.close()),
      ...[...this.queues.values()].map((q) => q.close()),
    ]);
    for (const r of results)
      if (r.status === 'rejected') this.log.warn({ err: message(r.reason) }, 'close failed');
    for (const c of this.owned) c.disconnect();
    this.connection.disconnect();
  }
}
