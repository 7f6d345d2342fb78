-- Sources as configured, with their polling state and health.
CREATE TABLE sources (
  id                   text PRIMARY KEY,
  province             text NOT NULL,
  name                 text NOT NULL,
  outlet               text NOT NULL,
  kind                 text NOT NULL,
  url                  text NOT NULL,
  tier                 text NOT NULL,
  interval_s           integer NOT NULL,
  enabled              boolean NOT NULL DEFAULT true,
  config               jsonb NOT NULL DEFAULT '{}',
  next_poll_at         timestamptz NOT NULL DEFAULT now(),
  last_polled_at       timestamptz,
  last_success_at      timestamptz,
  consecutive_failures integer NOT NULL DEFAULT 0,
  last_error           text,
  disabled_reason      text,
  etag                 text,
  last_modified        text,
  updated_at           timestamptz NOT NULL DEFAULT now()
);

-- One row per poll of a source.
CREATE TABLE fetch_log (
  id          integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  source_id   text NOT NULL,
  url         text NOT NULL,
  started_at  timestamptz NOT NULL,
  finished_at timestamptz NOT NULL DEFAULT now(),
  ok          boolean NOT NULL,
  http_status integer,
  discovered  integer NOT NULL DEFAULT 0,
  fetched     integer NOT NULL DEFAULT 0,
  error       text
);
CREATE INDEX fetch_log_source ON fetch_log (source_id, started_at DESC);

-- Every article URL ever discovered; pending rows are re-fetched after a crash.
CREATE TABLE frontier (
  url           text PRIMARY KEY,
  source_id     text NOT NULL,
  state         text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'stored', 'failed', 'duplicate')),
  attempts      integer NOT NULL DEFAULT 0,
  hint          jsonb NOT NULL DEFAULT '{}',
  last_error    text,
  discovered_at timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX frontier_pending ON frontier (source_id) WHERE state = 'pending';

-- A story groups copies of one piece (syndication, near-duplicates).
CREATE TABLE stories (
  id            integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  title         text NOT NULL,
  first_seen_at timestamptz NOT NULL,
  last_seen_at  timestamptz NOT NULL,
  doc_count     integer NOT NULL DEFAULT 1,
  outlets       jsonb NOT NULL DEFAULT '[]'
);

CREATE TABLE documents (
  id            integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  url           text NOT NULL UNIQUE,
  canonical_url text NOT NULL UNIQUE,
  source_id     text NOT NULL,
  outlet        text NOT NULL,
  kind          text NOT NULL CHECK (kind IN ('news', 'social')),
  title         text NOT NULL,
  lead          text NOT NULL DEFAULT '',
  text          text NOT NULL,
  author        text,
  published_at  timestamptz,
  fetched_at    timestamptz NOT NULL,
  lang          text NOT NULL DEFAULT 'vi',
  engagement    jsonb NOT NULL DEFAULT '{}',
  content_hash  text NOT NULL,
  simhash       bigint NOT NULL,
  story_id      integer NOT NULL REFERENCES stories (id),
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX documents_hash ON documents (content_hash);
CREATE INDEX documents_fetched ON documents (fetched_at);
CREATE INDEX documents_published ON documents (published_at);
CREATE INDEX documents_story ON documents (story_id);

CREATE TABLE classifications (
  document_id   integer PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
  model_version text NOT NULL,
  education     boolean NOT NULL,
  scope         text NOT NULL CHECK (scope IN ('province', 'national', 'other-province', 'none')),
  places        jsonb NOT NULL DEFAULT '[]',
  topics        jsonb NOT NULL DEFAULT '[]',
  sentiment     text NOT NULL CHECK (sentiment IN ('positive', 'neutral', 'negative')),
  risks         jsonb NOT NULL DEFAULT '[]',
  scores        jsonb NOT NULL DEFAULT '{}',
  explanations  jsonb NOT NULL DEFAULT '{}',
  classified_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX classifications_scope ON classifications (scope, sentiment);

CREATE TABLE incidents (
  id               integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  province         text NOT NULL,
  title            text NOT NULL,
  state            text NOT NULL DEFAULT 'open',
  level            text NOT NULL,
  department       text NOT NULL,
  lead_by          text NOT NULL DEFAULT 'department',
  rule_set         text NOT NULL,
  risks            jsonb NOT NULL DEFAULT '[]',
  topics           jsonb NOT NULL DEFAULT '[]',
  places           jsonb NOT NULL DEFAULT '[]',
  event_at         timestamptz NOT NULL,
  received_at      timestamptz NOT NULL,
  facts_due_at     timestamptz NOT NULL,
  statement_due_at timestamptz NOT NULL,
  first_seen_at    timestamptz NOT NULL,
  last_seen_at     timestamptz NOT NULL,
  mention_count    integer NOT NULL DEFAULT 0,
  outlet_count     integer NOT NULL DEFAULT 0,
  reach            bigint NOT NULL DEFAULT 0,
  closed_at        timestamptz,
  closed_reason    text,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX incidents_open ON incidents (province, state, last_seen_at);

-- A document belongs to at most one incident.
CREATE TABLE incident_mentions (
  incident_id integer NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
  document_id integer NOT NULL UNIQUE REFERENCES documents (id) ON DELETE CASCADE,
  added_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (incident_id, document_id)
);

-- Audit trail: every change to an incident, with actor and time.
CREATE TABLE incident_events (
  id          integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  incident_id integer NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
  at          timestamptz NOT NULL DEFAULT now(),
  actor       text NOT NULL,
  kind        text NOT NULL,
  data        jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX incident_events_incident ON incident_events (incident_id, at);

-- Outbox: decided notifications, delivered by the notify stage; dedupe_key makes deciding idempotent.
CREATE TABLE notifications (
  id              integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  incident_id     integer REFERENCES incidents (id) ON DELETE CASCADE,
  kind            text NOT NULL,
  channel         text NOT NULL CHECK (channel IN ('email', 'webhook')),
  recipient       text NOT NULL,
  subject         text NOT NULL,
  body_text       text NOT NULL,
  body_html       text,
  dedupe_key      text NOT NULL UNIQUE,
  state           text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sending', 'sent', 'failed')),
  attempts        integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  last_error      text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  sent_at         timestamptz
);
CREATE INDEX notifications_due ON notifications (next_attempt_at) WHERE state IN ('pending', 'sending');

CREATE TABLE digests (
  id         integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  province   text NOT NULL,
  day        date NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  markdown   text NOT NULL,
  html       text NOT NULL,
  stats      jsonb NOT NULL DEFAULT '{}',
  UNIQUE (province, day)
);
