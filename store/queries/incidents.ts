import { json, type Queryable } from '../db.ts';

export interface IncidentRow {
  id: number;
  province: string;
  title: string;
  state: string;
  level: string;
  department: string;
  lead_by: string;
  rule_set: string;
  risks: string[];
  topics: string[];
  places: string[];
  event_at: Date;
  received_at: Date;
  determined_at: Date | null;
  facts_due_at: Date;
  statement_due_at: Date;
  first_seen_at: Date;
  last_seen_at: Date;
  mention_count: number;
  outlet_count: number;
  news_count: number;
  social_count: number;
  national_count: number;
  reach: number;
  risk_level: number;
  other_provinces: string[];
  signature: string[];
  assigned_to: string | null;
  acknowledged_at: Date | null;
  facts_at: Date | null;
  facts_warned: string[];
  facts_overdue_at: Date | null;
  statement_at: Date | null;
  statement_warned: string[];
  statement_overdue_at: Date | null;
  closed_at: Date | null;
  closed_reason: string | null;
}

export const OPEN_STATES = ['open', 'acknowledged', 'facts-provided', 'statement-issued', 'monitoring'];

/** Incidents of a province (any state) seen within [from, to], with their mentions' story ids, newest first. */
export async function candidateIncidents(
  db: Queryable,
  province: string,
  from: Date,
  to: Date,
): Promise<(IncidentRow & { story_ids: number[] })[]> {
  return db.query(
    `SELECT i.*, COALESCE((SELECT jsonb_agg(DISTINCT d.story_id) FROM incident_mentions m
       JOIN documents d ON d.id = m.document_id WHERE m.incident_id = i.id), '[]'::jsonb) AS story_ids
     FROM incidents i WHERE i.province = $1 AND i.last_seen_at >= $2 AND i.first_seen_at <= $3
     ORDER BY i.last_seen_at DESC`,
    [province, from, to],
  );
}

export type NewIncident = Pick<
  IncidentRow,
  | 'province'
  | 'title'
  | 'level'
  | 'department'
  | 'lead_by'
  | 'rule_set'
  | 'risks'
  | 'topics'
  | 'places'
  | 'event_at'
  | 'received_at'
  | 'facts_due_at'
  | 'statement_due_at'
  | 'first_seen_at'
  | 'last_seen_at'
>;

export async function insertIncident(db: Queryable, i: NewIncident): Promise<number> {
  const rows = await db.query<{ id: number }>(
    `INSERT INTO incidents (province, title, level, department, lead_by, rule_set, risks, topics, places, event_at,
       received_at, facts_due_at, statement_due_at, first_seen_at, last_seen_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7::jsonb,$8::jsonb,$9::jsonb,$10,$11,$12,$13,$14,$15) RETURNING id`,
    [
      i.province,
      i.title,
      i.level,
      i.department,
      i.lead_by,
      i.rule_set,
      json(i.risks),
      json(i.topics),
      json(i.places),
      i.event_at,
      i.received_at,
      i.facts_due_at,
      i.statement_due_at,
      i.first_seen_at,
      i.last_seen_at,
    ],
  );
  return rows[0]!.id;
}

/** Adds a document to an incident; false when the document already belongs to one. */
export async function addMention(
  db: Queryable,
  incidentId: number,
  documentId: number,
  at: Date,
): Promise<boolean> {
  const rows = await db.query(
    `INSERT INTO incident_mentions (incident_id, document_id, added_at) VALUES ($1, $2, $3)
     ON CONFLICT DO NOTHING RETURNING document_id`,
    [incidentId, documentId, at],
  );
  return rows.length > 0;
}

/** The incident that already holds a document, if any. */
export async function incidentOfDocument(db: Queryable, documentId: number): Promise<number | undefined> {
  const rows = await db.query<{ incident_id: number }>(
    'SELECT incident_id FROM incident_mentions WHERE document_id = $1',
    [documentId],
  );
  return rows[0]?.incident_id;
}

/** A mention as stored: document, source tier and labels. */
export interface MentionRow {
  document_id: number;
  kind: 'news' | 'social';
  outlet: string;
  tier: string | null;
  story_id: number;
  title: string;
  lead: string;
  text: string;
  url: string;
  published_at: Date | null;
  fetched_at: Date;
  engagement: Record<string, number>;
  risks: string[];
  topics: string[];
  places: string[];
  scores: Record<string, unknown>;
  explanations: Record<string, unknown>;
  /** Null when not classified yet. */
  scope: string | null;
  sentiment: string | null;
}

