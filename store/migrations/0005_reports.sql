-- Reports (issue 6): the digest's web page, and when the morning digest was put in the outbox (and for whom), so
-- the scheduler sends each day's digest once in either run mode.
ALTER TABLE digests ADD COLUMN page text NOT NULL DEFAULT '';
ALTER TABLE digests ADD COLUMN queued_at timestamptz;
ALTER TABLE digests ADD COLUMN recipients jsonb NOT NULL DEFAULT '[]';

-- Exports and the monthly report read mentions by time; the expression index serves both.
CREATE INDEX IF NOT EXISTS documents_at ON documents ((COALESCE(published_at, fetched_at)));
