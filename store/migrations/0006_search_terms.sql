-- A database that applied the first version of 0006_search.sql has a search column of single syllables with
-- positions (phrase queries); this gives it the syllable-pair terms of the present 0006_search.sql. A database
-- that applied the present version is left as it is.
-- The functions as in 0006_search.sql (the first version had only search_fold, slower).
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

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_attrdef ad JOIN pg_attribute a ON a.attrelid = ad.adrelid AND a.attnum = ad.adnum
                 WHERE ad.adrelid = 'documents'::regclass AND a.attname = 'search'
                   AND pg_get_expr(ad.adbin, ad.adrelid) LIKE '%search_terms%') THEN
    ALTER TABLE documents DROP COLUMN search;
    ALTER TABLE documents ADD COLUMN search tsvector
      GENERATED ALWAYS AS (search_terms(title || ' ' || lead || ' ' || text)) STORED;
    CREATE INDEX documents_search ON documents USING gin (search);
  END IF;
END $$;
