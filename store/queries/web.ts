import { json, type Queryable } from '../db.ts';

export const WEB_ROLES = ['admin', 'office', 'department', 'leadership', 'viewer'] as const;
export type WebRole = (typeof WEB_ROLES)[number];

export interface WebUserRow {
  id: number;
  username: string;
  name: string;
  role: WebRole;
  department: string | null;
  person_id: string | null;
  password_hash: string;
  active: boolean;
  created_at: Date;
}

export type NewWebUser = Pick<
  WebUserRow,
  'username' | 'name' | 'role' | 'department' | 'person_id' | 'password_hash'
>;

/** Adds an account, or updates the one of that username (a new password, role or department). */
export async function upsertWebUser(db: Queryable, u: NewWebUser): Promise<number> {
  const [r] = await db.query<{ id: number }>(
    `INSERT INTO web_users (username, name, role, department, person_id, password_hash) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (username) DO UPDATE SET name = $2, role = $3, department = $4, person_id = $5, password_hash = $6,
       active = true
     RETURNING id`,
    [u.username, u.name, u.role, u.department, u.person_id, u.password_hash],
  );
  return r!.id;
}

export async function getWebUser(db: Queryable, username: string): Promise<WebUserRow | undefined> {
  return (await db.query<WebUserRow>('SELECT * FROM web_users WHERE username = $1', [username]))[0];
}

export async function listWebUsers(db: Queryable): Promise<WebUserRow[]> {
  return db.query<WebUserRow>('SELECT * FROM web_users ORDER BY username');
}

/** Deactivates an account and ends its sessions and tokens. */
export async function deactivateWebUser(db: Queryable, username: string): Promise<boolean> {
  const rows = await db.query<{ id: number }>(
    'UPDATE web_users SET active = false WHERE username = $1 RETURNING id',
    [username],
  );
  if (!rows[0]) return false;
  await db.query('DELETE FROM web_sessions WHERE user_id = $1', [rows[0].id]);
  await db.query('UPDATE api_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL', [
    rows[0].id,
  ]);
  return true;
}

