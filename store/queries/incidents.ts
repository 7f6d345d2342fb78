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
  facts_due_at: Date;
  statement_due_at: Date;
  first_seen_at: Date;
  last_seen_at: Date;
  mention_count: number;
  outlet_count: number;
  reach: number;
}

export const OPEN_STATES = ['open', 'acknowledged', 'facts-provided', 'statement-issued', 'monitoring'];

/** Open incidents of a province seen since a time, with their mentions' story ids. */
export async function openIncidents(
  db: Queryable,
  province: string,
  since: Date,
): Promise<(IncidentRow & { story_ids: number[] })[]> {
  return db.query(
    `SELECT i.*, COALESCE((SELECT jsonb_agg(DISTINCT d.story_id) FROM incident_mentions m
       JOIN documents d ON d.id = m.document_id WHERE m.incident_id = i.id), '[]'::jsonb) AS story_ids
     FROM incidents i WHERE i.province = $1 AND i.state = ANY(SELECT jsonb_array_elements_text($2::jsonb))
       AND i.last_seen_at >= $3
     ORDER BY i.last_seen_at DESC`,
    [province, json(OPEN_STATES), since],
  );
}

export type NewIncident = Omit<IncidentRow, 'id' | 'state' | 'mention_count' | 'outlet_count' | 'reach'>;

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

/** Adds a document to an incident (at most one incident per document) and refreshes the incident's figures. */
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
  if (rows.length === 0) return false;
  await db.query(
    `UPDATE incidents i SET
       mention_count = s.n, outlet_count = s.outlets, reach = s.reach,
       last_seen_at = GREATEST(i.last_seen_at, s.last_seen),
       event_at = LEAST(i.event_at, s.first_published),
       risks = (SELECT COALESCE(jsonb_agg(DISTINCT r), '[]'::jsonb) FROM incident_mentions m
                JOIN classifications c ON c.document_id = m.document_id, jsonb_array_elements_text(c.risks) r
                WHERE m.incident_id = i.id),
       updated_at = now()
     FROM (SELECT count(*)::int AS n, count(DISTINCT d.outlet)::int AS outlets,
             COALESCE(sum(COALESCE((d.engagement->>'reactions')::bigint, 0) + COALESCE((d.engagement->>'shares')::bigint, 0)
               + COALESCE((d.engagement->>'comments')::bigint, 0)), 0)::bigint AS reach,
             max(COALESCE(d.published_at, d.fetched_at)) AS last_seen,
             min(COALESCE(d.published_at, d.fetched_at)) AS first_published
           FROM incident_mentions m JOIN documents d ON d.id = m.document_id WHERE m.incident_id = $1) s
     WHERE i.id = $1`,
    [incidentId],
  );
  return true;
}

export async function setIncidentLevel(db: Queryable, incidentId: number, level: string): Promise<void> {
  await db.query('UPDATE incidents SET level = $2, updated_at = now() WHERE id = $1', [incidentId, level]);
}

export async function getIncident(db: Queryable, id: number): Promise<IncidentRow | undefined> {
  return (await db.query<IncidentRow>('SELECT * FROM incidents WHERE id = $1', [id]))[0];
}

export async function listIncidents(db: Queryable, province?: string): Promise<IncidentRow[]> {
  return province
    ? db.query<IncidentRow>('SELECT * FROM incidents WHERE province = $1 ORDER BY first_seen_at, id', [
        province,
      ])
    : db.query<IncidentRow>('SELECT * FROM incidents ORDER BY first_seen_at, id');
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

/** Mentions of an incident with their outlets and links, oldest first. */
export async function incidentMentions(db: Queryable, incidentId: number) {
  return db.query<{
    document_id: number;
    title: string;
    url: string;
    outlet: string;
    kind: string;
    published_at: Date | null;
  }>(
    `SELECT d.id AS document_id, d.title, d.url, d.outlet, d.kind, d.published_at FROM incident_mentions m
     JOIN documents d ON d.id = m.document_id WHERE m.incident_id = $1 ORDER BY COALESCE(d.published_at, d.fetched_at)`,
    [incidentId],
  );
}
