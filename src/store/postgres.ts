import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import {
  utcDay,
  type ObservationRecord,
  type Quarantine,
  type QuarantinePolicy,
  type RateDecision,
  type RatePolicy,
  type Receipt,
  type ResolvableKind,
  type ReviewSnapshot,
  type StoreError,
  type StoreExport,
  type StoreResult,
  type SubmissionStore,
  type Tally,
  type ValidationRecord,
} from './store.js';
import { observationId, parseItemId, validationId } from './receipt-ids.js';
import { toObservation, toQuarantine, toValidation, type ObservationRow, type QuarantineRow, type ValidationRow } from './rows.js';

/**
 * The submissions store on PostgreSQL, for several stateless server processes behind a load balancer sharing one
 * database (SPEC §7). Same tables, UNIQUE indexes and semantics as the embedded SQLite store:
 *
 * - G3 idempotency: `INSERT … ON CONFLICT DO NOTHING` and a re-read; the UNIQUE indexes are the authority.
 * - G4 and G7: writes for one skill version take a transaction-scoped advisory lock, so superseding a vote and
 *   counting flags toward a quarantine see every committed vote of every process (the embedded store gets the same
 *   from `BEGIN IMMEDIATE`). Serialization failures and deadlocks (40001, 40P01) are retried in-process.
 * - G2: token buckets and counters live in the database (row locks), never in process memory.
 * - D2: a receipt is returned only after COMMIT.
 */

/** The folder holding the PostgreSQL dialect of the migrations, same ids as `migrations/`. */
export const PG_MIGRATIONS_DIR = fileURLToPath(new URL('./migrations-pg/', import.meta.url));

/** Whether a `DATABASE_URL` names a PostgreSQL server. */
export function isPostgresUrl(url: string | undefined): url is string {
  return url !== undefined && /^postgres(?:ql)?:\/\//i.test(url.trim());
}

/** A database URL safe for logs and error messages: user and password are replaced by `***`. */
export function redactDatabaseUrl(url: string): string {
  const match = /^([a-z]+:\/\/)(?:[^@/]*@)?(.*)$/i.exec(url.trim());
  if (!match) return 'postgres://***';
  const rest = (match[2] ?? '').replace(/([?&]password=)[^&]*/gi, '$1***');
  return `${match[1]}***@${rest}`;
}

export interface PostgresStoreOptions {
  /** `postgres://user:password@host:port/database` (the `DATABASE_URL`). */
  url: string;
  /** Connections per process. Default 5: several processes share the server's connection limit. */
  poolMax?: number;
  /** How long to wait for the server to accept a new connection before answering `store_unavailable`. Default 5 s. */
  connectTimeoutMs?: number;
  /** How long a request may wait for a free pooled connection under load before `store_unavailable`. Default 30 s. */
  queueWaitMs?: number;
  /** How many times a serialization failure or deadlock is retried before `store_unavailable`. Default 20. */
  maxRetries?: number;
  /** Where operational messages go (stderr by default); never receives submission text or the password. */
  log?: (line: string) => void;
}

/** Thrown by `openPostgresStore` when the database cannot be reached or migrated; the message names no secret. */
export class StoreOpenError extends Error {
  readonly code = 'store_unavailable' as const;
  constructor(message: string) {
    super(message);
    this.name = 'StoreOpenError';
  }
}

/** Opens a pool, applies pending migrations (under an advisory lock) and returns the store. */
export async function openPostgresStore(options: PostgresStoreOptions): Promise<PgSubmissionStore> {
  const store = new PgSubmissionStore(options);
  try {
    await store.migrate();
  } catch (error) {
    await store.close();
    throw new StoreOpenError(
      `cannot open the PostgreSQL submissions store at ${redactDatabaseUrl(options.url)} (${errorCode(error)}); check DATABASE_URL and that the server is running`,
    );
  }
  return store;
}

/** Arbitrary constants naming loket's advisory locks (first key of the two-key form). */
const LOCK_MIGRATIONS = 0x4c4b5401;
const LOCK_VERSION = 0x4c4b5402;
const LOCK_SUBMISSION_ID = 0x4c4b5403;

