import { json, type Queryable } from '../db.ts';

export interface NewDocument {
  url: string;
  canonicalUrl: string;
  sourceId: string;
  outlet: string;
  kind: 'news' | 'social';
  title: string;
  lead: string;
  text: string;
  author: string | null;
  publishedAt: Date | null;
  fetchedAt: Date;
  lang: string;
  engagement: Record<string, number>;
  contentHash: string;
  /** 64-bit SimHash as a signed decimal string (Postgres bigint). */
  simhash: string;
}

export interface DocumentRow {
  id: number;
  url: string;
  canonical_url: string;
  source_id: string;
  outlet: string;
  kind: 'news' | 'social';
  title: string;
  lead: string;
  text: string;
  author: string | null;
  published_at: Date | null;
  fetched_at: Date;
  engagement: Record<string, number>;
  content_hash: string;
  story_id: number;
}

/** A stored document with the same URL, canonical URL or exact content. */
export async function findExisting(
  db: Queryable,
  d: Pick<NewDocument, 'url' | 'canonicalUrl' | 'contentHash'>,
): Promise<{ id: number } | undefined> {
  const rows = await db.query<{ id: number }>(
    'SELECT id FROM documents WHERE url = $1 OR canonical_url = $2 OR content_hash = $3 LIMIT 1',
    [d.url, d.canonicalUrl, d.contentHash],
  );
  return rows[0];
}

/** The closest recent document by SimHash Hamming distance, if within maxDistance bits. */
export async function nearestDocument(
  db: Queryable,
  simhash: string,
  since: Date,
  maxDistance: number,
): Promise<{ id: number; story_id: number; distance: number } | undefined> {
  const rows = await db.query<{ id: number; story_id: number; distance: number }>(
    `SELECT id, story_id, bit_count((simhash # $1::bigint)::bit(64))::int AS distance FROM documents
     WHERE fetched_at >= $2 AND bit_count((simhash # $1::bigint)::bit(64)) <= $3
     ORDER BY distance, id LIMIT 1`,
    [simhash, since, maxDistance],
  );
  return rows[0];
}

export async function createStory(db: Queryable, title: string, outlet: string, at: Date): Promise<number> {
  const rows = await db.query<{ id: number }>(
    `INSERT INTO stories (title, first_seen_at, last_seen_at, doc_count, outlets)
     VALUES ($1, $2, $2, 0, $3::jsonb) RETURNING id`,
    [title, at, json([outlet])],
  );
  return rows[0]!.id;
}

/** Inserts a document and counts it in its story; undefined when its URL is already stored. */
export async function insertDocument(
  db: Queryable,
  d: NewDocument,
  storyId: number,
): Promise<number | undefined> {
  const rows = await db.query<{ id: number }>(
    `INSERT INTO documents (url, canonical_url, source_id, outlet, kind, title, lead, text, author, published_at,
       fetched_at, lang, engagement, content_hash, simhash, story_id)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13::jsonb,$14,$15::bigint,$16)
     ON CONFLICT DO NOTHING RETURNING id`,
    [
      d.url,
      d.canonicalUrl,
      d.sourceId,
      d.outlet,
      d.kind,
      d.title,
      d.lead,
      d.text,
      d.author,
      d.publishedAt,
      d.fetchedAt,
      d.lang,
      json(d.engagement),
      d.contentHash,
      d.simhash,
      storyId,
    ],
  );
  if (rows.length === 0) return undefined;
  await db.query(
    `UPDATE stories SET doc_count = doc_count + 1, last_seen_at = GREATEST(last_seen_at, $2),
       outlets = CASE WHEN outlets ? $3 THEN outlets ELSE outlets || to_jsonb($3::text) END
     WHERE id = $1`,
    [storyId, d.publishedAt ?? d.fetchedAt, d.outlet],
  );
  return rows[0]!.id;
}

export async function getDocument(db: Queryable, id: number): Promise<DocumentRow | undefined> {
  return (await db.query<DocumentRow>('SELECT * FROM documents WHERE id = $1', [id]))[0];
}
