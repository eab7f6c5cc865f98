import type { Dialect } from './transaction.js';

/**
 * Every statement the submissions rules run, in the SQL that SQLite (3.35+) and PostgreSQL share. Parameters are
 * positional `?` (the PostgreSQL store numbers them); booleans are written with the dialect's literals so each
 * database can match its partial indexes (`superseded = 0` in SQLite, `NOT superseded` in PostgreSQL).
 */
export function statements({ true: T, false: F }: Dialect) {
  const current = `superseded = ${F}`;
  const openFlag = `injection_flag = ${T} AND ${current} AND resolved_at IS NULL`;
  return {
    validationBySubmissionId: 'SELECT id, payload_hash FROM validations WHERE submission_id = ?',
    observationBySubmissionId: 'SELECT id, payload_hash FROM observations WHERE submission_id = ?',
    validationByDedupeKey: 'SELECT id, superseded FROM validations WHERE dedupe_key = ?',
    observationByDedupeKey: 'SELECT id FROM observations WHERE dedupe_key = ?',
    supersede: `UPDATE validations SET superseded = ${T} WHERE skill = ? AND version = ? AND diversity_key = ? AND utc_day = ? AND ${current}`,
    reinstate: `UPDATE validations SET superseded = ${F} WHERE id = ?`,
    insertValidation: `INSERT INTO validations (submission_id, dedupe_key, payload_hash, skill, version, digest, verdict, injection_flag,
        reason, diversity_key, utc_day, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
    insertObservation: `INSERT INTO observations (submission_id, dedupe_key, payload_hash, skill, version, kind, text, commune, state,
        held_for, diversity_key, utc_day, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
    flagKeysSince: `SELECT COUNT(DISTINCT diversity_key) AS keys FROM validations
      WHERE skill = ? AND version = ? AND ${openFlag} AND created_at >= ?`,
    quarantine: 'INSERT INTO quarantines (skill, version, quarantined_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
    /** Parameters: skill and version, five times over. */
    tally: `SELECT
        (SELECT COUNT(DISTINCT diversity_key) FROM validations
           WHERE skill = ? AND version = ? AND ${current} AND verdict = 'confirm') AS confirms,
        (SELECT COUNT(DISTINCT diversity_key) FROM validations
           WHERE skill = ? AND version = ? AND ${current} AND verdict = 'reject') AS rejects,
        (SELECT COUNT(DISTINCT diversity_key) FROM validations WHERE skill = ? AND version = ? AND ${openFlag}) AS flags,
        (SELECT digest FROM validations WHERE skill = ? AND version = ? ORDER BY id DESC LIMIT 1) AS digest,
        EXISTS (SELECT 1 FROM quarantines WHERE skill = ? AND version = ? AND cleared_at IS NULL) AS quarantined`,
    activeQuarantine: 'SELECT * FROM quarantines WHERE skill = ? AND version = ? AND cleared_at IS NULL',
    versions: 'SELECT skill, version FROM validations UNION SELECT skill, version FROM quarantines ORDER BY skill, version',
    activeQuarantines: 'SELECT * FROM quarantines WHERE cleared_at IS NULL ORDER BY id',
    openFlags: `SELECT * FROM validations WHERE ${openFlag} ORDER BY id`,
    observationsIn: 'SELECT * FROM observations WHERE state = ? ORDER BY id',
    allValidations: 'SELECT * FROM validations ORDER BY id',
    allObservations: 'SELECT * FROM observations ORDER BY id',
    allQuarantines: 'SELECT * FROM quarantines ORDER BY id',
    schemaVersion: 'SELECT max(version) AS v FROM schema_migrations',
    clearQuarantine: 'UPDATE quarantines SET cleared_at = ? WHERE skill = ? AND version = ? AND cleared_at IS NULL',
    resolveFlagsOf: `UPDATE validations SET resolved_at = ? WHERE skill = ? AND version = ? AND injection_flag = ${T} AND resolved_at IS NULL`,
    resolveFlag: `UPDATE validations SET resolved_at = ? WHERE id = ? AND injection_flag = ${T} AND resolved_at IS NULL`,
    resolveObservation: `UPDATE observations SET state = 'resolved', resolved_at = ? WHERE id = ? AND state <> 'resolved'`,
    counter: 'SELECT count FROM rate_counters WHERE scope = ? AND period = ?',
    /** Counts one more unless the counter already reached the limit; returns no row then. */
    bumpCounterBelow: `INSERT INTO rate_counters (scope, period, count) VALUES (?, ?, 1)
      ON CONFLICT (scope, period) DO UPDATE SET count = rate_counters.count + 1 WHERE rate_counters.count < ?
      RETURNING count`,
    bumpCounter: `INSERT INTO rate_counters (scope, period, count) VALUES (?, ?, 1)
      ON CONFLICT (scope, period) DO UPDATE SET count = rate_counters.count + 1`,
    bucket: 'SELECT tokens, updated_ms FROM rate_buckets WHERE key = ?',
    saveBucket: `INSERT INTO rate_buckets (key, tokens, updated_ms) VALUES (?, ?, ?)
      ON CONFLICT (key) DO UPDATE SET tokens = excluded.tokens, updated_ms = excluded.updated_ms`,
    pruneCounters: 'DELETE FROM rate_counters WHERE period < ?',
    pruneBuckets: 'DELETE FROM rate_buckets WHERE updated_ms < ?',
    insertSalt: 'INSERT INTO salts (utc_day, salt) VALUES (?, ?) ON CONFLICT (utc_day) DO NOTHING',
    salt: 'SELECT salt FROM salts WHERE utc_day = ?',
    deleteSaltsBefore: 'DELETE FROM salts WHERE utc_day < ?',
    createMigrationsTable: 'CREATE TABLE IF NOT EXISTS schema_migrations (version TEXT PRIMARY KEY, applied_at TEXT NOT NULL)',
    appliedMigrations: 'SELECT version FROM schema_migrations',
    recordMigration: 'INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)',
  } as const;
}

export type Statements = ReturnType<typeof statements>;
