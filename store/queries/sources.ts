import type { Source } from '../../config/index.ts';
import { json, type Queryable } from '../db.ts';

export interface SourceRow {
  id: string;
  name: string;
  outlet: string;
  kind: Source['kind'];
  url: string;
  tier: Source['tier'];
  interval_s: number;
  enabled: boolean;
  config: Source;
  next_poll_at: Date;
  last_polled_at: Date | null;
  last_success_at: Date | null;
  consecutive_failures: number;
  last_error: string | null;
  disabled_reason: string | null;
  etag: string | null;
  last_modified: string | null;
  poll_interval_s: number | null;
  health_disabled: boolean;
  last_new_items: number;
}

/** Brings the sources table in line with the configuration; polling state and health are kept. */
export async function syncSources(db: Queryable, province: string, sources: Source[]): Promise<void> {
  for (const s of sources) {
    await db.query(
      `INSERT INTO sources (id, province, name, outlet, kind, url, tier, interval_s, enabled, config)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb)
       ON CONFLICT (id) DO UPDATE SET province = $2, name = $3, outlet = $4, kind = $5, url = $6, tier = $7,
         interval_s = $8, enabled = $9, config = $10::jsonb, updated_at = now(),
         disabled_reason = CASE WHEN $9 THEN NULL ELSE sources.disabled_reason END`,
      [s.id, province, s.name, s.outlet, s.kind, s.url, s.tier, s.interval, s.enabled, json(s)],
    );
  }
  await db.query(
    `UPDATE sources SET enabled = false, disabled_reason = 'removed from configuration', updated_at = now()
     WHERE province = $1 AND enabled AND NOT (id = ANY(SELECT jsonb_array_elements_text($2::jsonb)))`,
    [province, json(sources.map((s) => s.id))],
  );
}

/** Atomically takes the sources due for polling and moves their next poll on (safe with several schedulers). */
export async function claimDueSources(db: Queryable, now: Date): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    `UPDATE sources SET last_polled_at = $1, next_poll_at = $1::timestamptz + make_interval(secs => interval_s)
     WHERE enabled AND NOT health_disabled AND next_poll_at <= $1 RETURNING id`,
    [now],
  );
  return rows.map((r) => r.id);
}

/** Makes every enabled source due now (the demo and `crawl --once`). */
export async function makeAllDue(db: Queryable, now: Date): Promise<void> {
  await db.query('UPDATE sources SET next_poll_at = $1 WHERE enabled AND NOT health_disabled', [now]);
}

export async function getSource(db: Queryable, id: string): Promise<SourceRow | undefined> {
  return (await db.query<SourceRow>('SELECT * FROM sources WHERE id = $1', [id]))[0];
}

export async function listSources(db: Queryable): Promise<SourceRow[]> {
  return db.query<SourceRow>('SELECT * FROM sources ORDER BY id');
}

export interface PollOutcome {
  sourceId: string;
  url: string;
  startedAt: Date;
  ok: boolean;
  httpStatus?: number;
  discovered: number;
  fetched: number;
  notModified?: boolean;
  error?: string;
  /** Validators of the index response, for the next conditional GET. */
  etag?: string | null;
  lastModified?: string | null;
}

export interface PollSchedule {
  interval: number;
  delay: number;
  failures: number;
  disable?: string;
}

/** Logs a poll, stores validators and health, and schedules the next poll as the policy decided. */
export async function recordPoll(db: Queryable, o: PollOutcome, plan?: PollSchedule): Promise<void> {
  await db.query(
    `INSERT INTO fetch_log (source_id, url, started_at, ok, http_status, discovered, fetched, error, not_modified)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      o.sourceId,
      o.url,
      o.startedAt,
      o.ok,
      o.httpStatus ?? null,
      o.discovered,
      o.fetched,
      o.error ?? null,
      o.notModified ?? false,
    ],
  );
  await db.query(
    `UPDATE sources SET
       last_success_at = CASE WHEN $2 THEN now() ELSE last_success_at END,
       consecutive_failures = CASE WHEN $2 THEN 0 ELSE consecutive_failures + 1 END,
       last_error = CASE WHEN $2 THEN NULL ELSE $3 END,
       last_new_items = CASE WHEN $2 THEN $4 ELSE last_new_items END,
       etag = CASE WHEN $2 AND NOT $5 THEN $6 ELSE etag END,
       last_modified = CASE WHEN $2 AND NOT $5 THEN $7 ELSE last_modified END,
       poll_interval_s = COALESCE($8, poll_interval_s),
       next_poll_at = CASE WHEN $9::int IS NULL THEN next_poll_at ELSE now() + make_interval(secs => $9::int) END,
       health_disabled = health_disabled OR $10::text IS NOT NULL,
       disabled_reason = COALESCE($10::text || ': ' || $3, disabled_reason)
     WHERE id = $1`,
    [
      o.sourceId,
      o.ok,
      o.error ?? 'unknown error',
      o.fetched,
      o.notModified ?? false,
      o.etag ?? null,
      o.lastModified ?? null,
      plan?.interval ?? null,
      plan?.delay ?? null,
      plan?.disable ?? null,
    ],
  );
}

/** Re-enables a source disabled for failures (`diemtin sources enable`). */
export async function enableSource(db: Queryable, id: string): Promise<boolean> {
  const rows = await db.query(
    `UPDATE sources SET health_disabled = false, consecutive_failures = 0, disabled_reason = NULL, next_poll_at = now()
     WHERE id = $1 RETURNING id`,
    [id],
  );
  return rows.length > 0;
}
