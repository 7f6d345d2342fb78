import { json, type Queryable } from '../db.ts';

export interface Discovered {
  url: string;
  hint?: Record<string, unknown>;
}

/**
 * Records discovered article URLs and returns those still to fetch: new ones, and ones found earlier
 * that were never stored (so a crash between discovery and storage loses nothing).
 */
export async function addDiscovered(
  db: Queryable,
  sourceId: string,
  items: Discovered[],
  maxAttempts = 5,
): Promise<Discovered[]> {
  if (items.length === 0) return [];
  const rows = await db.query<{ url: string }>(
    `WITH input AS (
       SELECT e->>'url' AS url, COALESCE(e->'hint', '{}'::jsonb) AS hint
       FROM jsonb_array_elements($2::jsonb) e
     ), ins AS (
       INSERT INTO frontier (url, source_id, hint) SELECT url, $1, hint FROM input
       ON CONFLICT (url) DO NOTHING RETURNING url
     )
     SELECT url FROM ins
     UNION
     SELECT f.url FROM frontier f JOIN input i ON i.url = f.url WHERE f.state = 'pending' AND f.attempts < $3`,
    [sourceId, json(items), maxAttempts],
  );
  const keep = new Set(rows.map((r) => r.url));
  return items.filter((i) => keep.has(i.url));
}

/** Pending URLs of a source (left over from an interrupted run). */
export async function pendingUrls(
  db: Queryable,
  sourceId: string,
  maxAttempts = 5,
  limit = 200,
): Promise<Discovered[]> {
  return db.query<Discovered>(
    `SELECT url, hint FROM frontier WHERE source_id = $1 AND state = 'pending' AND attempts < $2
     ORDER BY discovered_at LIMIT $3`,
    [sourceId, maxAttempts, limit],
  );
}

export async function markFrontier(
  db: Queryable,
  url: string,
  state: 'pending' | 'stored' | 'failed' | 'duplicate',
  error?: string,
): Promise<void> {
  await db.query(
    `UPDATE frontier SET state = $2, last_error = $3, updated_at = now(),
       attempts = attempts + CASE WHEN $2 = 'pending' THEN 1 ELSE 0 END
     WHERE url = $1`,
    [url, state, error ?? null],
  );
}