export async function countWebUsers(db: Queryable): Promise<number> {
  return (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM web_users'))[0]!.n;
}

export async function insertSession(
  db: Queryable,
  id: string,
  userId: number,
  expiresAt: Date,
): Promise<void> {
  await db.query('INSERT INTO web_sessions (id, user_id, expires_at) VALUES ($1, $2, $3)', [
    id,
    userId,
    expiresAt,
  ]);
}

/** The active account of a live session. */
export async function sessionUser(db: Queryable, id: string, now: Date): Promise<WebUserRow | undefined> {
  return (
    await db.query<WebUserRow>(
      `SELECT u.* FROM web_sessions s JOIN web_users u ON u.id = s.user_id
       WHERE s.id = $1 AND s.expires_at > $2 AND u.active`,
      [id, now],
    )
  )[0];
}

export async function deleteSession(db: Queryable, id: string): Promise<void> {
  await db.query('DELETE FROM web_sessions WHERE id = $1 OR expires_at < now()', [id]);
}

export async function insertApiToken(
  db: Queryable,
  userId: number,
  name: string,
  hash: string,
): Promise<number> {
  const [r] = await db.query<{ id: number }>(
    'INSERT INTO api_tokens (user_id, name, token_hash) VALUES ($1, $2, $3) RETURNING id',
    [userId, name, hash],
  );
  return r!.id;
}

/** The active account a bearer token belongs to; marks the token used. */
export async function tokenUser(db: Queryable, hash: string, now: Date): Promise<WebUserRow | undefined> {
  const [u] = await db.query<WebUserRow>(
    `UPDATE api_tokens t SET last_used_at = $2 FROM web_users u
     WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND u.id = t.user_id AND u.active
     RETURNING u.*`,
    [hash, now],
  );
  return u;
}

export interface ApiTokenRow {
  id: number;
  username: string;
  name: string;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

export async function listApiTokens(db: Queryable): Promise<ApiTokenRow[]> {
  return db.query<ApiTokenRow>(
    `SELECT t.id, u.username, t.name, t.created_at, t.last_used_at, t.revoked_at
     FROM api_tokens t JOIN web_users u ON u.id = t.user_id ORDER BY t.id`,
  );
}

export async function revokeApiToken(db: Queryable, id: number): Promise<boolean> {
  const rows = await db.query(
    'UPDATE api_tokens SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL RETURNING id',
    [id],
  );
  return rows.length > 0;
}

export interface AuditEntry {
  userId: number | null;
  username: string;
  action: string;
  target?: string | null;
  ok?: boolean;
  data?: Record<string, unknown>;
  ip?: string | null;
}

export async function addWebAudit(db: Queryable, e: AuditEntry): Promise<void> {
  await db.query(
    'INSERT INTO web_audit (user_id, username, action, target, ok, data, ip) VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7)',
    [e.userId, e.username, e.action, e.target ?? null, e.ok ?? true, json(e.data ?? {}), e.ip ?? null],
  );
}

export interface WebAuditRow {
  id: number;
  at: Date;
  username: string;
  action: string;
  target: string | null;
  ok: boolean;
  data: Record<string, unknown>;
  ip: string | null;
}

export async function listWebAudit(db: Queryable, limit = 100): Promise<WebAuditRow[]> {
  return db.query<WebAuditRow>('SELECT * FROM web_audit ORDER BY id DESC LIMIT $1', [limit]);
}

export interface Labels {
  education: boolean;
  scope: 'province' | 'national' | 'other-province' | 'none';
  topics: string[];
  sentiment: 'positive' | 'neutral' | 'negative';
  risks: string[];
}

/**
 * Records a press officer's correction and applies it to the item's classification (which keeps the
 * classifier's scores and explanations), in one transaction.
 */
export async function correctLabels(
  db: Queryable,
  documentId: number,
  by: { userId: number; username: string },
  labels: Labels,
  at: Date,
): Promise<number | undefined> {
  const [before] = await db.query<Labels & { model_version: string }>(
    'SELECT education, scope, topics, sentiment, risks, model_version FROM classifications WHERE document_id = $1 FOR UPDATE',
    [documentId],
  );
  if (!before) return undefined;
  const [r] = await db.query<{ id: number }>(
    `INSERT INTO label_corrections (document_id, user_id, username, at, education, scope, topics, sentiment, risks, before)
     VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9::jsonb, $10::jsonb) RETURNING id`,
    [
      documentId,
      by.userId,
      by.username,
      at,
      labels.education,
      labels.scope,
      json(labels.topics),
      labels.sentiment,
      json(labels.risks),
      json(before),
    ],
  );
  await db.query(
    `UPDATE classifications SET education = $2, scope = $3, topics = $4::jsonb, sentiment = $5, risks = $6::jsonb,
       model_version = $7 WHERE document_id = $1`,
    [
      documentId,
      labels.education,
      labels.scope,
      json(labels.topics),
      labels.sentiment,
      json(labels.risks),
      `corrected:${by.username}`,
    ],
  );
  return r!.id;
}

export interface LabelCorrectionRow extends Labels {
  id: number;
  document_id: number;
  username: string;
  at: Date;
  before: Partial<Labels>;
}

export async function documentCorrections(db: Queryable, documentId: number): Promise<LabelCorrectionRow[]> {
  return db.query<LabelCorrectionRow>(
    'SELECT * FROM label_corrections WHERE document_id = $1 ORDER BY at DESC, id DESC',
    [documentId],
  );
}

/** The latest correction of each corrected item with its text: the training examples `diemtin train` reads. */
export async function correctedItems(db: Queryable): Promise<
  (Labels & {
    document_id: number;
    kind: 'news' | 'social';
    title: string;
    text: string;
    at: Date;
    username: string;
  })[]
> {
  return db.query(
    `SELECT DISTINCT ON (l.document_id) l.document_id, l.education, l.scope, l.topics, l.sentiment, l.risks, l.at,
            l.username, d.kind, d.title, d.text
     FROM label_corrections l JOIN documents d ON d.id = l.document_id
     ORDER BY l.document_id, l.at DESC, l.id DESC`,
  );
}

/** Turns a source off from the dashboard until someone enables it again (kept across configuration syncs). */
export async function disableSource(db: Queryable, id: string, reason: string): Promise<boolean> {
  const rows = await db.query(
    'UPDATE sources SET health_disabled = true, disabled_reason = $2, updated_at = now() WHERE id = $1 RETURNING id',
    [id, reason],
  );
  return rows.length > 0;
}
