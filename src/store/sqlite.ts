import Database from 'better-sqlite3';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { utcDay } from './time.js';
import type {
  ObservationRecord,
  Quarantine,
  QuarantinePolicy,
  RateDecision,
  RatePolicy,
  Receipt,
  ResolvableKind,
  ReviewSnapshot,
  StoreError,
  StoreExport,
  StoreResult,
  SubmissionStore,
  Tally,
  ValidationRecord,
} from './store.js';
import { observationId, parseItemId, validationId } from './receipt-ids.js';
import { toObservation, toQuarantine, toValidation, type ObservationRow, type QuarantineRow, type ValidationRow } from './rows.js';

/** Where the embedded store lives unless `--db` says otherwise (SPEC §7). */
export const DEFAULT_DB_PATH = './data/loket.db';

/** The folder holding `NNNN_name.sql` migrations, applied in file-name order. */
export const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

export interface SqliteStoreOptions {
  /** Database file; `:memory:` for tests where durability does not matter. Default `./data/loket.db`. */
  path?: string;
  /** Checkpoint with RESTART once the WAL holds more than this many bytes (D7). Default 16 MiB. */
  walCheckpointBytes?: number;
  /** How many write transactions between two WAL size checks. Default 100. */
  checkpointEvery?: number;
  /** How long to keep retrying a busy database before answering `store_unavailable` (D4). Default 30 s. */
  busyRetryMs?: number;
  /** Where operational messages go (stderr by default); never receives submission text. */
  log?: (line: string) => void;
}

/**
 * The production connection factory (D1): WAL, synchronous=FULL, busy_timeout=5000, foreign_keys=ON. Creates the
 * parent folder of a file database. Never touches the database files with `fs` (D6).
 */
export function openDatabase(path: string = DEFAULT_DB_PATH): Database.Database {
  if (path !== ':memory:' && !path.startsWith('file:')) mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  // busy_timeout first, so switching to WAL waits for other processes opening the same file.
  db.pragma('busy_timeout = 5000');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  // Truncate the -wal file back to this size after a checkpoint (D7).
  db.pragma(`journal_size_limit = ${64 * 1024 * 1024}`);
  return db;
}

/** Opens (and migrates) the embedded store. */
export async function openSqliteStore(options: SqliteStoreOptions = {}): Promise<SqliteSubmissionStore> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const db = await retryBusy(() => openDatabase(options.path ?? DEFAULT_DB_PATH), options.busyRetryMs ?? 30_000);
  const store = new SqliteSubmissionStore(db, { ...options, log });
  await store.migrate();
  return store;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function sqliteCode(error: unknown): string | undefined {
  return error instanceof Database.SqliteError ? error.code : undefined;
}

function isBusy(error: unknown): boolean {
  const code = sqliteCode(error);
  return code !== undefined && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
}

async function retryBusy<T>(fn: () => T, budgetMs: number): Promise<T> {
  const started = Date.now();
  for (let attempt = 0; ; attempt++) {
    try {
      return fn();
    } catch (error) {
      if (!isBusy(error) || Date.now() - started > budgetMs) throw error;
      await sleep(Math.min(200, 5 * 2 ** Math.min(attempt, 5)) * (0.5 + Math.random()));
    }
  }
}

const ERRORS = {
  full: { code: 'store_full', message: 'the submission store is full; nothing was stored' },
  unavailable: { code: 'store_unavailable', message: 'the submission store is unavailable; nothing was stored' },
} as const satisfies Record<string, StoreError>;

class IdempotencyKeyReused extends Error {}
class UniqueRace extends Error {}

/**
 * better-sqlite3 implementation of `SubmissionStore`. Every write runs in a `BEGIN IMMEDIATE` transaction, so the
 * idempotency lookups and the insert are atomic across processes; the UNIQUE indexes are the final guard. A method
 * resolves only after COMMIT returned (D2).
 */
