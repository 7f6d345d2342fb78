-- Batched storing of extracted pages, and banded SimHash neighbour lookups.
--
-- SimHash bands (multi-index hashing): the 64 bits are cut into five bands (4 × 13 bits + 12 bits). Two
-- SimHashes at most 14 bits apart differ in at most 2 bits of some band (pigeonhole: 5 × 3 = 15 > 14), so a
-- document's story neighbours are found exactly by looking up every value within 2 bits of each of its
-- bands (447 keys) and checking the full distance of those candidates only (about 6 % of random documents),
-- instead of comparing with every document of the week.
CREATE TABLE simhash_bands (
  key         integer NOT NULL,
  document_id integer NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  simhash     bigint NOT NULL,
  fetched_at  timestamptz NOT NULL,
  PRIMARY KEY (document_id, key)
);
CREATE INDEX simhash_bands_key ON simhash_bands (key, fetched_at) INCLUDE (simhash, document_id);

-- The five band keys of a SimHash: band * 8192 + the band's bits.
CREATE FUNCTION simhash_band_keys(h bigint) RETURNS integer[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT ARRAY[
    ((h >> 0) & 8191)::int,
    8192 + ((h >> 13) & 8191)::int,
    16384 + ((h >> 26) & 8191)::int,
    24576 + ((h >> 39) & 8191)::int,
    32768 + ((h >> 52) & 4095)::int]
$$;

-- Every band key within 2 bits of a SimHash's bands (92 per 13-bit band, 79 for the 12-bit one).
CREATE FUNCTION simhash_probe_keys(h bigint) RETURNS integer[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  WITH masks AS (
    SELECT 0 AS m
    UNION ALL SELECT 1 << i FROM generate_series(0, 12) i
    UNION ALL SELECT (1 << i) | (1 << j) FROM generate_series(0, 12) i, generate_series(0, 12) j WHERE i < j
  )
  SELECT array_agg(b * 8192 + ((((h >> (13 * b)) & CASE WHEN b = 4 THEN 4095 ELSE 8191 END)::int) # m))
  FROM generate_series(0, 4) b, masks
  WHERE b < 4 OR m < 4096
$$;

CREATE FUNCTION simhash_bands_add() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO simhash_bands (key, document_id, simhash, fetched_at)
  SELECT k, NEW.id, NEW.simhash, NEW.fetched_at FROM unnest(simhash_band_keys(NEW.simhash)) k;
  RETURN NULL;
END $$;

CREATE TRIGGER documents_simhash_bands AFTER INSERT ON documents
  FOR EACH ROW EXECUTE FUNCTION simhash_bands_add();

INSERT INTO simhash_bands (key, document_id, simhash, fetched_at)
SELECT k, d.id, d.simhash, d.fetched_at FROM documents d, unnest(simhash_band_keys(d.simhash)) k;

-- Stories of documents fetched since `since` within max_distance bits of a SimHash, oldest story first.
-- Exact for max_distance <= 14 (the bands); a larger distance falls back to comparing every document.
CREATE FUNCTION near_stories(h bigint, since timestamptz, max_distance integer) RETURNS integer[]
LANGUAGE plpgsql STABLE AS $$
DECLARE
  stories_near integer[];
BEGIN
  IF max_distance <= 14 THEN
    SELECT COALESCE(array_agg(DISTINCT d.story_id ORDER BY d.story_id), '{}') INTO stories_near
    FROM documents d
    WHERE d.id IN (
      SELECT b.document_id FROM simhash_bands b
      WHERE b.key = ANY (simhash_probe_keys(h)) AND b.fetched_at >= since
        AND bit_count((b.simhash # h)::bit(64)) <= max_distance);
  ELSE
    SELECT COALESCE(array_agg(DISTINCT d.story_id ORDER BY d.story_id), '{}') INTO stories_near
    FROM documents d
    WHERE d.fetched_at >= since AND bit_count((d.simhash # h)::bit(64)) <= max_distance;
  END IF;
  RETURN stories_near;
END $$;

-- Stores a batch of extracted pages in one call, one page after the other as storeArticle did them:
-- dedup by URL, canonical URL and exact content (also against pages earlier in the batch); story by SimHash
-- neighbours fetched within `story_window` (a page close to two stories merges them); the document; its
-- frontier row 'stored' (or 'duplicate'). Under the story lock, so concurrent workers group consistently.
-- Returns, for each page in input order, its new document id or NULL for a duplicate.
CREATE FUNCTION store_documents(docs jsonb, story_window interval, max_distance integer)
RETURNS TABLE (ord integer, document_id integer)
LANGUAGE plpgsql AS $$
DECLARE
  d record;
  near integer[];
  sid integer;
  did integer;
  seen_at timestamptz;
BEGIN
  PERFORM pg_advisory_xact_lock(74150002);
  FOR d IN
    SELECT (x.n - 1)::int AS n, x.e->>'url' AS url, x.e->>'canonicalUrl' AS canonical_url,
      x.e->>'sourceId' AS source_id, x.e->>'outlet' AS outlet, x.e->>'kind' AS kind, x.e->>'title' AS title,
      x.e->>'lead' AS lead, x.e->>'text' AS text, x.e->>'author' AS author,
      (x.e->>'publishedAt')::timestamptz AS published_at, (x.e->>'fetchedAt')::timestamptz AS fetched_at,
      x.e->>'lang' AS lang, COALESCE(x.e->'engagement', '{}'::jsonb) AS engagement,
      x.e->>'contentHash' AS content_hash, (x.e->>'simhash')::bigint AS simhash,
      COALESCE(x.e->>'storyTitle', x.e->>'title') AS story_title
    FROM jsonb_array_elements(docs) WITH ORDINALITY x(e, n)
    ORDER BY x.n
  LOOP
    ord := d.n;
    document_id := NULL;
    IF EXISTS (SELECT 1 FROM documents WHERE url = d.url OR canonical_url = d.canonical_url
               OR content_hash = d.content_hash) THEN
      UPDATE frontier SET state = 'duplicate', last_error = NULL, updated_at = now()
        WHERE url = d.url AND state <> 'stored';
      RETURN NEXT;
      CONTINUE;
    END IF;
    seen_at := COALESCE(d.published_at, d.fetched_at);
    near := near_stories(d.simhash, d.fetched_at - story_window, max_distance);
    IF cardinality(near) = 0 THEN
      INSERT INTO stories (title, first_seen_at, last_seen_at, doc_count, outlets)
      VALUES (d.story_title, seen_at, seen_at, 0, jsonb_build_array(d.outlet)) RETURNING id INTO sid;
    ELSE
      sid := near[1];
      IF cardinality(near) > 1 THEN
        -- A copy close to two stories links them (single linkage), whatever the arrival order.
        UPDATE documents SET story_id = sid WHERE story_id = ANY (near[2:]);
        UPDATE stories s SET doc_count = x.cnt, first_seen_at = LEAST(s.first_seen_at, x.first),
          last_seen_at = GREATEST(s.last_seen_at, x.last), outlets = x.outlets
        FROM (SELECT count(*)::int AS cnt, min(COALESCE(published_at, fetched_at)) AS first,
                max(COALESCE(published_at, fetched_at)) AS last, jsonb_agg(DISTINCT outlet) AS outlets
              FROM documents WHERE story_id = sid) x
        WHERE s.id = sid;
        DELETE FROM stories WHERE id = ANY (near[2:]);
      END IF;
    END IF;
    INSERT INTO documents (url, canonical_url, source_id, outlet, kind, title, lead, text, author, published_at,
      fetched_at, lang, engagement, content_hash, simhash, story_id)
    VALUES (d.url, d.canonical_url, d.source_id, d.outlet, d.kind, d.title, d.lead, d.text, d.author,
      d.published_at, d.fetched_at, d.lang, d.engagement, d.content_hash, d.simhash, sid)
    ON CONFLICT DO NOTHING RETURNING id INTO did;
    IF did IS NULL THEN
      IF cardinality(near) = 0 THEN
        DELETE FROM stories WHERE id = sid;
      END IF;
      UPDATE frontier SET state = 'duplicate', last_error = NULL, updated_at = now()
        WHERE url = d.url AND state <> 'stored';
    ELSE
      UPDATE stories SET doc_count = doc_count + 1, last_seen_at = GREATEST(last_seen_at, seen_at),
        outlets = CASE WHEN outlets ? d.outlet THEN outlets ELSE outlets || to_jsonb(d.outlet) END
      WHERE id = sid;
      UPDATE frontier SET state = 'stored', last_error = NULL, updated_at = now() WHERE url = d.url;
      document_id := did;
    END IF;
    RETURN NEXT;
  END LOOP;
END $$;
