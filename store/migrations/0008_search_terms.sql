-- Search terms computed where pages are stored (issue 3, crawl speed). The generated column of 0006_search.sql had
-- PostgreSQL run search_terms() on every stored page: about 1.5 ms of database CPU for a 1,100-character article,
-- a third of what storing a page cost, on a machine whose two cores also fetch and extract. The storing process
-- now sends the terms (store/queries/search.ts, searchVector: the same syllables and syllable pairs, tested
-- equal to search_terms() on both backends), and a trigger computes them in SQL for any other writer and when a
-- document's title, lead or text changes.
--
-- Hostile input: a "word" over 64 letters and digits (a pasted blob, a long number) is not indexed (a tsvector
-- lexeme has at most 2,047 bytes: one such word used to fail the insert, and with it the whole batch), and only
-- the first 200,000 characters are read (a tsvector has at most 1 MB).

-- No query reads published_at alone (times are COALESCE(published_at, fetched_at), indexed by documents_at of
-- 0005): one index less to keep on every stored page.
DROP INDEX IF EXISTS documents_published;

CREATE OR REPLACE FUNCTION search_terms(t text) RETURNS tsvector
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT array_to_tsvector(array_remove(
           string_to_array(regexp_replace(w, '([a-z0-9]+) ([a-z0-9]+) ?', '\1 \2|', 'g'), '|')
           || string_to_array(regexp_replace(regexp_replace(w, '^[a-z0-9]+ ?', ''), '([a-z0-9]+) ([a-z0-9]+) ?',
                                             '\1 \2|', 'g'), '|')
           || string_to_array(w, ' '), ''))
  FROM btrim(regexp_replace(regexp_replace(search_words(left(t, 200000)), '[a-z0-9]{65,}', '', 'g'), ' {2,}', ' ',
             'g')) AS w
$$;

ALTER TABLE documents ALTER COLUMN search DROP EXPRESSION;

CREATE FUNCTION documents_search() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' OR NEW.search IS NULL THEN
    NEW.search := search_terms(NEW.title || ' ' || NEW.lead || ' ' || NEW.text);
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER documents_search BEFORE INSERT OR UPDATE OF title, lead, text ON documents
  FOR EACH ROW EXECUTE FUNCTION documents_search();

-- As in 0003, with each page's search terms as the storing process computed them ('search', a tsvector literal;
-- absent: the trigger above computes them), and a new story inserted with its first document counted (one
-- UPDATE less per new story). Stores a batch of extracted pages in one call, one page after the
-- other as storeArticle did them:
-- dedup by URL, canonical URL and exact content (also against pages earlier in the batch); story by SimHash
-- neighbours fetched within `story_window` (a page close to two stories merges them); the document; its
-- frontier row 'stored' (or 'duplicate'). Under the story lock, so concurrent workers group consistently.
-- Returns, for each page in input order, its new document id or NULL for a duplicate.
CREATE OR REPLACE FUNCTION store_documents(docs jsonb, story_window interval, max_distance integer)
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
      COALESCE(x.e->>'storyTitle', x.e->>'title') AS story_title, (x.e->>'search')::tsvector AS search
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
      VALUES (d.story_title, seen_at, seen_at, 1, jsonb_build_array(d.outlet)) RETURNING id INTO sid;
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
      fetched_at, lang, engagement, content_hash, simhash, story_id, search)
    VALUES (d.url, d.canonical_url, d.source_id, d.outlet, d.kind, d.title, d.lead, d.text, d.author,
      d.published_at, d.fetched_at, d.lang, d.engagement, d.content_hash, d.simhash, sid, d.search)
    ON CONFLICT DO NOTHING RETURNING id INTO did;
    IF did IS NULL THEN
      IF cardinality(near) = 0 THEN
        DELETE FROM stories WHERE id = sid;
      END IF;
      UPDATE frontier SET state = 'duplicate', last_error = NULL, updated_at = now()
        WHERE url = d.url AND state <> 'stored';
    ELSE
      -- A new story was inserted with this document counted; an existing one is updated.
      IF cardinality(near) > 0 THEN
        UPDATE stories SET doc_count = doc_count + 1, last_seen_at = GREATEST(last_seen_at, seen_at),
          outlets = CASE WHEN outlets ? d.outlet THEN outlets ELSE outlets || to_jsonb(d.outlet) END
        WHERE id = sid;
      END IF;
      UPDATE frontier SET state = 'stored', last_error = NULL, updated_at = now() WHERE url = d.url;
      document_id := did;
    END IF;
    RETURN NEXT;
  END LOOP;
END $$;
