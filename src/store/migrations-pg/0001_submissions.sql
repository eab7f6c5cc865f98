-- Submissions store, first schema — PostgreSQL dialect of migrations/0001_submissions.sql (same id, same tables,
-- same UNIQUE indexes and CHECKs) for several server processes sharing one database (SPEC §7; SECURITY G1–G4, G8).
-- Timestamps stay ISO 8601 text, exactly as the embedded store keeps them, so exports are identical.

CREATE TABLE validations (
  id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  submission_id  TEXT CHECK (submission_id IS NULL OR char_length(submission_id) BETWEEN 1 AND 64),
  dedupe_key     TEXT NOT NULL CHECK (char_length(dedupe_key) = 64),
  payload_hash   TEXT NOT NULL CHECK (char_length(payload_hash) = 64),
  skill          TEXT NOT NULL CHECK (char_length(skill) BETWEEN 1 AND 64),
  version        TEXT NOT NULL CHECK (char_length(version) BETWEEN 1 AND 64),
  digest         TEXT NOT NULL CHECK (char_length(digest) = 71 AND substr(digest, 1, 7) = 'sha256:'),
  verdict        TEXT NOT NULL CHECK (verdict IN ('confirm', 'reject')),
  injection_flag BOOLEAN NOT NULL,
  reason         TEXT CHECK (reason IS NULL OR char_length(reason) <= 500),
  diversity_key  TEXT NOT NULL CHECK (char_length(diversity_key) BETWEEN 1 AND 128),
  utc_day        TEXT NOT NULL CHECK (char_length(utc_day) = 10),
  created_at     TEXT NOT NULL CHECK (char_length(created_at) BETWEEN 20 AND 30),
  -- G4: a later vote of the same key on the same day supersedes this one (kept for the audit trail).
  superseded     BOOLEAN NOT NULL DEFAULT FALSE,
  resolved_at    TEXT CHECK (resolved_at IS NULL OR char_length(resolved_at) BETWEEN 20 AND 30)
);

-- G3: idempotency is enforced by the database, not only by application checks (NULL ids are distinct).
CREATE UNIQUE INDEX validations_submission_id ON validations (submission_id);
CREATE UNIQUE INDEX validations_dedupe_key ON validations (dedupe_key);
-- G4: one current vote per (skill, version, diversity key, UTC day).
CREATE UNIQUE INDEX validations_one_vote ON validations (skill, version, diversity_key, utc_day) WHERE NOT superseded;
CREATE INDEX validations_by_version ON validations (skill, version);

CREATE TABLE observations (
  id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  submission_id  TEXT CHECK (submission_id IS NULL OR char_length(submission_id) BETWEEN 1 AND 64),
  dedupe_key     TEXT NOT NULL CHECK (char_length(dedupe_key) = 64),
  payload_hash   TEXT NOT NULL CHECK (char_length(payload_hash) = 64),
  skill          TEXT NOT NULL CHECK (char_length(skill) BETWEEN 1 AND 64),
  version        TEXT NOT NULL CHECK (char_length(version) BETWEEN 1 AND 64),
  kind           TEXT NOT NULL CHECK (kind IN ('caveat', 'outdated', 'commune-practice', 'error')),
  text           TEXT NOT NULL CHECK (char_length(text) BETWEEN 1 AND 2000),
  commune        TEXT CHECK (commune IS NULL OR char_length(commune) BETWEEN 1 AND 120),
  state          TEXT NOT NULL CHECK (state IN ('open', 'held', 'resolved')),
  held_for       JSONB NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(held_for) = 'array'),
  diversity_key  TEXT NOT NULL CHECK (char_length(diversity_key) BETWEEN 1 AND 128),
  utc_day        TEXT NOT NULL CHECK (char_length(utc_day) = 10),
  created_at     TEXT NOT NULL CHECK (char_length(created_at) BETWEEN 20 AND 30),
  resolved_at    TEXT CHECK (resolved_at IS NULL OR char_length(resolved_at) BETWEEN 20 AND 30)
);

CREATE UNIQUE INDEX observations_submission_id ON observations (submission_id);
CREATE UNIQUE INDEX observations_dedupe_key ON observations (dedupe_key);
CREATE INDEX observations_by_state ON observations (state);

CREATE TABLE quarantines (
  id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  skill          TEXT NOT NULL CHECK (char_length(skill) BETWEEN 1 AND 64),
  version        TEXT NOT NULL CHECK (char_length(version) BETWEEN 1 AND 64),
  quarantined_at TEXT NOT NULL CHECK (char_length(quarantined_at) BETWEEN 20 AND 30),
  cleared_at     TEXT CHECK (cleared_at IS NULL OR char_length(cleared_at) BETWEEN 20 AND 30)
);

-- At most one active quarantine per skill version.
CREATE UNIQUE INDEX quarantines_active ON quarantines (skill, version) WHERE cleared_at IS NULL;

-- G8: one salt row per UTC day, deleted soon after rotation.
CREATE TABLE salts (
  utc_day TEXT PRIMARY KEY CHECK (char_length(utc_day) = 10),
  salt    TEXT NOT NULL CHECK (char_length(salt) = 64)
);

-- G2: token buckets and windowed counters, in the database so every server process shares them.
CREATE TABLE rate_buckets (
  key        TEXT PRIMARY KEY CHECK (char_length(key) BETWEEN 1 AND 160),
  tokens     DOUBLE PRECISION NOT NULL CHECK (tokens >= 0),
  updated_ms BIGINT NOT NULL
);

CREATE TABLE rate_counters (
  scope  TEXT NOT NULL CHECK (char_length(scope) BETWEEN 1 AND 170),
  period TEXT NOT NULL CHECK (char_length(period) BETWEEN 10 AND 13),
  count  INTEGER NOT NULL CHECK (count >= 0),
  PRIMARY KEY (scope, period)
);
