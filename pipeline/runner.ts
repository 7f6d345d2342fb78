import type { PipelineContext } from './context.ts';
import { STAGES, type StageName } from './payloads.ts';

type Handler = (payload: unknown, ctx: PipelineContext) => Promise<void>;

/**
 * Each stage's module, imported when a process first works that stage: a fetch worker never loads the
 * classifier or the alerting and mail code.
 */
const HANDLERS: Record<StageName, () => Promise<Handler>> = {
  fetch: async () => (await import('./stages/fetch.ts')).fetchStage,
  extract: async () => (await import('./stages/extract.ts')).extractStage,
  analyse: async () => (await import('./stages/analyse.ts')).analyseStage,
  alert: async () => (await import('./stages/alert.ts')).alertStage,
  notify: async () => (await import('./stages/notify.ts')).notifyStage,
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
  for (const stage of stages) {
    let handler: Promise<Handler> | undefined;
    ctx.queues.work(
      stage,
      async (payload) => {
        handler ??= HANDLERS[stage]();
        return (await handler)(payload, ctx);
      },
      CONCURRENCY[stage],
    );
  }
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
