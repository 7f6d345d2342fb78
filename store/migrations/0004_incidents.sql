-- Incidents (issue 5): lifecycle, legal clock, records of what was said, people who may speak, spikes, and a
-- leased outbox.

-- Incident figures and clock. facts_at / statement_at: when the deadline was met (first facts, first
-- statement); *_warned: warning offsets already sent ("6h", "2h"); *_overdue_at: when the sweeper marked it.
ALTER TABLE incidents ADD COLUMN assigned_to text;
ALTER TABLE incidents ADD COLUMN determined_at timestamptz;
ALTER TABLE incidents ADD COLUMN acknowledged_at timestamptz;
ALTER TABLE incidents ADD COLUMN facts_at timestamptz;
ALTER TABLE incidents ADD COLUMN facts_warned jsonb NOT NULL DEFAULT '[]';
ALTER TABLE incidents ADD COLUMN facts_overdue_at timestamptz;
ALTER TABLE incidents ADD COLUMN statement_at timestamptz;
ALTER TABLE incidents ADD COLUMN statement_warned jsonb NOT NULL DEFAULT '[]';
ALTER TABLE incidents ADD COLUMN statement_overdue_at timestamptz;
ALTER TABLE incidents ADD COLUMN risk_level numeric NOT NULL DEFAULT 0;
ALTER TABLE incidents ADD COLUMN news_count integer NOT NULL DEFAULT 0;
ALTER TABLE incidents ADD COLUMN social_count integer NOT NULL DEFAULT 0;
ALTER TABLE incidents ADD COLUMN national_count integer NOT NULL DEFAULT 0;
ALTER TABLE incidents ADD COLUMN other_provinces jsonb NOT NULL DEFAULT '[]';
-- Accent-free word pairs of the mentions: what a new mention is compared with to join this event.
ALTER TABLE incidents ADD COLUMN signature jsonb NOT NULL DEFAULT '[]';
CREATE INDEX incidents_seen ON incidents (province, last_seen_at);

-- People who take part in press work (seeded from people.yaml; `diemtin people` edits them).
CREATE TABLE people (
  province   text NOT NULL,
  id         text NOT NULL,
  name       text NOT NULL,
  title      text NOT NULL,
  role       text NOT NULL CHECK (role IN ('head', 'deputy', 'spokesperson', 'staff', 'monitor')),
  department text,
  email      text NOT NULL,
  phone      text,
  active     boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (province, id)
);

-- Designations of the standing spokesperson by the head (Decree 244/2026 Art. 3.2-3.3).
CREATE TABLE designations (
  id            integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  province      text NOT NULL,
  person_id     text NOT NULL,
  designated_at timestamptz NOT NULL,
  designated_by text,
  document      text,
  published_at  timestamptz,
  revoked_at    timestamptz,
  seed_key      text UNIQUE,
  created_at    timestamptz NOT NULL DEFAULT now()
);

-- Written, per-case, time-limited authorisations to speak (09/2017 Art. 3.6-3.7; 244/2026 Art. 3.5-3.6).
CREATE TABLE authorisations (
  id          integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  province    text NOT NULL,
  person_id   text NOT NULL,
  granted_by  text NOT NULL,
  incident_id integer REFERENCES incidents (id) ON DELETE CASCADE,
  matter      text NOT NULL,
  document    text NOT NULL,
  signed_at   timestamptz NOT NULL,
  valid_from  timestamptz NOT NULL,
  valid_until timestamptz NOT NULL,
  published_at timestamptz,
  revoked_at  timestamptz,
  seed_key    text UNIQUE,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX authorisations_person ON authorisations (province, person_id);

-- What the Department said: who, when, on which channel, the text, and whether it met the legal clock.
CREATE TABLE statements (
  id               integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  incident_id      integer NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
  speaker_id       text NOT NULL,
  speaker_as       text NOT NULL CHECK (speaker_as IN ('head', 'standing', 'authorised')),
  authorisation_id integer REFERENCES authorisations (id),
  channel          text NOT NULL,
  text             text NOT NULL,
  at               timestamptz NOT NULL,
  on_time          boolean NOT NULL,
  recorded_by      text NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX statements_incident ON statements (incident_id, at);

-- Requests from the press (09/2017 Art. 6.3(b); 244/2026 Art. 7.5) and how they were answered or refused.
CREATE TABLE press_requests (
  id           integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  incident_id  integer REFERENCES incidents (id) ON DELETE CASCADE,
  province     text NOT NULL,
  outlet       text NOT NULL,
  journalist   text,
  question     text NOT NULL,
  received_at  timestamptz NOT NULL,
  due_at       timestamptz NOT NULL,
  warned       jsonb NOT NULL DEFAULT '[]',
  overdue_at   timestamptz,
  state        text NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'answered', 'refused')),
  answered_at  timestamptz,
  answered_by  text,
  answer       text,
  refusal_ground text,
  recorded_by  text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX press_requests_open ON press_requests (province, due_at) WHERE state = 'open';

-- Written requests to an outlet to correct false reporting, and whether and when it complied.
CREATE TABLE correction_requests (
  id           integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  incident_id  integer NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
  province     text NOT NULL,
  outlet       text NOT NULL,
  url          text NOT NULL,
  outlet_kind  text NOT NULL,
  asks         jsonb NOT NULL DEFAULT '[]',
  grounds      text NOT NULL,
  letter       text NOT NULL,
  sent_at      timestamptz NOT NULL,
  sent_by      text NOT NULL,
  due_at       timestamptz NOT NULL,
  warned       jsonb NOT NULL DEFAULT '[]',
  overdue_at   timestamptz,
  compliance   text NOT NULL DEFAULT 'pending' CHECK (compliance IN ('pending', 'complied', 'partial', 'refused')),
  complied_at  timestamptz,
  note         text,
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX correction_requests_pending ON correction_requests (province, due_at) WHERE compliance = 'pending';

-- A dismissed incident's mentions, with the reason, for retraining the classifier.
CREATE TABLE alert_feedback (
  document_id integer NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  incident_id integer NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
  verdict     text NOT NULL,
  reason      text NOT NULL,
  by_person   text NOT NULL,
  at          timestamptz NOT NULL,
  PRIMARY KEY (document_id, incident_id)
);

-- Spike alerts: mentions per hour of a topic line or risk far above its trailing baseline.
CREATE TABLE spikes (
  id           integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  province     text NOT NULL,
  label_kind   text NOT NULL CHECK (label_kind IN ('topic', 'risk')),
  label        text NOT NULL,
  bucket       timestamptz NOT NULL,
  window_start timestamptz NOT NULL,
  window_end   timestamptz NOT NULL,
  count        integer NOT NULL,
  baseline     numeric NOT NULL,
  department   text NOT NULL,
  documents    jsonb NOT NULL DEFAULT '[]',
  created_at   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (province, label_kind, label, bucket)
);

-- Outbox leases: a claimed row belongs to one sender until lease_until; only that sender may mark it.
ALTER TABLE notifications ADD COLUMN lease_token text;
ALTER TABLE notifications ADD COLUMN lease_until timestamptz;
ALTER TABLE notifications ADD COLUMN payload jsonb;
UPDATE notifications SET lease_until = next_attempt_at WHERE state = 'sending';
