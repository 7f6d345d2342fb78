import { claimDueSources, unclassifiedDocuments } from '../store/index.ts';
import type { PipelineContext } from './context.ts';

export interface Scheduler {
  /** One pass: queue due sources, the outbox, the legal clock, the morning digest, and lost analyses. */
  tick(): Promise<number>;
  close(): Promise<void>;
}

/**
 * Polls each source on its interval, driven by database state (so it survives restarts and several
 * schedulers never double-poll), keeps the notification outbox moving and runs the incidents' legal clock.
 */
export function startScheduler(ctx: PipelineContext, everyMs = 1000): Scheduler {
  let running: Promise<number> | undefined;
  let closed = false;
  let ticks = 0;
  const tick = async () => {
    const due = await claimDueSources(ctx.store, ctx.now());
    for (const sourceId of due) await ctx.queues.add('fetch', { sourceId }, { jobId: `fetch-${sourceId}` });
    // A fresh job id each time: a job left 'active' by a killed worker must not block the sweep until BullMQ
    // finds it stalled.
    if (ticks % 5 === 0)
      await ctx.queues.add(
        'notify',
        { reason: 'sweep' },
        { jobId: `notify-sweep-${Math.floor(Date.now() / 5000)}` },
      );
    // The legal clock: warnings before due times, overdue marks (database state; several schedulers are safe).
    if (ticks % 10 === 0) {
      // Imported here: a scheduler beside fetch workers need not hold the alerting and report code until then.
      const [{ sweepClock }, { alertOptions }] = await Promise.all([
        import('../alerts/sweeper.ts'),
        import('./stages/alert.ts'),
      ]);
      const swept = await sweepClock(ctx.store, ctx.config, ctx.now(), alertOptions(ctx)).catch((err) => {
        ctx.log.error({ err: (err as Error).message }, 'legal clock sweep failed; retried next time');
        return { notifications: 0 };
      });
      if (swept.notifications > 0)
        await ctx.queues.add('notify', { reason: 'clock' }, { jobId: `notify-clock-${Date.now()}` });
    }
    // The morning digest: queued once a day after the configured time (database state, so any scheduler may).
    if (ticks % 30 === 0) {
      // The digest's scheduling only: the monthly report's libraries (docx, charts) are not loaded here.
      const { scheduleDigest } = await import('../reports/digest-send.ts');
      const day = await scheduleDigest(ctx.store, ctx.config, ctx.now(), {
        log: ctx.log,
        outputDir: ctx.env.OUTPUT_DIR,
      });
      if (day) await ctx.queues.add('notify', { reason: 'digest' }, { jobId: `notify-digest-${day}` });
    }
    // After a crash, stored documents whose analysis job was lost; at start all of them, later only those
    // stored long enough ago that their job cannot still be waiting.
    if (ticks % 60 === 0) {
      const before = new Date(Date.now() - (ticks === 0 ? 0 : 600_000)); // created_at is database time
      for (const documentId of await unclassifiedDocuments(ctx.store, before))
        await ctx.queues.add('analyse', { documentId }, { jobId: `analyse-${documentId}` });
    }
    ticks++;
    return due.length;
  };
  const timer = setInterval(() => {
    if (closed || running) return;
    running = tick()
      .catch((err) => {
        ctx.log.error({ err: (err as Error).message }, 'scheduler tick failed');
        return 0;
      })
      .finally(() => {
        running = undefined;
      });
  }, everyMs);
  return {
    tick,
    async close() {
      closed = true;
      clearInterval(timer);
      await running;
    },
  };
}
