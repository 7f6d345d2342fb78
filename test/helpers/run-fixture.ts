import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type App, buildApp } from '../../cli/app.ts';
import { createLogger, loadEnv } from '../../config/index.ts';
import { type StageName, startScheduler, startWorkers, waitForIdle } from '../../pipeline/index.ts';
import { makeAllDue } from '../../store/index.ts';
import type { Fixtures } from '../fixtures/server/index.ts';

export interface RunOptions {
  databaseUrl?: string;
  schema?: string;
  redisUrl?: string;
  queuePrefix?: string;
  dataDir?: string;
  outputDir?: string;
  /** Folder holding the province folders (default: config/provinces). */
  configDir?: string;
  /** Stages this app works (default: all). */
  stages?: StageName[];
}

/** Builds an app on the fixture province (embedded unless URLs are given) and starts its workers. */
export async function fixtureApp(fx: Fixtures, o: RunOptions = {}): Promise<App> {
  const env = loadEnv(
    {},
    {
      DIEMTIN_SOURCES: 'sources.fixture.yaml',
      ALLOW_PRIVATE_SOURCES: true,
      DATA_DIR: o.dataDir ?? 'memory://',
      OUTPUT_DIR: o.outputDir ?? mkdtempSync(join(tmpdir(), 'diemtin-out-')),
      DATABASE_URL: o.databaseUrl,
      REDIS_URL: o.redisUrl,
      QUEUE_PREFIX: o.queuePrefix ?? 'diemtin',
      LOG_LEVEL: 'warn',
      ...(o.configDir ? { DIEMTIN_CONFIG_DIR: o.configDir } : {}),
    },
  );
  const app = await buildApp(env, {
    vars: fx.vars,
    hostDelaySecs: 0,
    schema: o.schema,
    retry: { attempts: 3, backoffMs: 200 },
    log: createLogger('error'),
  });
  startWorkers(app.ctx, o.stages);
  return app;
}

/** Polls every source now and waits until all queues are quiet. */
export async function pollAllUntilIdle(app: App): Promise<void> {
  await makeAllDue(app.ctx.store, app.ctx.now());
  const scheduler = startScheduler(app.ctx, 300);
  try {
    await waitForIdle(app.ctx, { quietMs: 2000, timeoutMs: 240_000 });
  } finally {
    await scheduler.close();
  }
}

/** What a run stored, in a form two runs can be compared by. */
export async function snapshot(app: App) {
  const db = app.ctx.store;
  const documents = (await db.query<{ url: string }>('SELECT url FROM documents ORDER BY url')).map(
    (r) => r.url,
  );
  const incidents = await db.query<{
    id: number;
    department: string;
    level: string;
    title: string;
    rule_set: string;
    event_at: Date;
    received_at: Date;
    facts_due_at: Date;
    statement_due_at: Date;
    urls: string[];
  }>(
    `SELECT i.id, i.department, i.level, i.title, i.rule_set, i.event_at, i.received_at, i.facts_due_at,
       i.statement_due_at, (SELECT jsonb_agg(d.url ORDER BY d.url) FROM incident_mentions m
       JOIN documents d ON d.id = m.document_id WHERE m.incident_id = i.id) AS urls
     FROM incidents i ORDER BY i.department, i.id`,
  );
  const stories = await db.query<{ story_id: number; urls: string[] }>(
    'SELECT story_id, jsonb_agg(url ORDER BY url) AS urls FROM documents GROUP BY story_id HAVING count(*) > 1',
  );
  return { documents, incidents, stories };
}
