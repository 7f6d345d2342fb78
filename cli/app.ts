import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createTransport, seedPeopleFromConfig } from '../alerts/index.ts';
import { loadModel } from '../classifiers/index.ts';
import { createLogger, type Env, type Logger, loadProvince } from '../config/index.ts';
import { chromiumAvailable } from '../crawlers/index.ts';
import { BullQueues, MemoryQueues, type PipelineContext, type RetryPolicy } from '../pipeline/index.ts';
import { openStore, syncSources } from '../store/index.ts';

export interface AppOptions {
  vars?: Record<string, string>;
  log?: Logger;
  now?: () => Date;
  retry?: RetryPolicy;
  hostDelaySecs?: number;
  schema?: string;
}

export interface App {
  ctx: PipelineContext;
  close(): Promise<void>;
}

/** Builds everything a process needs from the environment: config, store, queues, model, transport. */
export async function buildApp(env: Env, options: AppOptions = {}): Promise<App> {
  const log = options.log ?? createLogger(env.LOG_LEVEL);
  if (env.WEBHOOK_URL && !env.WEBHOOK_SECRET)
    throw new Error('WEBHOOK_URL needs WEBHOOK_SECRET (webhooks are signed with HMAC-SHA256)');
  const config = loadProvince(join(env.DIEMTIN_CONFIG_DIR, env.DIEMTIN_PROVINCE), {
    sourcesFile: env.DIEMTIN_SOURCES,
    vars: { ...process.env, ...options.vars },
  });
  const store = await openStore({
    databaseUrl: env.DATABASE_URL,
    dataDir: env.DATA_DIR,
    schema: options.schema,
  });
  await syncSources(store, config.province.slug, config.sources);
  await seedPeopleFromConfig(store, config);
  const queues = env.REDIS_URL
    ? new BullQueues(env.REDIS_URL, env.QUEUE_PREFIX, log, options.retry)
    : new MemoryQueues(log, options.retry);
  const transport = createTransport({
    smtpUrl: env.SMTP_URL,
    from: env.MAIL_FROM,
    outputDir: env.OUTPUT_DIR,
    webhookSecret: env.WEBHOOK_SECRET,
  });
  if (env.DIEMTIN_MODEL && env.DIEMTIN_MODEL !== 'none' && !existsSync(env.DIEMTIN_MODEL))
    throw new Error(`DIEMTIN_MODEL: no model file at ${env.DIEMTIN_MODEL} (train one with diemtin train)`);
  const ctx: PipelineContext = {
    store,
    config,
    env,
    // Loaded when first used: a process that only fetches and extracts never holds the classifier.
    get model() {
      const model = loadModel(config, env.DIEMTIN_MODEL);
      Object.defineProperty(this, 'model', { value: model });
      return model;
    },
    queues,
    transport,
    log,
    now: options.now ?? (() => new Date()),
    browser: chromiumAvailable(env.CHROMIUM_PATH),
    hostDelaySecs: options.hostDelaySecs ?? env.CRAWL_HOST_DELAY ?? (env.ALLOW_PRIVATE_SOURCES ? 0 : 1),
  };
  let closed = false;
  return {
    ctx,
    async close() {
      if (closed) return;
      closed = true;
      // Every cleanup runs even if one fails.
      for (const step of [() => queues.close(), () => transport.close(), () => store.close()]) {
        try {
          await step();
        } catch (err) {
          log.warn({ err: (err as Error).message }, 'shutdown step failed');
        }
      }
    },
  };
}
