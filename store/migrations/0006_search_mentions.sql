-- The dashboard's read model (issue 7). Filters on labels come with an order by time, and the documents table is
-- wide (text, search vector): a year of it does not stay in memory, and reading it row by row to sort, filter or
-- count a month was the cost (1.1 s for the 30-day trend at 1,000,000 documents). So each classification carries a
-- copy of its document's time (published, else fetched), outlet and kind, kept by triggers (no insert code
-- changes; both backends run PL/pgSQL), and one covering index in time order answers the overview, the newest-first
-- pages and their counts from the index alone.

ALTER TABLE classifications ADD COLUMN at timestamptz;
ALTER TABLE classifications ADD COLUMN outlet text;
ALTER TABLE classifications ADD COLUMN kind text;

CREATE OR REPLACE FUNCTION classifications_copy_document() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT COALESCE(d.published_at, d.fetched_at), d.outlet, d.kind INTO NEW.at, NEW.outlet, NEW.kind
  FROM documents d WHERE d.id = NEW.document_id;
  RETURN NEW;
END $$;
CREATE TRIGGER classifications_copy_document BEFORE INSERT OR UPDATE OF document_id ON classifications
  FOR EACH ROW EXECUTE FUNCTION classifications_copy_document();

-- Documents rarely change after they are stored; when one does, its classification follows.
CREATE OR REPLACE FUNCTION documents_copy_to_classification() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE classifications SET at = COALESCE(NEW.published_at, NEW.fetched_at), outlet = NEW.outlet, kind = NEW.kind
  WHERE document_id = NEW.id;
  RETURN NULL;
END $$;
CREATE TRIGGER documents_copy_to_classification AFTER UPDATE OF published_at, fetched_at, outlet, kind ON documents
  FOR EACH ROW
  WHEN (OLD.published_at IS DISTINCT FROM NEW.published_at OR OLD.fetched_at IS DISTINCT FROM NEW.fetched_at
        OR OLD.outlet IS DISTINCT FROM NEW.outlet OR OLD.kind IS DISTINCT FROM NEW.kind)
  EXECUTE FUNCTION documents_copy_to_classification();

UPDATE classifications c SET at = COALESCE(d.published_at, d.fetched_at), outlet = d.outlet, kind = d.kind
FROM documents d WHERE d.id = c.document_id;

-- Newest first, with every label filter on the index entry: the overview's days, unfiltered and label-filtered
-- pages, and capped counts are index-only scans.
CREATE INDEX classifications_at ON classifications (at, document_id)
  INCLUDE (education, scope, sentiment, kind, topics, risks);
-- One outlet's items, newest first.
CREATE INDEX classifications_outlet_at ON classifications (outlet, at, document_id);

-- Superseded by the above (created by an earlier version of 0006_search.sql).
DROP INDEX IF EXISTS documents_outlet_at;
DROP INDEX IF EXISTS documents_kind_at;
DROP INDEX IF EXISTS classifications_sentiment;