export class SqliteSubmissionStore implements SubmissionStore {
  /** The underlying connection (maintenance, backups and tests). */
  readonly db: Database.Database;
  private readonly log: (line: string) => void;
  private readonly walCheckpointBytes: number;
  private readonly checkpointEvery: number;
  private readonly busyRetryMs: number;
  private writesSinceCheckpointCheck = 0;
  private rateCalls = 0;
  private readonly statements = new Map<string, Database.Statement>();

  constructor(db: Database.Database, options: SqliteStoreOptions = {}) {
    this.db = db;
    this.log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
    this.walCheckpointBytes = options.walCheckpointBytes ?? 16 * 1024 * 1024;
    this.checkpointEvery = options.checkpointEvery ?? 100;
    this.busyRetryMs = options.busyRetryMs ?? 30_000;
  }

  /** Prepared once per connection and reused: preparing on every call cost about 7 % of a submission. */
  private prep(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  /** Runs `fn` in an IMMEDIATE transaction; busy retried in-process, failures mapped to error values. */
  private async write<T>(fn: () => T, options: { durable?: boolean } = {}): Promise<StoreResult<T>> {
    const attempt = () => this.db.transaction(fn).immediate();
    // Each attempt runs synchronously, so no other statement on this connection can commit while sync is off.
    const result = await this.run(options.durable === false ? () => this.withoutFsync(attempt) : attempt);
    if (result.ok) this.afterWrite();
    return result;
  }

  private withoutFsync<T>(fn: () => T): T {
    this.db.pragma('synchronous = OFF');
    try {
      return fn();
    } finally {
      this.db.pragma('synchronous = FULL');
    }
  }

  private async read<T>(fn: () => T): Promise<StoreResult<T>> {
    return this.run(fn);
  }

  private async run<T>(fn: () => T): Promise<StoreResult<T>> {
    try {
      return { ok: true, value: await retryBusy(fn, this.busyRetryMs) };
    } catch (error) {
      if (error instanceof IdempotencyKeyReused || error instanceof UniqueRace) throw error;
      const code = sqliteCode(error);
      if (code === 'SQLITE_FULL') {
        this.log('loket store: database full (SQLITE_FULL); submission not stored');
        return { ok: false, error: ERRORS.full };
      }
      this.log(`loket store: write failed (${code ?? (error instanceof Error ? error.name : 'unknown')})`);
      return { ok: false, error: ERRORS.unavailable };
    }
  }

  /** D7: keep the -wal file bounded even when readers stop passive checkpoints from catching up. */
  private afterWrite(): void {
    if (++this.writesSinceCheckpointCheck < this.checkpointEvery) return;
    this.writesSinceCheckpointCheck = 0;
    this.checkpointIfLarge();
  }

  /**
   * Measures the WAL through `wal_checkpoint(PASSIVE)` (frames in the log × frame size; no file access) and runs
   * `wal_checkpoint(RESTART)` when it exceeds the threshold. Returns the WAL size in bytes seen before.
   */
  checkpointIfLarge(): number {
    try {
      const [passive] = this.db.pragma('wal_checkpoint(PASSIVE)') as Array<{ busy: number; log: number; checkpointed: number }>;
      if (!passive || passive.log < 0) return 0;
      const pageSize = this.db.pragma('page_size', { simple: true }) as number;
      const walBytes = passive.log * (pageSize + 24);
      if (walBytes > this.walCheckpointBytes) {
        // RESTART waits for readers to finish; bound the wait so a reader holding a snapshot cannot stall writers.
        this.db.pragma('busy_timeout = 100');
        try {
          const [restart] = this.db.pragma('wal_checkpoint(RESTART)') as Array<{ busy: number }>;
          // A reader still holds an old snapshot: try again after a longer pause instead of stalling every batch.
          if (restart?.busy) this.writesSinceCheckpointCheck = -4 * this.checkpointEvery;
        } finally {
          this.db.pragma('busy_timeout = 5000');
        }
      }
      return walBytes;
    } catch (error) {
      // A checkpoint that cannot run now is retried after the next batch of writes.
      if (!isBusy(error)) this.log(`loket store: checkpoint failed (${sqliteCode(error) ?? 'unknown'})`);
      return 0;
    }
  }

  async migrate(): Promise<void> {
    const files = readdirSync(MIGRATIONS_DIR).filter((f) => /^\d{4}_[a-z0-9_-]+\.sql$/.test(f)).sort();
    await retryBusy(
      () =>
        this.db
          .transaction(() => {
            this.db.exec(
              'CREATE TABLE IF NOT EXISTS schema_migrations (version TEXT PRIMARY KEY, applied_at TEXT NOT NULL)',
            );
            const applied = new Set(
              (this.prep('SELECT version FROM schema_migrations').all() as Array<{ version: string }>).map((r) => r.version),
            );
            for (const file of files) {
              const version = file.replace(/\.sql$/, '');
              if (applied.has(version)) continue;
              this.db.exec(readFileSync(join(MIGRATIONS_DIR, file), 'utf8'));
              this.prep('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)').run(version, new Date().toISOString());
            }
          })
          .immediate(),
      this.busyRetryMs,
    );
  }

  /** The newest applied migration, e.g. `0001_submissions`. */
  schemaVersion(): string {
    const row = this.prep('SELECT max(version) AS v FROM schema_migrations').get() as { v: string | null };
    return row.v ?? '';
  }

  async recordValidation(record: ValidationRecord, policy: QuarantinePolicy): Promise<StoreResult<Receipt>> {
    return this.idempotent(() => {
      const db = this.db;
      if (record.submissionId !== null) {
        const prior = this.prep('SELECT id, payload_hash FROM validations WHERE submission_id = ?').get(record.submissionId) as
          | { id: number; payload_hash: string }
          | undefined;
        if (prior) {
          if (prior.payload_hash !== record.payloadHash) throw new IdempotencyKeyReused();
          return { id: validationId(prior.id), status: 'duplicate' } as const;
        }
        if (this.prep('SELECT 1 FROM observations WHERE submission_id = ?').get(record.submissionId)) throw new IdempotencyKeyReused();
      }
      const same = this.prep('SELECT id, superseded FROM validations WHERE dedupe_key = ?').get(record.dedupeKey) as
        | { id: number; superseded: number }
        | undefined;
      const supersede = this.prep(
        'UPDATE validations SET superseded = 1 WHERE skill = ? AND version = ? AND diversity_key = ? AND utc_day = ? AND superseded = 0',
      );
      if (same) {
        // The same vote again. If a different vote replaced it today, this repetition is the latest word (G4).
        if (same.superseded === 1) {
          supersede.run(record.skill, record.version, record.diversityKey, record.utcDay);
          this.prep('UPDATE validations SET superseded = 0 WHERE id = ?').run(same.id);
        }
        return { id: validationId(same.id), status: 'duplicate' } as const;
      }
      supersede.run(record.skill, record.version, record.diversityKey, record.utcDay);
      const info = this.prep(
          `INSERT INTO validations (submission_id, dedupe_key, payload_hash, skill, version, digest, verdict, injection_flag,
             reason, diversity_key, utc_day, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          record.submissionId,
          record.dedupeKey,
          record.payloadHash,
          record.skill,
          record.version,
          record.digest,
          record.verdict,
          record.injectionFlag ? 1 : 0,
          record.reason,
          record.diversityKey,
          record.utcDay,
          record.createdAt,
        );
      if (record.injectionFlag) this.applyQuarantinePolicy(record, policy);
      return { id: validationId(info.lastInsertRowid), status: 'recorded' } as const;
    });
  }

  /** G7: flags from ≥ `minKeys` distinct keys within `windowDays` quarantine the version until cleared. */
  private applyQuarantinePolicy(record: ValidationRecord, policy: QuarantinePolicy): void {
    const since = new Date(Date.parse(record.createdAt) - policy.windowDays * 86_400_000).toISOString();
    const { keys } = this.prep(
        `SELECT COUNT(DISTINCT diversity_key) AS keys FROM validations
         WHERE skill = ? AND version = ? AND injection_flag = 1 AND superseded = 0 AND resolved_at IS NULL AND created_at >= ?`,
      )
      .get(record.skill, record.version, since) as { keys: number };
    if (keys < policy.minKeys) return;
    this.prep(
        `INSERT INTO quarantines (skill, version, quarantined_at) SELECT ?, ?, ?
         WHERE NOT EXISTS (SELECT 1 FROM quarantines WHERE skill = ? AND version = ? AND cleared_at IS NULL)`,
      )
      .run(record.skill, record.version, record.createdAt, record.skill, record.version);
  }

  async recordObservation(record: ObservationRecord): Promise<StoreResult<Receipt>> {
    return this.idempotent(() => {
      const db = this.db;
      if (record.submissionId !== null) {
        const prior = this.prep('SELECT id, payload_hash FROM observations WHERE submission_id = ?').get(record.submissionId) as
          | { id: number; payload_hash: string }
          | undefined;
        if (prior) {
          if (prior.payload_hash !== record.payloadHash) throw new IdempotencyKeyReused();
          return { id: observationId(prior.id), status: 'duplicate' } as const;
        }
        if (this.prep('SELECT 1 FROM validations WHERE submission_id = ?').get(record.submissionId)) throw new IdempotencyKeyReused();
      }
      const same = this.prep('SELECT id FROM observations WHERE dedupe_key = ?').get(record.dedupeKey) as { id: number } | undefined;
      if (same) return { id: observationId(same.id), status: 'duplicate' } as const;
      const info = this.prep(
          `INSERT INTO observations (submission_id, dedupe_key, payload_hash, skill, version, kind, text, commune, state,
             held_for, diversity_key, utc_day, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          record.submissionId,
          record.dedupeKey,
          record.payloadHash,
          record.skill,
          record.version,
          record.kind,
          record.text,
          record.commune,
          record.state,
          JSON.stringify(record.heldFor ?? []),
          record.diversityKey,
          record.utcDay,
          record.createdAt,
        );
      return { id: observationId(info.lastInsertRowid), status: 'recorded' } as const;
    });
  }

  /**
   * Runs an idempotent insert. A UNIQUE violation means another writer got there between our lookup and insert
   * (impossible under IMMEDIATE, but the index is the authority), so the lookup runs again and finds the row.
   */
  private async idempotent(fn: () => Receipt): Promise<StoreResult<Receipt>> {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        const result = await this.write(() => {
          try {
            return fn();
          } catch (error) {
            if (sqliteCode(error) === 'SQLITE_CONSTRAINT_UNIQUE') throw new UniqueRace();
            throw error;
          }
        });
        return result;
      } catch (error) {
        if (error instanceof IdempotencyKeyReused) {
          return {
            ok: false,
            error: { code: 'idempotency_key_reused', message: 'this submission_id was already used for a different submission' },
          };
        }
        if (!(error instanceof UniqueRace)) throw error;
      }
    }
    return { ok: false, error: ERRORS.unavailable };
  }

