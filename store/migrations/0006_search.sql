-- Dashboard search and overview (issue 7). An accent-free full-text column over title, lead and text, filled by
-- PostgreSQL itself (a generated column: no insert code changes, existing rows are backfilled by this ALTER), and
-- the indexes the Tin bài filters and the Tổng quan figures read. No extension is needed (PGlite has no unaccent):
-- search_fold() decomposes the text (NFD), drops the combining marks, maps đ to d and lowercases what is then
-- ASCII (so the database's locale does not matter). It is three times faster than one translate() of every
-- accented letter (70 µs against 200 µs for a 430-character item on the benchmark machine).

CREATE OR REPLACE FUNCTION search_fold(t text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT lower(translate(regexp_replace(normalize(t, NFD), '[\u0300-\u036f]', '', 'g'), 'đĐ', 'dd'))
$$;

-- The words of a text: folded, runs of anything but letters and digits as one space.
CREATE OR REPLACE FUNCTION search_words(t text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT btrim(regexp_replace(search_fold(t), '[^a-z0-9]+', ' ', 'g'))
$$;

-- The search terms of a text: each syllable and each pair of neighbouring syllables ("hoc phi"). Vietnamese
-- words are mostly one or two syllables, so a phrase query is an AND of its syllable pairs: exact terms the GIN
-- index answers without reading the rows again (no positions to check), with selectivities the planner knows
-- (one common syllable such as "hoc" is in 93% of items; the pair "hoc phi" in a few).
CREATE OR REPLACE FUNCTION search_terms(t text) RETURNS tsvector
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT array_to_tsvector(array_remove(
           string_to_array(regexp_replace(w, '([a-z0-9]+) ([a-z0-9]+) ?', '\1 \2|', 'g'), '|')
           || string_to_array(regexp_replace(regexp_replace(w, '^[a-z0-9]+ ?', ''), '([a-z0-9]+) ([a-z0-9]+) ?',
                                             '\1 \2|', 'g'), '|')
           || string_to_array(w, ' '), ''))
  FROM search_words(t) AS w
$$;

ALTER TABLE documents ADD COLUMN search tsvector
  GENERATED ALWAYS AS (search_terms(title || ' ' || lead || ' ' || text)) STORED;

-- Full-text matches (syllables and syllable pairs).
CREATE INDEX documents_search ON documents USING gin (search);
-- Filters on labels: topic lines and risks ("any of", the ?| operator). The other filter and overview indexes
-- are on the classifications' copy of the document's time, outlet and kind (0006_search_mentions.sql).
CREATE INDEX classifications_topics ON classifications USING gin (topics);
CREATE INDEX classifications_risks ON classifications USING gin (risks);
