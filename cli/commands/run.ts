import type { Env } from '../../config/index.ts';
import {
  type PipelineContext,
  STAGES,
  type StageName,
  startScheduler,
  startWorkers,
} from '../../pipeline/index.ts';
import { buildApp } from '../app.ts';

/** Resolves on SIGINT/SIGTERM. */
export function untilSignal(): Promise<string> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
}

/** The dashboard beside the monitor; one that cannot listen (the port taken) is logged, the monitor goes on. */
async function startDashboard(env: Env, ctx: PipelineContext) {
  const { startWeb } = await import('../../web/index.ts');
  return startWeb({
    store: ctx.store,
    config: ctx.config,
    env,
    log: ctx.log,
    webhookUrl: env.WEBHOOK_URL,
  }).catch((err: Error) => {
    ctx.log.error({ err: err.message }, 'dashboard not started (diemtin run --no-web to run without it)');
    return undefined;
  });
}

/** `diemtin run`: scheduler and every stage in one process (embedded by default). */
export async function runCommand(env: Env, o: { web?: boolean } = {}): Promise<number> {
  const app = await buildApp(env);
  const { ctx } = app;
  startWorkers(ctx);
  const scheduler = startScheduler(ctx);
  // The dashboard alongside the monitor (--no-web: the monitor alone, e.g. when `diemtin web` runs elsewhere).
  const web = o.web ? await startDashboard(env, ctx) : undefined;
  if (web) ctx.log.info({ url: web.url }, 'dashboard listening');
  ctx.log.info(
    {
      sources: ctx.config.sources.length,
      store: ctx.store.kind,
      queue: ctx.queues.kind,
      browser: ctx.browser,
    },
    'diemtin running',
  );
  const signal = await untilSignal();
  ctx.log.info({ signal }, 'shutting down');
  await web?.close();
  await scheduler.close();
  await app.close();
  return 0;
}

/** `diemtin worker --stages fetch,extract`: chosen stages only, taking jobs from Redis. */
export async function workerCommand(
  env: Env,
  stagesFlag: string | undefined,
  scheduler: boolean,
): Promise<number> {
  if (!env.REDIS_URL)
    throw new Error('diemtin worker needs REDIS_URL (workers share BullMQ queues on Redis)');
  const stages = (stagesFlag ?? STAGES.join(',')).split(',').map((s) => s.trim()) as StageName[];
  const unknown = stages.filter((s) => !STAGES.includes(s));
  if (unknown.length > 0)
    throw new Error(`unknown stage(s): ${unknown.join(', ')}; stages are ${STAGES.join(', ')}`);
  const app = await buildApp(env);
  startWorkers(app.ctx, stages);
  const sched = scheduler ? startScheduler(app.ctx) : undefined;
  app.ctx.log.info({ stages, scheduler }, 'worker running');
  const signal = await untilSignal();
  app.ctx.log.info({ signal }, 'shutting down');
  await sched?.close();
  await app.close();
  return 0;
}