  async tally(skill: string, version: string): Promise<StoreResult<Tally>> {
    return this.read(() => this.tallySync(skill, version));
  }

  private tallySync(skill: string, version: string): Tally {
    const row = this.prep(
        `SELECT
           (SELECT COUNT(DISTINCT diversity_key) FROM validations
              WHERE skill = @skill AND version = @version AND superseded = 0 AND verdict = 'confirm') AS confirms,
           (SELECT COUNT(DISTINCT diversity_key) FROM validations
              WHERE skill = @skill AND version = @version AND superseded = 0 AND verdict = 'reject') AS rejects,
           (SELECT COUNT(DISTINCT diversity_key) FROM validations
              WHERE skill = @skill AND version = @version AND superseded = 0 AND injection_flag = 1 AND resolved_at IS NULL) AS flags,
           (SELECT digest FROM validations WHERE skill = @skill AND version = @version ORDER BY id DESC LIMIT 1) AS digest,
           EXISTS (SELECT 1 FROM quarantines WHERE skill = @skill AND version = @version AND cleared_at IS NULL) AS quarantined`,
      )
      .get({ skill, version }) as { confirms: number; rejects: number; flags: number; digest: string | null; quarantined: number };
    return {
      skill,
      version,
      digest: row.digest,
      confirms: row.confirms,
      rejects: row.rejects,
      flags: row.flags,
      quarantined: row.quarantined === 1,
    };
  }

