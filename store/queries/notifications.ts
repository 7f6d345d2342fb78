import type { Queryable } from '../db.ts';

export interface NewNotification {
  incidentId: number | null;
  kind: string;
  channel: 'email' | 'webhook';
  recipient: string;
  subject: string;
  bodyText: string;
  bodyHtml?: string;
  /** Deciding the same notification twice inserts it once. */
  dedupeKey: string;
}

export interface NotificationRow {
  id: number;
  incident_id: number | null;
  kind: string;
  channel: 'email' | 'webhook';
  recipient: string;
  subject: string;
  body_text: string;
  body_html: string | null;
  dedupe_key: string;
  attempts: number;
}

export async function enqueueNotification(db: Queryable, n: NewNotification): Promise<boolean> {
  const rows = await db.query(
    `INSERT INTO notifications (incident_id, kind, channel, recipient, subject, body_text, body_html, dedupe_key)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
    [n.incidentId, n.kind, n.channel, n.recipient, n.subject, n.bodyText, n.bodyHtml ?? null, n.dedupeKey],
  );
  return rows.length > 0;
}

/**
 * Claims due notifications for sending. Rows stuck in 'sending' longer than staleMs (a process died
 * mid-delivery) are claimed again.
 */
export async function claimDue(
  db: Queryable,
  now: Date,
  limit = 50,
  staleMs = 120_000,
): Promise<NotificationRow[]> {
  return db.query<NotificationRow>(
    `UPDATE notifications SET state = 'sending', attempts = attempts + 1, next_attempt_at = $2
     WHERE id IN (
       SELECT id FROM notifications
       WHERE (state = 'pending' AND next_attempt_at <= $1) OR (state = 'sending' AND next_attempt_at <= $1)
       ORDER BY id LIMIT $3 FOR UPDATE SKIP LOCKED)
     RETURNING id, incident_id, kind, channel, recipient, subject, body_text, body_html, dedupe_key, attempts`,
    [now, new Date(now.getTime() + staleMs), limit],
  );
}

export async function markSent(db: Queryable, id: number, at: Date): Promise<void> {
  await db.query(`UPDATE notifications SET state = 'sent', sent_at = $2, last_error = NULL WHERE id = $1`, [
    id,
    at,
  ]);
}

export async function markFailed(
  db: Queryable,
  id: number,
  error: string,
  retryAt: Date | null,
): Promise<void> {
  await db.query(
    `UPDATE notifications SET state = CASE WHEN $3::timestamptz IS NULL THEN 'failed' ELSE 'pending' END,
       last_error = $2, next_attempt_at = COALESCE($3::timestamptz, next_attempt_at) WHERE id = $1`,
    [id, error, retryAt],
  );
}

export async function nextDueAt(db: Queryable): Promise<Date | undefined> {
  const rows = await db.query<{ at: Date | null }>(
    `SELECT min(next_attempt_at) AS at FROM notifications WHERE state IN ('pending', 'sending')`,
  );
  return rows[0]?.at ?? undefined;
}
