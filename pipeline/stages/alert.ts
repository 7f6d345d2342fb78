import { checkSpikes, processMention } from '../../alerts/index.ts';
import type { PipelineContext } from '../context.ts';
import { AlertPayload } from '../payloads.ts';

/** Where alerts go besides e-mail, from the environment. */
export const alertOptions = (ctx: PipelineContext) => ({ webhookUrl: ctx.env.WEBHOOK_URL });

/**
 * Opens, joins or escalates an incident for a province item, checks its topic lines and risks for a spike,
 * and has the decided notifications delivered at once (the outbox keeps them if this process dies first).
 */
export async function alertStage(payload: unknown, ctx: PipelineContext): Promise<void> {
  const { documentId } = AlertPayload.parse(payload);
  const outcome = await processMention(ctx.store, ctx.config, documentId, ctx.now(), alertOptions(ctx));
  const spikes = await checkSpikes(ctx.store, ctx.config, documentId, ctx.now(), alertOptions(ctx));
  if (outcome.notifications + spikes > 0)
    await ctx.queues.add('notify', { reason: `document ${documentId}` }, { jobId: `notify-${documentId}` });
}