  async activeQuarantine(skill: string, version: string): Promise<StoreResult<Quarantine | null>> {
    return this.read(() => {
      const row = this.prep('SELECT * FROM quarantines WHERE skill = ? AND version = ? AND cleared_at IS NULL')
        .get(skill, version) as QuarantineRow | undefined;
      return row ? toQuarantine(row) : null;
    });
  }

  async review(): Promise<StoreResult<ReviewSnapshot>> {
    return this.read(() =>
      this.db
        .transaction(() => {
          const versions = this.prep(
              `SELECT skill, version FROM validations UNION SELECT skill, version FROM quarantines ORDER BY skill, version`,
            )
            .all() as Array<{ skill: string; version: string }>;
          return {
            quarantines: (this.prep('SELECT * FROM quarantines WHERE cleared_at IS NULL ORDER BY id').all() as QuarantineRow[]).map(
              toQuarantine,
            ),
            openFlags: (
              this.prep('SELECT * FROM validations WHERE injection_flag = 1 AND superseded = 0 AND resolved_at IS NULL ORDER BY id')
                .all() as ValidationRow[]
            ).map(toValidation),
            heldObservations: (this.prep(`SELECT * FROM observations WHERE state = 'held' ORDER BY id`).all() as ObservationRow[]).map(
              toObservation,
            ),
            openObservations: (this.prep(`SELECT * FROM observations WHERE state = 'open' ORDER BY id`).all() as ObservationRow[]).map(
              toObservation,
            ),
            tallies: versions.map((v) => this.tallySync(v.skill, v.version)),
          };
        })
        .deferred(),
    );
  }

