import { deliverDue } from '../../alerts/index.ts';
import type { PipelineContext } from '../context.ts';
import { NotifyPayload } from '../payloads.ts';

/** Delivers due notifications from the outbox. */
export async function notifyStage(payload: unknown, ctx: PipelineContext): Promise<void> {
  NotifyPayload.parse(payload);
  const result = await deliverDue(ctx.store, ctx.transport, ctx.now(), ctx.log);
  if (result.retryAt) {
    const delayMs = Math.max(1000, result.retryAt.getTime() - ctx.now().getTime());
    await ctx.queues.add('notify', { reason: 'retry' }, { jobId: 'notify-retry', delayMs });
  }
}
