import { json, type Queryable } from '../db.ts';

export interface StoredClassification {
  education: boolean;
  scope: 'province' | 'national' | 'other-province' | 'none';
  places: string[];
  topics: string[];
  sentiment: 'positive' | 'neutral' | 'negative';
  risks: string[];
  scores: Record<string, unknown>;
  explanations: Record<string, unknown>;
}

export async function saveClassification(
  db: Queryable,
  documentId: number,
  modelVersion: string,
  c: StoredClassification,
): Promise<void> {
  await db.query(
    `INSERT INTO classifications (document_id, model_version, education, scope, places, topics, sentiment, risks, scores, explanations)
     VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb, $7, $8::jsonb, $9::jsonb, $10::jsonb)
     ON CONFLICT (document_id) DO UPDATE SET model_version = $2, education = $3, scope = $4, places = $5::jsonb,
       topics = $6::jsonb, sentiment = $7, risks = $8::jsonb, scores = $9::jsonb, explanations = $10::jsonb,
       classified_at = now()`,
    [
      documentId,
      modelVersion,
      c.education,
      c.scope,
      json(c.places),
      json(c.topics),
      c.sentiment,
      json(c.risks),
      json(c.scores),
      json(c.explanations),
    ],
  );
}

export async function getClassification(
  db: Queryable,
  documentId: number,
): Promise<StoredClassification | undefined> {
  return (
    await db.query<StoredClassification>(
      'SELECT education, scope, places, topics, sentiment, risks, scores, explanations FROM classifications WHERE document_id = $1',
      [documentId],
    )
  )[0];
}

/** Stored documents without labels (their analysis job was lost in a crash), oldest first. */
export async function unclassifiedDocuments(
  db: Queryable,
  storedBefore: Date,
  limit = 500,
): Promise<number[]> {
  const rows = await db.query<{ id: number }>(
    `SELECT d.id FROM documents d LEFT JOIN classifications c ON c.document_id = d.id
     WHERE c.document_id IS NULL AND d.created_at <= $1 ORDER BY d.id LIMIT $2`,
    [storedBefore, limit],
  );
  return rows.map((r) => r.id);
}