/** Postgres error codes that mean "run the transaction again". */
const RETRYABLE = new Set(['40001', '40P01']);
const UNIQUE_VIOLATION = '23505';
/** Out of disk or resources: nothing was stored; say so as `store_full`. */
const FULL = new Set(['53100', '53200', '54000']);

/** The connection died under us (server restart, failover, terminated backend): worth one fresh connection. */
function connectionLost(error: unknown): boolean {
  const code = errorCode(error);
  return code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03' || code === 'ECONNRESET' || code === 'EPIPE' ||
    (error instanceof Error && /connection terminated/i.test(error.message));
}

function errorCode(error: unknown): string {
  if (error && typeof error === 'object' && 'code' in error && typeof (error as { code: unknown }).code === 'string') {
    return (error as { code: string }).code;
  }
  if (error instanceof Error && /timeout/i.test(error.message)) return 'timeout';
  return error instanceof Error ? error.name : 'unknown';
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Sql = Pick<pg.PoolClient, 'query'>;

/** Ends a transaction with ROLLBACK and hands `value` back as the (successful) answer. */
class RollbackWith<T> {
  constructor(readonly value: T) {}
}

class IdempotencyKeyReused extends Error {}

const REUSED: StoreError = {
  code: 'idempotency_key_reused',
  message: 'this submission_id was already used for a different submission',
};

const TALLY_SQL = `SELECT
   (SELECT COUNT(DISTINCT diversity_key) FROM validations
      WHERE skill = $1 AND version = $2 AND NOT superseded AND verdict = 'confirm') AS confirms,
   (SELECT COUNT(DISTINCT diversity_key) FROM validations
      WHERE skill = $1 AND version = $2 AND NOT superseded AND verdict = 'reject') AS rejects,
   (SELECT COUNT(DISTINCT diversity_key) FROM validations
      WHERE skill = $1 AND version = $2 AND NOT superseded AND injection_flag AND resolved_at IS NULL) AS flags,
   (SELECT digest FROM validations WHERE skill = $1 AND version = $2 ORDER BY id DESC LIMIT 1) AS digest,
   EXISTS (SELECT 1 FROM quarantines WHERE skill = $1 AND version = $2 AND cleared_at IS NULL) AS quarantined`;

/** `SubmissionStore` on a `pg.Pool`. Every method answers a `StoreResult`; nothing expected is thrown. */
export class PgSubmissionStore implements SubmissionStore {
  /** The connection pool (maintenance and tests). */
  readonly pool: pg.Pool;
  private readonly log: (line: string) => void;
  private readonly maxRetries: number;
  private readonly where: string;
  private readonly poolMax: number;
  private readonly queueWaitMs: number;
  private rateCalls = 0;
  private closed = false;

  constructor(options: PostgresStoreOptions) {
    this.log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
    this.maxRetries = options.maxRetries ?? 20;
    this.where = redactDatabaseUrl(options.url);
    this.poolMax = options.poolMax ?? 5;
    this.queueWaitMs = options.queueWaitMs ?? 30_000;
    this.pool = new pg.Pool({
      connectionString: options.url,
      max: this.poolMax,
      connectionTimeoutMillis: options.connectTimeoutMs ?? 5_000,
      idleTimeoutMillis: 30_000,
      application_name: 'loket',
    });
    // A connection dropped while idle (server restart, failover) must not crash the process.
    this.pool.on('error', (error) => this.log(`loket store: idle PostgreSQL connection lost (${errorCode(error)})`));
  }

  private unavailable(error: unknown): StoreResult<never> {
    const code = errorCode(error);
    if (FULL.has(code)) {
      this.log(`loket store: PostgreSQL is out of space or resources (${code}); submission not stored`);
      return { ok: false, error: { code: 'store_full', message: 'the submission store is full; nothing was stored' } };
    }
    this.log(`loket store: PostgreSQL at ${this.where} failed (${code}); check DATABASE_URL and the server`);
    return {
      ok: false,
      error: {
        code: 'store_unavailable',
        message: 'the submission store is unavailable (PostgreSQL); nothing was stored. Check DATABASE_URL and that the server is reachable',
      },
    };
  }

  /**
   * Runs `fn` in one transaction on one pooled connection and COMMITs before answering. Serialization failures and
   * deadlocks are retried with jittered back-off and never reach the caller; so is a UNIQUE race the re-read could
   * not resolve yet. A lost connection is retried once on a fresh one. Anything else becomes `store_unavailable` /
   * `store_full`.
   */
  private async tx<T>(
    fn: (sql: Sql) => Promise<T>,
    options: { isolation?: 'READ COMMITTED' | 'REPEATABLE READ' | 'SERIALIZABLE'; readOnly?: boolean } = {},
  ): Promise<StoreResult<T>> {
    const begin = `BEGIN ISOLATION LEVEL ${options.isolation ?? 'READ COMMITTED'}${options.readOnly ? ' READ ONLY' : ''}`;
    let lostOnce = false;
    for (let attempt = 0; ; attempt++) {
      let client: pg.PoolClient;
      try {
        client = await this.acquire();
      } catch (error) {
        return this.unavailable(error);
      }
      let broken = false;
      try {
        await client.query(begin);
        const value = await fn(client);
        await client.query('COMMIT');
        return { ok: true, value };
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {
          broken = true;
        });
        if (error instanceof RollbackWith) return { ok: true, value: error.value as T };
        if (error instanceof IdempotencyKeyReused) return { ok: false, error: REUSED };
        const code = errorCode(error);
        if ((RETRYABLE.has(code) || code === UNIQUE_VIOLATION) && attempt < this.maxRetries) {
          await sleep(Math.min(100, 2 * 2 ** Math.min(attempt, 6)) * (0.5 + Math.random()));
          continue;
        }
        if (connectionLost(error)) {
          broken = true;
          // One more try on a fresh connection. Safe for writes: a transaction that did commit before the
          // connection died is found again by its idempotency keys and answered as a duplicate.
          if (!lostOnce) {
            lostOnce = true;
            continue;
          }
        }
        return this.unavailable(error);
      } finally {
        client.release(broken);
      }
    }
  }

  /**
   * A pooled connection. The pool's timeout covers both opening a connection and waiting for a free one; under a
   * burst every connection is busy, so waiting is retried up to `queueWaitMs` while an unreachable server still
   * fails after one `connectTimeoutMs`.
   */
  private async acquire(): Promise<pg.PoolClient> {
    const started = Date.now();
    for (;;) {
      try {
        return await this.pool.connect();
      } catch (error) {
        const busy = this.pool.totalCount >= this.poolMax && this.pool.idleCount === 0;
        if (!busy || this.closed || Date.now() - started > this.queueWaitMs) throw error;
      }
    }
  }

  /** Applies pending migrations in one transaction under an advisory lock, so processes starting together wait. */
  async migrate(): Promise<void> {
    const files = readdirSync(PG_MIGRATIONS_DIR)
      .filter((f) => /^\d{4}_[a-z0-9_-]+\.sql$/.test(f))
      .sort();
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1)', [LOCK_MIGRATIONS]);
      await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version TEXT PRIMARY KEY, applied_at TEXT NOT NULL)');
      const applied = new Set((await client.query<{ version: string }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version));
      for (const file of files) {
        const version = file.replace(/\.sql$/, '');
        if (applied.has(version)) continue;
        await client.query(readFileSync(join(PG_MIGRATIONS_DIR, file), 'utf8'));
        await client.query('INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)', [version, new Date().toISOString()]);
        this.log(`loket store: applied migration ${version}`);
      }
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  /** The newest applied migration, e.g. `0001_submissions`. */
  async schemaVersion(): Promise<string> {
    const { rows } = await this.pool.query<{ v: string | null }>('SELECT max(version) AS v FROM schema_migrations');
    return rows[0]?.v ?? '';
  }

  /**
   * Serialises writers that could interfere: the same `submissionId` (across both tables), then the same skill
   * version. Locks are always taken in this order, so two writers cannot deadlock on them.
   */
  private async lockFor(sql: Sql, submissionId: string | null, skillVersion?: string): Promise<void> {
    if (submissionId !== null) await sql.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [LOCK_SUBMISSION_ID, submissionId]);
    if (skillVersion !== undefined) await sql.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [LOCK_VERSION, skillVersion]);
  }

  async recordValidation(record: ValidationRecord, policy: QuarantinePolicy): Promise<StoreResult<Receipt>> {
    return this.tx(async (sql): Promise<Receipt> => {
      await this.lockFor(sql, record.submissionId, `${record.skill}@${record.version}`);
      if (record.submissionId !== null) {
        const prior = await this.priorBySubmissionId(sql, 'validations', record.submissionId, record.payloadHash);
        if (prior !== undefined) return { id: validationId(prior), status: 'duplicate' };
        const other = await sql.query('SELECT 1 FROM observations WHERE submission_id = $1', [record.submissionId]);
        if (other.rowCount) throw new IdempotencyKeyReused();
      }
      const supersede = () =>
        sql.query(
          `UPDATE validations SET superseded = TRUE
           WHERE skill = $1 AND version = $2 AND diversity_key = $3 AND utc_day = $4 AND NOT superseded`,
          [record.skill, record.version, record.diversityKey, record.utcDay],
        );
      const same = await sql.query<{ id: string; superseded: boolean }>('SELECT id, superseded FROM validations WHERE dedupe_key = $1', [
        record.dedupeKey,
      ]);
      const existing = same.rows[0];
      if (existing) {
        // The same vote again. If a different vote replaced it today, this repetition is the latest word (G4).
        if (existing.superseded) {
          await supersede();
          await sql.query('UPDATE validations SET superseded = FALSE WHERE id = $1', [existing.id]);
        }
        return { id: validationId(existing.id), status: 'duplicate' };
      }
      await supersede();
      const inserted = await sql.query<{ id: string }>(
        `INSERT INTO validations (submission_id, dedupe_key, payload_hash, skill, version, digest, verdict, injection_flag,
           reason, diversity_key, utc_day, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
         ON CONFLICT DO NOTHING RETURNING id`,
        [
          record.submissionId,
          record.dedupeKey,
          record.payloadHash,
          record.skill,
          record.version,
          record.digest,
          record.verdict,
          record.injectionFlag,
          record.reason,
          record.diversityKey,
          record.utcDay,
          record.createdAt,
        ],
      );
      const row = inserted.rows[0];
      if (!row) {
        // Another writer committed the same key between our reads and the insert (cannot happen under the locks, but
        // the UNIQUE index is the authority): roll back the supersede and answer from the row that won.
        const winner = await this.rereadValidation(sql, record);
        throw new RollbackWith<Receipt>({ id: validationId(winner), status: 'duplicate' });
      }
      if (record.injectionFlag) await this.applyQuarantinePolicy(sql, record, policy);
      return { id: validationId(row.id), status: 'recorded' };
    });
  }

  /** The id of the row holding `submissionId`, or undefined; throws when it holds another payload. */
  private async priorBySubmissionId(
    sql: Sql,
    table: 'validations' | 'observations',
    submissionId: string,
    payloadHash: string,
  ): Promise<string | undefined> {
    const prior = await sql.query<{ id: string; payload_hash: string }>(`SELECT id, payload_hash FROM ${table} WHERE submission_id = $1`, [
      submissionId,
    ]);
    const row = prior.rows[0];
    if (!row) return undefined;
    if (row.payload_hash !== payloadHash) throw new IdempotencyKeyReused();
    return row.id;
  }

  private async rereadValidation(sql: Sql, record: ValidationRecord): Promise<string> {
    if (record.submissionId !== null) {
      const prior = await this.priorBySubmissionId(sql, 'validations', record.submissionId, record.payloadHash);
      if (prior !== undefined) return prior;
    }
    const same = await sql.query<{ id: string }>('SELECT id FROM validations WHERE dedupe_key = $1', [record.dedupeKey]);
    if (same.rows[0]) return same.rows[0].id;
    // The conflicting row is not visible yet: run the whole transaction again.
    throw Object.assign(new Error('unique race'), { code: UNIQUE_VIOLATION });
  }

  /** G7: flags from ≥ `minKeys` distinct keys within `windowDays` quarantine the version until cleared. */
  private async applyQuarantinePolicy(sql: Sql, record: ValidationRecord, policy: QuarantinePolicy): Promise<void> {
    const since = new Date(Date.parse(record.createdAt) - policy.windowDays * 86_400_000).toISOString();
    const { rows } = await sql.query<{ keys: string }>(
      `SELECT COUNT(DISTINCT diversity_key) AS keys FROM validations
       WHERE skill = $1 AND version = $2 AND injection_flag AND NOT superseded AND resolved_at IS NULL AND created_at >= $3`,
      [record.skill, record.version, since],
    );
    if (Number(rows[0]?.keys ?? 0) < policy.minKeys) return;
    await sql.query(
      `INSERT INTO quarantines (skill, version, quarantined_at) VALUES ($1, $2, $3)
       ON CONFLICT (skill, version) WHERE cleared_at IS NULL DO NOTHING`,
      [record.skill, record.version, record.createdAt],
    );
  }

  async recordObservation(record: ObservationRecord): Promise<StoreResult<Receipt>> {
    return this.tx(async (sql): Promise<Receipt> => {
      await this.lockFor(sql, record.submissionId);
      if (record.submissionId !== null) {
        const prior = await this.priorBySubmissionId(sql, 'observations', record.submissionId, record.payloadHash);
        if (prior !== undefined) return { id: observationId(prior), status: 'duplicate' };
        const other = await sql.query('SELECT 1 FROM validations WHERE submission_id = $1', [record.submissionId]);
        if (other.rowCount) throw new IdempotencyKeyReused();
      }
      const inserted = await sql.query<{ id: string }>(
        `INSERT INTO observations (submission_id, dedupe_key, payload_hash, skill, version, kind, text, commune, state,
           held_for, diversity_key, utc_day, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11, $12, $13)
         ON CONFLICT DO NOTHING RETURNING id`,
        [
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
        ],
      );
      const row = inserted.rows[0];
      if (row) return { id: observationId(row.id), status: 'recorded' };
      // ON CONFLICT waited for the other writer to commit; the re-read sees its row.
      if (record.submissionId !== null) {
        const prior = await this.priorBySubmissionId(sql, 'observations', record.submissionId, record.payloadHash);
        if (prior !== undefined) return { id: observationId(prior), status: 'duplicate' };
      }
      const same = await sql.query<{ id: string }>('SELECT id FROM observations WHERE dedupe_key = $1', [record.dedupeKey]);
      if (same.rows[0]) return { id: observationId(same.rows[0].id), status: 'duplicate' };
      throw Object.assign(new Error('unique race'), { code: UNIQUE_VIOLATION });
    });
  }

  private async tallyOn(sql: Sql, skill: string, version: string): Promise<Tally> {
    const { rows } = await sql.query<{ confirms: string; rejects: string; flags: string; digest: string | null; quarantined: boolean }>(
      TALLY_SQL,
      [skill, version],
    );
    const row = rows[0];
    return {
      skill,
      version,
      digest: row?.digest ?? null,
      confirms: Number(row?.confirms ?? 0),
      rejects: Number(row?.rejects ?? 0),
      flags: Number(row?.flags ?? 0),
      quarantined: row?.quarantined ?? false,
    };
  }

  async tally(skill: string, version: string): Promise<StoreResult<Tally>> {
    return this.tx((sql) => this.tallyOn(sql, skill, version), { readOnly: true });
  }

  async activeQuarantine(skill: string, version: string): Promise<StoreResult<Quarantine | null>> {
    return this.tx(
      async (sql) => {
        const { rows } = await sql.query<QuarantineRow>('SELECT * FROM quarantines WHERE skill = $1 AND version = $2 AND cleared_at IS NULL', [
          skill,
          version,
        ]);
        return rows[0] ? toQuarantine(rows[0]) : null;
      },
      { readOnly: true },
    );
  }

  async review(): Promise<StoreResult<ReviewSnapshot>> {
    return this.tx(
      async (sql) => {
        const versions = (
          await sql.query<{ skill: string; version: string }>(
            'SELECT skill, version FROM validations UNION SELECT skill, version FROM quarantines ORDER BY skill, version',
          )
        ).rows;
        const quarantines = (await sql.query<QuarantineRow>('SELECT * FROM quarantines WHERE cleared_at IS NULL ORDER BY id')).rows;
        const openFlags = (
          await sql.query<ValidationRow>('SELECT * FROM validations WHERE injection_flag AND NOT superseded AND resolved_at IS NULL ORDER BY id')
        ).rows;
        const held = (await sql.query<ObservationRow>(`SELECT * FROM observations WHERE state = 'held' ORDER BY id`)).rows;
        const open = (await sql.query<ObservationRow>(`SELECT * FROM observations WHERE state = 'open' ORDER BY id`)).rows;
        const tallies: Tally[] = [];
        for (const v of versions) tallies.push(await this.tallyOn(sql, v.skill, v.version));
        return {
          quarantines: quarantines.map(toQuarantine),
          openFlags: openFlags.map(toValidation),
          heldObservations: held.map(toObservation),
          openObservations: open.map(toObservation),
          tallies,
        };
      },
      { isolation: 'REPEATABLE READ', readOnly: true },
    );
  }

  async clearQuarantine(skill: string, version: string, now: Date): Promise<StoreResult<boolean>> {
    const at = now.toISOString();
    return this.tx(async (sql) => {
      await this.lockFor(sql, null, `${skill}@${version}`);
      const cleared = await sql.query('UPDATE quarantines SET cleared_at = $1 WHERE skill = $2 AND version = $3 AND cleared_at IS NULL', [
        at,
        skill,
        version,
      ]);
      if (!cleared.rowCount) return false;
      await sql.query('UPDATE validations SET resolved_at = $1 WHERE skill = $2 AND version = $3 AND injection_flag AND resolved_at IS NULL', [
        at,
        skill,
        version,
      ]);
      return true;
    });
  }

  async resolve(kind: ResolvableKind, id: string, now: Date): Promise<StoreResult<boolean>> {
    const rowId = parseItemId(kind, id);
    if (rowId === undefined) return { ok: true, value: false };
    const at = now.toISOString();
    return this.tx(async (sql) => {
      const result =
        kind === 'validation'
          ? await sql.query('UPDATE validations SET resolved_at = $1 WHERE id = $2 AND injection_flag AND resolved_at IS NULL', [at, rowId])
          : await sql.query(`UPDATE observations SET state = 'resolved', resolved_at = $1 WHERE id = $2 AND state <> 'resolved'`, [at, rowId]);
      return (result.rowCount ?? 0) > 0;
    });
  }

  async exportAll(now: Date): Promise<StoreResult<StoreExport>> {
    return this.tx(
      async (sql) => {
        const version = (await sql.query<{ v: string | null }>('SELECT max(version) AS v FROM schema_migrations')).rows[0]?.v ?? '';
        const validations = (await sql.query<ValidationRow>('SELECT * FROM validations ORDER BY id')).rows;
        const observations = (await sql.query<ObservationRow>('SELECT * FROM observations ORDER BY id')).rows;
        const quarantines = (await sql.query<QuarantineRow>('SELECT * FROM quarantines ORDER BY id')).rows;
        return {
          exportedAt: now.toISOString(),
          schemaVersion: version,
          validations: validations.map(toValidation),
          observations: observations.map(toObservation),
          quarantines: quarantines.map(toQuarantine),
        };
      },
      { isolation: 'REPEATABLE READ', readOnly: true },
    );
  }

  /**
   * G2 across processes: the key's bucket row is locked (`SELECT … FOR UPDATE`) for the read-modify-write, and the
   * global hourly counter is bumped with a conditional upsert, so neither over-admits under concurrency.
   */
  async takeSubmissionToken(key: string, now: Date, policy: RatePolicy): Promise<StoreResult<RateDecision>> {
    const nowMs = now.getTime();
    const day = utcDay(now);
    const hour = now.toISOString().slice(0, 13);
    if (++this.rateCalls % 100 === 1) await this.pruneRateState(nowMs, policy);
    const globalDenied: RateDecision = { allowed: false, scope: 'global', retryAfterSeconds: 600 };
    return this.tx(async (sql): Promise<RateDecision> => {
      const count = async (scope: string, period: string) =>
        Number(
          (await sql.query<{ count: number }>('SELECT count FROM rate_counters WHERE scope = $1 AND period = $2', [scope, period])).rows[0]
            ?.count ?? 0,
        );
      if ((await count('global', hour)) >= policy.globalHourlyLimit) return globalDenied;
      await sql.query('INSERT INTO rate_buckets (key, tokens, updated_ms) VALUES ($1, $2, $3) ON CONFLICT (key) DO NOTHING', [
        key,
        policy.capacity,
        nowMs,
      ]);
      const bucket = (
        await sql.query<{ tokens: number; updated_ms: string }>('SELECT tokens, updated_ms FROM rate_buckets WHERE key = $1 FOR UPDATE', [key])
      ).rows[0];
      if ((await count(`day:${key}`, day)) >= policy.dailyLimit) {
        const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
        return { allowed: false, scope: 'daily', retryAfterSeconds: Math.max(1, Math.ceil((midnight - nowMs) / 1000)) };
      }
      const updatedMs = bucket ? Number(bucket.updated_ms) : nowMs;
      const elapsed = Math.max(0, nowMs - updatedMs) / 1000;
      const tokens = bucket ? Math.min(policy.capacity, bucket.tokens + elapsed / policy.refillSeconds) : policy.capacity;
      if (tokens < 1) {
        return { allowed: false, scope: 'burst', retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) * policy.refillSeconds)) };
      }
      await sql.query('UPDATE rate_buckets SET tokens = $2, updated_ms = $3 WHERE key = $1', [key, tokens - 1, Math.max(nowMs, updatedMs)]);
      const global = await sql.query(
        `INSERT INTO rate_counters (scope, period, count) VALUES ('global', $1, 1)
         ON CONFLICT (scope, period) DO UPDATE SET count = rate_counters.count + 1 WHERE rate_counters.count < $2
         RETURNING count`,
        [hour, policy.globalHourlyLimit],
      );
      // Another process filled the hour between our read and this bump: take nothing from the bucket.
      if (!global.rowCount) throw new RollbackWith(globalDenied);
      await sql.query(
        `INSERT INTO rate_counters (scope, period, count) VALUES ($1, $2, 1)
         ON CONFLICT (scope, period) DO UPDATE SET count = rate_counters.count + 1`,
        [`day:${key}`, day],
      );
      return { allowed: true, remaining: Math.floor(tokens - 1) };
    });
  }

  /** Drops counters older than yesterday and buckets that would be full again anyway. Failures are only logged. */
  private async pruneRateState(nowMs: number, policy: RatePolicy): Promise<void> {
    try {
      await this.pool.query('DELETE FROM rate_counters WHERE period < $1', [utcDay(new Date(nowMs - 86_400_000))]);
      await this.pool.query('DELETE FROM rate_buckets WHERE updated_ms < $1', [nowMs - policy.capacity * policy.refillSeconds * 1000]);
    } catch (error) {
      this.log(`loket store: pruning rate-limit state failed (${errorCode(error)})`);
    }
  }

  async getOrCreateSalt(day: string, candidate: string): Promise<StoreResult<string>> {
    return this.tx(async (sql) => {
      await sql.query('INSERT INTO salts (utc_day, salt) VALUES ($1, $2) ON CONFLICT (utc_day) DO NOTHING', [day, candidate]);
      // ON CONFLICT waited for a concurrent first writer; this statement's snapshot sees its row.
      const { rows } = await sql.query<{ salt: string }>('SELECT salt FROM salts WHERE utc_day = $1', [day]);
      return rows[0]?.salt ?? candidate;
    });
  }

  async deleteSaltsBefore(day: string): Promise<StoreResult<number>> {
    return this.tx(async (sql) => (await sql.query('DELETE FROM salts WHERE utc_day < $1', [day])).rowCount ?? 0);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }
}