  async clearQuarantine(skill: string, version: string, now: Date): Promise<StoreResult<boolean>> {
    const at = now.toISOString();
    return this.write(() => {
      const cleared = this.prep('UPDATE quarantines SET cleared_at = ? WHERE skill = ? AND version = ? AND cleared_at IS NULL')
        .run(at, skill, version).changes;
      if (cleared === 0) return false;
      this.prep('UPDATE validations SET resolved_at = ? WHERE skill = ? AND version = ? AND injection_flag = 1 AND resolved_at IS NULL')
        .run(at, skill, version);
      return true;
    });
  }

  async resolve(kind: ResolvableKind, id: string, now: Date): Promise<StoreResult<boolean>> {
    const rowId = parseItemId(kind, id);
    if (rowId === undefined) return { ok: true, value: false };
    const at = now.toISOString();
    return this.write(() =>
      kind === 'validation'
        ? this.prep('UPDATE validations SET resolved_at = ? WHERE id = ? AND injection_flag = 1 AND resolved_at IS NULL').run(at, rowId)
            .changes > 0
        : this.prep(`UPDATE observations SET state = 'resolved', resolved_at = ? WHERE id = ? AND state <> 'resolved'`).run(at, rowId)
            .changes > 0,
    );
  }

  async exportAll(now: Date): Promise<StoreResult<StoreExport>> {
    return this.read(() =>
      this.db
        .transaction(() => ({
          exportedAt: now.toISOString(),
          schemaVersion: this.schemaVersion(),
          validations: (this.prep('SELECT * FROM validations ORDER BY id').all() as ValidationRow[]).map(toValidation),
          observations: (this.prep('SELECT * FROM observations ORDER BY id').all() as ObservationRow[]).map(toObservation),
          quarantines: (this.prep('SELECT * FROM quarantines ORDER BY id').all() as QuarantineRow[]).map(toQuarantine),
        }))
        .deferred(),
    );
  }

