-- Dashboard accounts (issue 7). A department account sees and acts on its own department's incidents only;
-- person_id links an account to a registered person (people), who is the actor of incident actions.
CREATE TABLE web_users (
  id            integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  username      text NOT NULL UNIQUE,
  name          text NOT NULL,
  role          text NOT NULL CHECK (role IN ('admin', 'office', 'department', 'leadership', 'viewer')),
  department    text,
  person_id     text,
  password_hash text NOT NULL,
  active        boolean NOT NULL DEFAULT true,
  created_at    timestamptz NOT NULL DEFAULT now(),
  CHECK (role <> 'department' OR department IS NOT NULL)
);

-- Browser sessions: only the SHA-256 of the cookie's token is stored.
CREATE TABLE web_sessions (
  id         text PRIMARY KEY,
  user_id    integer NOT NULL REFERENCES web_users (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX web_sessions_user ON web_sessions (user_id);

-- Bearer tokens of the JSON API (the office's other systems); only the SHA-256 is stored.
CREATE TABLE api_tokens (
  id           integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id      integer NOT NULL REFERENCES web_users (id) ON DELETE CASCADE,
  name         text NOT NULL,
  token_hash   text NOT NULL UNIQUE,
  created_at   timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  revoked_at   timestamptz
);

-- Every action taken through the dashboard or the API, with who, when and from where.
CREATE TABLE web_audit (
  id       integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at       timestamptz NOT NULL DEFAULT now(),
  user_id  integer,
  username text NOT NULL,
  action   text NOT NULL,
  target   text,
  ok       boolean NOT NULL DEFAULT true,
  data     jsonb NOT NULL DEFAULT '{}',
  ip       text
);
CREATE INDEX web_audit_at ON web_audit (at DESC);

-- A press officer's correction of an item's labels: kept with who and when, and read by `diemtin train`.
CREATE TABLE label_corrections (
  id          integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  document_id integer NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  user_id     integer REFERENCES web_users (id) ON DELETE SET NULL,
  username    text NOT NULL,
  at          timestamptz NOT NULL DEFAULT now(),
  education   boolean NOT NULL,
  scope       text NOT NULL CHECK (scope IN ('province', 'national', 'other-province', 'none')),
  topics      jsonb NOT NULL DEFAULT '[]',
  sentiment   text NOT NULL CHECK (sentiment IN ('positive', 'neutral', 'negative')),
  risks       jsonb NOT NULL DEFAULT '[]',
  before      jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX label_corrections_document ON label_corrections (document_id, at DESC);
