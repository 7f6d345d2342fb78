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

const STORY_LOCK = 74_150_002;

/**
 * Stories of recent documents within maxDistance bits of a SimHash, oldest story first. Takes a transaction
 * lock first, so concurrent workers assign stories one at a time. Banded lookup (migration 0003): exact, and
 * it compares only the few candidates sharing a near band, not every document of the window.
 */
export async function nearStories(
  db: Queryable,
  simhash: string,
  since: Date,
  maxDistance: number,
): Promise<number[]> {
  await db.query('SELECT pg_advisory_xact_lock($1)', [STORY_LOCK]);
  const rows = await db.query<{ ids: number[] }>('SELECT near_stories($1::bigint, $2, $3) AS ids', [
    simhash,
    since,
    maxDistance,
  ]);
  return rows[0]?.ids ?? [];
}

/** A page to store: the document, and the title its story gets when it starts one. */
export interface StoreItem extends NewDocument {
  storyTitle: string;
  /** The search column as a tsvector literal (searchVector); absent: PostgreSQL computes it. */
  search?: string;
}

/**
 * Stores a batch of pages in one round trip (the SQL function of migration 0003), in order, each as one
 * `storeArticle` did: dedup by URL, canonical URL and content (pages earlier in the batch included), story by
 * SimHash neighbours fetched within `windowMs` (merging stories a page links), document, frontier row marked
 * 'stored' or 'duplicate'. All or nothing: one statement, one transaction. Returns the new document id of
 * each page, undefined for a duplicate.
 */
export async function storeDocuments(
  db: Queryable,
  items: StoreItem[],
  windowMs: number,
  maxDistance: number,
): Promise<(number | undefined)[]> {
  if (items.length === 0) return [];
  const rows = await db.query<{ ord: number; document_id: number | null }>(
    'SELECT ord, document_id FROM store_documents($1::jsonb, make_interval(secs => $2), $3)',
    [json(items), windowMs / 1000, maxDistance],
  );
  const ids: (number | undefined)[] = new Array(items.length).fill(undefined);
  for (const r of rows) ids[r.ord] = r.document_id ?? undefined;
  return ids;
}

/** Merges stories into the first one (a document close to two stories links them). */
export async function mergeStories(db: Queryable, keep: number, others: number[]): Promise<void> {
  if (others.length === 0) return;
  const ids = JSON.stringify(others);
  await db.query(
    'UPDATE documents SET story_id = $1 WHERE story_id = ANY(SELECT jsonb_array_elements_text($2::jsonb)::int)',
    [keep, ids],
  );
  await db.query(
    `UPDATE stories s SET doc_count = x.n, first_seen_at = LEAST(s.first_seen_at, x.first), last_seen_at = GREATEST(s.last_seen_at, x.last),
       outlets = x.outlets
     FROM (SELECT count(*)::int AS n, min(COALESCE(published_at, fetched_at)) AS first, max(COALESCE(published_at, fetched_at)) AS last,
             jsonb_agg(DISTINCT outlet) AS outlets FROM documents WHERE story_id = $1) x
     WHERE s.id = $1`,
    [keep],
  );
  await db.query('DELETE FROM stories WHERE id = ANY(SELECT jsonb_array_elements_text($1::jsonb)::int)', [
    ids,
  ]);
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
  return (
    await db.query<DocumentRow>(
      `SELECT id, url, canonical_url, source_id, outlet, kind, title, lead, text, author, published_at, fetched_at,
              engagement, content_hash, story_id
       FROM documents WHERE id = $1`,
      [id],
    )
  )[0];
}
