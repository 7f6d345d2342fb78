import { deliverDue, notifyIncident } from '../../alerts/index.ts';
import { addIncidentEvent, type NotificationRow } from '../../store/index.ts';
import type { PipelineContext } from '../context.ts';
import { NotifyPayload } from '../payloads.ts';

/**
 * Delivers due notifications from the outbox. It never fails as a job: what could not be sent stays in the
 * outbox and is retried (a delayed job here, and the scheduler's sweep), so a failed job cannot block later ones.
 */
export async function notifyStage(payload: unknown, ctx: PipelineContext): Promise<void> {
  NotifyPayload.parse(payload);
  try {
    const result = await deliverDue(ctx.store, ctx.transport, ctx.now, {
      log: ctx.log,
      leaseMs: ctx.env.NOTIFY_LEASE_SECONDS * 1000,
      onGiveUp: (n, error) => tellOffice(ctx, n, error),
    });
    if (result.retryAt) {
      const delayMs = Math.max(1000, result.retryAt.getTime() - ctx.now().getTime());
      await ctx.queues.add(
        'notify',
        { reason: 'retry' },
        { jobId: `notify-retry-${result.retryAt.getTime()}`, delayMs },
      );
    }
  } catch (err) {
    ctx.log.error(
      { err: (err as Error).message },
      'notification delivery interrupted; the outbox keeps the rest',
    );
  }
}

/** A message given up for good: the office is told, so someone calls the recipient. */
async function tellOffice(ctx: PipelineContext, n: NotificationRow, error: string): Promise<void> {
  const office = ctx.config.departments.departments.find((d) => d.id === ctx.config.departments.office);
  if (!n.incident_id) return;
  const now = ctx.now();
  await ctx.store.transaction(async (tx) => {
    await addIncidentEvent(
      tx,
      n.incident_id!,
      'system',
      'delivery-failed',
      { notification: n.id, recipient: n.recipient, error },
      now,
    );
    if (n.channel === 'email' && n.recipient !== office?.email && n.kind !== 'incident-delivery-failed')
      await notifyIncident(
        tx,
        ctx.config,
        n.incident_id!,
        { kind: 'delivery-failed', notificationId: n.id, recipient: n.recipient, error },
        now,
      );
  });
}
