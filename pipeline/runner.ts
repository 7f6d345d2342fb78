import type { PipelineContext } from './context.ts';
import { STAGES, type StageName } from './payloads.ts';
import { alertStage } from './stages/alert.ts';
import { analyseStage } from './stages/analyse.ts';
import { extractStage } from './stages/extract.ts';
import { fetchStage } from './stages/fetch.ts';
import { notifyStage } from './stages/notify.ts';

const HANDLERS: Record<StageName, (payload: unknown, ctx: PipelineContext) => Promise<void>> = {
  fetch: fetchStage,
  extract: extractStage,
  analyse: analyseStage,
  alert: alertStage,
  notify: notifyStage,
};

/** Default concurrency per stage: fetches wait on the network; extraction also stores (dedup, story) in the database. */
export const CONCURRENCY: Record<StageName, number> = {
  fetch: 4,
  extract: 4,
  analyse: 2,
  alert: 1,
  notify: 1,
};

/** Starts consuming the chosen stages from ctx.queues (all by default). */
export function startWorkers(ctx: PipelineContext, stages: readonly StageName[] = STAGES): void {
  ctx.working = new Set([...(ctx.working ?? []), ...stages]);
  for (const stage of stages)
    ctx.queues.work(stage, (payload) => HANDLERS[stage](payload, ctx), CONCURRENCY[stage]);
}

/** Resolves when every queue has been idle for `quietMs` (the demo and tests wait on this), or rejects at the deadline. */
export async function waitForIdle(
  ctx: PipelineContext,
  { quietMs = 1500, timeoutMs = 300_000 } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let quietSince: number | undefined;
  while (Date.now() < deadline) {
    if (await ctx.queues.idle()) {
      quietSince ??= Date.now();
      if (Date.now() - quietSince >= quietMs) return;
    } else quietSince = undefined;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`pipeline still busy after ${timeoutMs} ms`);
}
