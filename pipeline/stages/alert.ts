import { processMention } from '../../alerts/index.ts';
import type { PipelineContext } from '../context.ts';
import { AlertPayload } from '../payloads.ts';

/** Opens or joins an incident for a province item, and queues its notifications. */
export async function alertStage(payload: unknown, ctx: PipelineContext): Promise<void> {
  const { documentId } = AlertPayload.parse(payload);
  const outcome = await processMention(ctx.store, ctx.config, documentId, ctx.now());
  if (outcome.notifications > 0)
    await ctx.queues.add('notify', { reason: `incident ${outcome.incidentId}` }, { jobId: 'notify' });
}