const MENTION_COLUMNS = `d.id AS document_id, d.kind, d.outlet, s.tier, d.story_id, d.title, d.lead, d.text, d.url,
  d.published_at, d.fetched_at, d.engagement, COALESCE(c.risks, '[]'::jsonb) AS risks,
  COALESCE(c.topics, '[]'::jsonb) AS topics, COALESCE(c.places, '[]'::jsonb) AS places,
  COALESCE(c.scores, '{}'::jsonb) AS scores, COALESCE(c.explanations, '{}'::jsonb) AS explanations, c.scope,
  c.sentiment`;

/** A document with what incident detection needs (undefined when not stored). */
export async function mentionOf(db: Queryable, documentId: number): Promise<MentionRow | undefined> {
  return (
    await db.query<MentionRow>(
      `SELECT ${MENTION_COLUMNS} FROM documents d LEFT JOIN sources s ON s.id = d.source_id
       LEFT JOIN classifications c ON c.document_id = d.id WHERE d.id = $1`,
      [documentId],
    )
  )[0];
}

/** Every mention of an incident, oldest first. */
export async function incidentMentions(db: Queryable, incidentId: number): Promise<MentionRow[]> {
  return db.query<MentionRow>(
    `SELECT ${MENTION_COLUMNS} FROM incident_mentions m JOIN documents d ON d.id = m.document_id
     LEFT JOIN sources s ON s.id = d.source_id LEFT JOIN classifications c ON c.document_id = d.id
     WHERE m.incident_id = $1 ORDER BY COALESCE(d.published_at, d.fetched_at), d.id`,
    [incidentId],
  );
}

/** Columns actions and the detector may change; anything else is a programming error. */
const UPDATABLE = new Set([
  'title',
  'state',
  'level',
  'department',
  'lead_by',
  'risks',
  'topics',
  'places',
  'event_at',
  'determined_at',
  'facts_due_at',
  'statement_due_at',
  'first_seen_at',
  'last_seen_at',
  'mention_count',
  'outlet_count',
  'news_count',
  'social_count',
  'national_count',
  'reach',
  'risk_level',
  'other_provinces',
  'signature',
  'assigned_to',
  'acknowledged_at',
  'facts_at',
  'facts_warned',
  'facts_overdue_at',
  'statement_at',
  'statement_warned',
  'statement_overdue_at',
  'closed_at',
  'closed_reason',
]);

/** Updates some columns of an incident in one statement (lists go to jsonb). */
export async function updateIncident(
  db: Queryable,
  id: number,
  patch: Partial<Omit<IncidentRow, 'id' | 'province' | 'rule_set' | 'received_at'>>,
): Promise<void> {
  const entries = Object.entries(patch).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return;
  const sets = entries.map(([k, v], i) => {
    if (!UPDATABLE.has(k)) throw new Error(`incidents.${k} is not updatable`);
    return `${k} = $${i + 2}${Array.isArray(v) ? '::jsonb' : ''}`;
  });
  await db.query(`UPDATE incidents SET ${sets.join(', ')}, updated_at = now() WHERE id = $1`, [
    id,
    ...entries.map(([, v]) => (Array.isArray(v) ? json(v) : v)),
  ]);
}

/** Locks an incident row for the rest of the transaction and returns it. */
export async function lockIncident(db: Queryable, id: number): Promise<IncidentRow | undefined> {
  return (await db.query<IncidentRow>('SELECT * FROM incidents WHERE id = $1 FOR UPDATE', [id]))[0];
}

export async function getIncident(db: Queryable, id: number): Promise<IncidentRow | undefined> {
  return (await db.query<IncidentRow>('SELECT * FROM incidents WHERE id = $1', [id]))[0];
}

export async function listIncidents(
  db: Queryable,
  province?: string,
  states?: string[],
): Promise<IncidentRow[]> {
  return db.query<IncidentRow>(
    `SELECT * FROM incidents WHERE ($1::text IS NULL OR province = $1)
       AND ($2::jsonb IS NULL OR state = ANY(SELECT jsonb_array_elements_text($2::jsonb)))
     ORDER BY first_seen_at, id`,
    [province ?? null, states ? json(states) : null],
  );
}

export async function addIncidentEvent(
  db: Queryable,
  incidentId: number,
  actor: string,
  kind: string,
  data: Record<string, unknown>,
  at: Date,
): Promise<void> {
  await db.query(
    'INSERT INTO incident_events (incident_id, at, actor, kind, data) VALUES ($1, $2, $3, $4, $5::jsonb)',
    [incidentId, at, actor, kind, json(data)],
  );
}

export interface IncidentEventRow {
  id: number;
  at: Date;
  actor: string;
  kind: string;
  data: Record<string, unknown>;
}

/** The audit trail of an incident, in order. */
export async function incidentEvents(db: Queryable, incidentId: number): Promise<IncidentEventRow[]> {
  return db.query<IncidentEventRow>(
    'SELECT id, at, actor, kind, data FROM incident_events WHERE incident_id = $1 ORDER BY at, id',
    [incidentId],
  );
}
