import { json, type Queryable } from '../db.ts';

export type LabelKind = 'topic' | 'risk';

/**
 * Province mentions of a label in [windowStart, windowEnd) and in the baseline before the window, leaving out
 * those an incident holds: topic lines count negative items, risks every item carrying the risk. A mention's
 * time is its publication, or its fetch when published later than fetched.
 */
export async function labelCounts(
  db: Queryable,
  kind: LabelKind,
  label: string,
  baselineStart: Date,
  windowStart: Date,
  windowEnd: Date,
): Promise<{ count: number; baseline: number; documents: number[] }> {
  const column = kind === 'topic' ? 'c.topics' : 'c.risks';
  const negativeOnly = kind === 'topic' ? "AND c.sentiment = 'negative'" : '';
  const rows = await db.query<{ count: number; baseline: number; documents: number[] | null }>(
    `WITH m AS (
       SELECT d.id, LEAST(COALESCE(d.published_at, d.fetched_at), d.fetched_at) AS t
       FROM classifications c JOIN documents d ON d.id = c.document_id
       WHERE c.scope = 'province' AND ${column} ? $1 ${negativeOnly}
         AND d.fetched_at >= $2 AND COALESCE(d.published_at, d.fetched_at) < $4
         AND NOT EXISTS (SELECT 1 FROM incident_mentions im WHERE im.document_id = d.id))
     SELECT count(*) FILTER (WHERE t >= $3 AND t < $4)::int AS count,
            count(*) FILTER (WHERE t >= $2 AND t < $3)::int AS baseline,
            jsonb_agg(id ORDER BY id) FILTER (WHERE t >= $3 AND t < $4) AS documents
     FROM m`,
    [label, baselineStart, windowStart, windowEnd],
  );
  const r = rows[0]!;
  return { count: r.count, baseline: r.baseline, documents: r.documents ?? [] };
}

export interface SpikeRow {
  id: number;
  province: string;
  label_kind: LabelKind;
  label: string;
  bucket: Date;
  window_start: Date;
  window_end: Date;
  count: number;
  baseline: number;
  department: string;
  documents: number[];
  created_at: Date;
}

/** Records a spike once per label and cooldown bucket; undefined when this bucket already has one. */
export async function insertSpike(
  db: Queryable,
  s: Omit<SpikeRow, 'id' | 'created_at'>,
): Promise<number | undefined> {
  const rows = await db.query<{ id: number }>(
    `INSERT INTO spikes (province, label_kind, label, bucket, window_start, window_end, count, baseline, department,
       documents)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb)
     ON CONFLICT (province, label_kind, label, bucket) DO NOTHING RETURNING id`,
    [
      s.province,
      s.label_kind,
      s.label,
      s.bucket,
      s.window_start,
      s.window_end,
      s.count,
      s.baseline,
      s.department,
      json(s.documents),
    ],
  );
  return rows[0]?.id;
}

export async function listSpikes(db: Queryable, province: string): Promise<SpikeRow[]> {
  return db.query<SpikeRow>('SELECT * FROM spikes WHERE province = $1 ORDER BY window_end DESC, id', [
    province,
  ]);
}
