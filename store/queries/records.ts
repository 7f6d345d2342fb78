import { json, type Queryable } from '../db.ts';

export interface StatementRow {
  id: number;
  incident_id: number;
  speaker_id: string;
  speaker_as: 'head' | 'standing' | 'authorised';
  authorisation_id: number | null;
  channel: string;
  text: string;
  at: Date;
  on_time: boolean;
  recorded_by: string;
}

export async function insertStatement(db: Queryable, s: Omit<StatementRow, 'id'>): Promise<number> {
  const rows = await db.query<{ id: number }>(
    `INSERT INTO statements (incident_id, speaker_id, speaker_as, authorisation_id, channel, text, at, on_time, recorded_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [
      s.incident_id,
      s.speaker_id,
      s.speaker_as,
      s.authorisation_id,
      s.channel,
      s.text,
      s.at,
      s.on_time,
      s.recorded_by,
    ],
  );
  return rows[0]!.id;
}

export async function listStatements(db: Queryable, incidentId: number): Promise<StatementRow[]> {
  return db.query<StatementRow>('SELECT * FROM statements WHERE incident_id = $1 ORDER BY at, id', [
    incidentId,
  ]);
}

export interface PressRequestRow {
  id: number;
  incident_id: number | null;
  province: string;
  outlet: string;
  journalist: string | null;
  question: string;
  received_at: Date;
  due_at: Date;
  warned: string[];
  overdue_at: Date | null;
  state: 'open' | 'answered' | 'refused';
  answered_at: Date | null;
  answered_by: string | null;
  answer: string | null;
  refusal_ground: string | null;
  recorded_by: string;
}

export type NewPressRequest = Pick<
  PressRequestRow,
  'incident_id' | 'province' | 'outlet' | 'journalist' | 'question' | 'received_at' | 'due_at' | 'recorded_by'
>;

export async function insertPressRequest(db: Queryable, r: NewPressRequest): Promise<number> {
  const rows = await db.query<{ id: number }>(
    `INSERT INTO press_requests (incident_id, province, outlet, journalist, question, received_at, due_at, recorded_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [r.incident_id, r.province, r.outlet, r.journalist, r.question, r.received_at, r.due_at, r.recorded_by],
  );
  return rows[0]!.id;
}

export async function getPressRequest(db: Queryable, id: number): Promise<PressRequestRow | undefined> {
  return (await db.query<PressRequestRow>('SELECT * FROM press_requests WHERE id = $1 FOR UPDATE', [id]))[0];
}

/** Closes an open press request with an answer or a refusal; false when it was not open. */
export async function closePressRequest(
  db: Queryable,
  id: number,
  c: { state: 'answered' | 'refused'; at: Date; by: string; text: string; ground: string | null },
): Promise<boolean> {
  const rows = await db.query(
    `UPDATE press_requests SET state = $2, answered_at = $3, answered_by = $4, answer = $5, refusal_ground = $6
     WHERE id = $1 AND state = 'open' RETURNING id`,
    [id, c.state, c.at, c.by, c.text, c.ground],
  );
  return rows.length > 0;
}

export async function listPressRequests(db: Queryable, incidentId: number): Promise<PressRequestRow[]> {
  return db.query<PressRequestRow>('SELECT * FROM press_requests WHERE incident_id = $1 ORDER BY id', [
    incidentId,
  ]);
}

export interface CorrectionRow {
  id: number;
  incident_id: number;
  province: string;
  outlet: string;
  url: string;
  outlet_kind: 'online' | 'daily' | 'other';
  asks: string[];
  grounds: string;
  letter: string;
  sent_at: Date;
  sent_by: string;
  due_at: Date;
  warned: string[];
  overdue_at: Date | null;
  compliance: 'pending' | 'complied' | 'partial' | 'refused';
  complied_at: Date | null;
  note: string | null;
}

export type NewCorrection = Omit<
  CorrectionRow,
  'id' | 'warned' | 'overdue_at' | 'compliance' | 'complied_at' | 'note'
>;

export async function insertCorrection(db: Queryable, c: NewCorrection): Promise<number> {
  const rows = await db.query<{ id: number }>(
    `INSERT INTO correction_requests (incident_id, province, outlet, url, outlet_kind, asks, grounds, letter, sent_at,
       sent_by, due_at)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9, $10, $11) RETURNING id`,
    [
      c.incident_id,
      c.province,
      c.outlet,
      c.url,
      c.outlet_kind,
      json(c.asks),
      c.grounds,
      c.letter,
      c.sent_at,
      c.sent_by,
      c.due_at,
    ],
  );
  return rows[0]!.id;
}

export async function getCorrection(db: Queryable, id: number): Promise<CorrectionRow | undefined> {
  return (
    await db.query<CorrectionRow>('SELECT * FROM correction_requests WHERE id = $1 FOR UPDATE', [id])
  )[0];
}

export async function setCompliance(
  db: Queryable,
  id: number,
  c: { compliance: CorrectionRow['compliance']; at: Date | null; note: string | null },
): Promise<void> {
  await db.query(
    'UPDATE correction_requests SET compliance = $2, complied_at = $3, note = $4 WHERE id = $1',
    [id, c.compliance, c.at, c.note],
  );
}

export async function listCorrections(db: Queryable, incidentId: number): Promise<CorrectionRow[]> {
  return db.query<CorrectionRow>('SELECT * FROM correction_requests WHERE incident_id = $1 ORDER BY id', [
    incidentId,
  ]);
}

/** Keeps a dismissed incident's mentions with the reason, for retraining the classifier. */
export async function addFeedback(
  db: Queryable,
  incidentId: number,
  f: { verdict: string; reason: string; by: string; at: Date },
): Promise<number> {
  const rows = await db.query(
    `INSERT INTO alert_feedback (document_id, incident_id, verdict, reason, by_person, at)
     SELECT document_id, incident_id, $2, $3, $4, $5 FROM incident_mentions WHERE incident_id = $1
     ON CONFLICT DO NOTHING RETURNING document_id`,
    [incidentId, f.verdict, f.reason, f.by, f.at],
  );
  return rows.length;
}