  async takeSubmissionToken(key: string, now: Date, policy: RatePolicy): Promise<StoreResult<RateDecision>> {
    const nowMs = now.getTime();
    const day = utcDay(now);
    const hour = now.toISOString().slice(0, 13);
    const cleanup = ++this.rateCalls % 100 === 1;
    // Rate-limit state is not worth a disk flush: after a power loss a bucket may give back one token, never lose a
    // submission. So this one transaction commits without fsync; every submission commit stays synchronous=FULL.
    return this.write((): RateDecision => {
      const db = this.db;
      if (cleanup) {
        const yesterday = utcDay(new Date(nowMs - 86_400_000));
        this.prep('DELETE FROM rate_counters WHERE period < ?').run(yesterday);
        this.prep('DELETE FROM rate_buckets WHERE updated_ms < ?').run(nowMs - policy.capacity * policy.refillSeconds * 1000);
      }
      const count = (scope: string, period: string) =>
        (this.prep('SELECT count FROM rate_counters WHERE scope = ? AND period = ?').get(scope, period) as { count: number } | undefined)
          ?.count ?? 0;
      if (count('global', hour) >= policy.globalHourlyLimit) return { allowed: false, scope: 'global', retryAfterSeconds: 600 };
      if (count(`day:${key}`, day) >= policy.dailyLimit) {
        const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
        return { allowed: false, scope: 'daily', retryAfterSeconds: Math.max(1, Math.ceil((midnight - nowMs) / 1000)) };
      }
      const bucket = this.prep('SELECT tokens, updated_ms FROM rate_buckets WHERE key = ?').get(key) as
        | { tokens: number; updated_ms: number }
        | undefined;
      const elapsed = bucket ? Math.max(0, nowMs - bucket.updated_ms) / 1000 : 0;
      const tokens = bucket ? Math.min(policy.capacity, bucket.tokens + elapsed / policy.refillSeconds) : policy.capacity;
      if (tokens < 1) {
        // Whole milliseconds first, so float noise never adds a second to the hint.
        const waitMs = Math.round((1 - tokens) * policy.refillSeconds * 1000);
        return { allowed: false, scope: 'burst', retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
      }
      this.prep(
        `INSERT INTO rate_buckets (key, tokens, updated_ms) VALUES (?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET tokens = excluded.tokens, updated_ms = excluded.updated_ms`,
      ).run(key, tokens - 1, Math.max(nowMs, bucket?.updated_ms ?? 0));
      const bump = this.prep(
        `INSERT INTO rate_counters (scope, period, count) VALUES (?, ?, 1)
         ON CONFLICT (scope, period) DO UPDATE SET count = count + 1`,
      );
      bump.run('global', hour);
      bump.run(`day:${key}`, day);
      return { allowed: true, remaining: Math.floor(tokens - 1) };
    }, { durable: false });
  }

  async getOrCreateSalt(day: string, candidate: string): Promise<StoreResult<string>> {
    return this.write(() => {
      this.prep('INSERT OR IGNORE INTO salts (utc_day, salt) VALUES (?, ?)').run(day, candidate);
      return (this.prep('SELECT salt FROM salts WHERE utc_day = ?').get(day) as { salt: string }).salt;
    });
  }

  async deleteSaltsBefore(day: string): Promise<StoreResult<number>> {
    return this.write(() => this.prep('DELETE FROM salts WHERE utc_day < ?').run(day).changes);
  }

  /** D6: an online backup through SQLite's backup API (never a file copy). */
  async backup(destination: string): Promise<StoreResult<void>> {
    try {
      if (destination !== ':memory:') mkdirSync(dirname(destination), { recursive: true });
      await this.db.backup(destination);
      return { ok: true, value: undefined };
    } catch (error) {
      this.log(`loket store: backup failed (${sqliteCode(error) ?? (error instanceof Error ? error.name : 'unknown')})`);
      return { ok: false, error: sqliteCode(error) === 'SQLITE_FULL' ? ERRORS.full : ERRORS.unavailable };
    }
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
