-- Adaptive polling and source health.
ALTER TABLE sources ADD COLUMN poll_interval_s integer;
ALTER TABLE sources ADD COLUMN health_disabled boolean NOT NULL DEFAULT false;
ALTER TABLE sources ADD COLUMN last_new_items integer NOT NULL DEFAULT 0;
ALTER TABLE fetch_log ADD COLUMN not_modified boolean NOT NULL DEFAULT false;
