import { json, type Queryable } from '../db.ts';

export interface NewNotification {
  incidentId: number | null;
  kind: string;
  channel: 'email' | 'webhook';
  /** An e-mail address, or the webhook URL. */
  recipient: string;
  subject: string;
  bodyText: string;
  bodyHtml?: string;
  /** Structured content for webhooks. */
  payload?: Record<string, unknown>;
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
  payload: Record<string, unknown> | null;
  dedupe_key: string;
  attempts: number;
  lease_token: string;
}

export async function enqueueNotification(db: Queryable, n: NewNotification): Promise<boolean> {
  const rows = await db.query(
    `INSERT INTO notifications (incident_id, kind, channel, recipient, subject, body_text, body_html, payload, dedupe_key)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9) ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
    [
      n.incidentId,
      n.kind,
      n.channel,
      n.recipient,
      n.subject,
      n.bodyText,
      n.bodyHtml ?? null,
      n.payload ? json(n.payload) : null,
      n.dedupeKey,
    ],
  );
  return rows.length > 0;
}

/**
 * Claims due notifications for one sender: each claimed row gets the sender's lease token until leaseUntil.
 * A row whose lease ran out (its sender died mid-delivery) is due again. SKIP LOCKED lets senders in several
 * processes claim disjoint rows.
 */
export async function claimDue(
  db: Queryable,
  now: Date,
  token: string,
  leaseUntil: Date,
  limit = 20,
): Promise<NotificationRow[]> {
  return db.query<NotificationRow>(
    `UPDATE notifications SET state = 'sending', attempts = attempts + 1, lease_token = $2, lease_until = $3
     WHERE id IN (
       SELECT id FROM notifications
       WHERE (state = 'pending' AND next_attempt_at <= $1) OR (state = 'sending' AND lease_until <= $1)
       ORDER BY next_attempt_at, id LIMIT $4 FOR UPDATE SKIP LOCKED)
     RETURNING id, incident_id, kind, channel, recipient, subject, body_text, body_html, payload, dedupe_key,
       attempts, lease_token`,
    [now, token, leaseUntil, limit],
  );
}

/** Marks a notification sent; false when the sender no longer holds its lease (another took it over). */
export async function markSent(db: Queryable, id: number, token: string, at: Date): Promise<boolean> {
  const rows = await db.query(
    `UPDATE notifications SET state = 'sent', sent_at = $3, last_error = NULL, lease_token = NULL, lease_until = NULL
     WHERE id = $1 AND lease_token = $2 AND state = 'sending' RETURNING id`,
    [id, token, at],
  );
  return rows.length > 0;
}

/** Records a failed attempt: retried at retryAt, or failed for good when retryAt is null. */
export async function markFailed(
  db: Queryable,
  id: number,
  token: string,
  error: string,
  retryAt: Date | null,
): Promise<boolean> {
  const rows = await db.query(
    `UPDATE notifications SET state = CASE WHEN $4::timestamptz IS NULL THEN 'failed' ELSE 'pending' END,
       last_error = $3, next_attempt_at = COALESCE($4::timestamptz, next_attempt_at), lease_token = NULL,
       lease_until = NULL
     WHERE id = $1 AND lease_token = $2 AND state = 'sending' RETURNING id`,
    [id, token, error, retryAt],
  );
  return rows.length > 0;
}

/** When the next notification becomes due (pending retry or a lease running out). */
export async function nextDueAt(db: Queryable): Promise<Date | undefined> {
  const rows = await db.query<{ at: Date | null }>(
    `SELECT min(CASE WHEN state = 'pending' THEN next_attempt_at ELSE lease_until END) AS at
     FROM notifications WHERE state IN ('pending', 'sending')`,
  );
  return rows[0]?.at ?? undefined;
}

export interface NotificationStatus {
  id: number;
  kind: string;
  channel: string;
  recipient: string;
  subject: string;
  state: string;
  attempts: number;
  last_error: string | null;
  created_at: Date;
  sent_at: Date | null;
}

/** Notifications about an incident, with their delivery state. */
export async function incidentNotifications(
  db: Queryable,
  incidentId: number,
): Promise<NotificationStatus[]> {
  return db.query<NotificationStatus>(
    `SELECT id, kind, channel, recipient, subject, state, attempts, last_error, created_at, sent_at
     FROM notifications WHERE incident_id = $1 ORDER BY id`,
    [incidentId],
  );
}
