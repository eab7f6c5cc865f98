import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { pendingMigrations, StoreCore } from './core.js';
import type { StoreResult } from './store.js';
import type { LockScope, SqlValue, Tx, TxKind } from './transaction.js';

/**
 * The submissions store on PostgreSQL (rules in `core.ts`), for several stateless server processes behind a load
 * balancer sharing one database (SPEC §7). Same tables, UNIQUE indexes and semantics as the embedded SQLite store.
 * Writers that could interfere take transaction-scoped advisory locks (the embedded store gets the same from
 * `BEGIN IMMEDIATE`), so superseding a vote, counting flags toward a quarantine and taking a rate-limit token see
 * every committed write of every process. Serialization failures, deadlocks (40001, 40P01) and UNIQUE races are
 * retried in-process; a receipt is returned only after COMMIT (D2).
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
const LOCKS: Record<LockScope, number> = { version: 0x4c4b5402, submission: 0x4c4b5403, rate: 0x4c4b5404 };

/** Serialization failure, deadlock, UNIQUE race: run the transaction again. */
const RETRYABLE = new Set(['40001', '40P01', '23505']);
/** Out of disk or resources: nothing was stored; say so as `store_full`. */
const FULL = new Set(['53100', '53200', '54000']);
const BEGIN: Record<TxKind, string> = {
  read: 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY',
  write: 'BEGIN ISOLATION LEVEL READ COMMITTED',
  ephemeral: 'BEGIN ISOLATION LEVEL READ COMMITTED',
};

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

/** `?` placeholders of the shared SQL as PostgreSQL's `$1, $2, …`, converted once per statement. */
const numbered = new Map<string, string>();
function dollars(sql: string): string {
  let text = numbered.get(sql);
  if (text === undefined) {
    let n = 0;
    text = sql.replace(/\?/g, () => `$${++n}`);
    numbered.set(sql, text);
  }
  return text;
}

function txOn(client: pg.PoolClient): Tx {
  const query = (sql: string, params: readonly SqlValue[] = []) => client.query(dollars(sql), params as SqlValue[]);
  return {
    get: async (sql, params) => (await query(sql, params)).rows[0],
    all: async (sql, params) => (await query(sql, params)).rows,
    run: async (sql, params) => (await query(sql, params)).rowCount ?? 0,
    lock: async (scope, key) => void (await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [LOCKS[scope], key])),
  };
}

/** `SubmissionStore` on a `pg.Pool`. Every method answers a `StoreResult`; nothing expected is thrown. */
export class PgSubmissionStore extends StoreCore {
  /** The connection pool (maintenance and tests). */
  readonly pool: pg.Pool;
  private readonly log: (line: string) => void;
  private readonly maxRetries: number;
  private readonly where: string;
  private readonly poolMax: number;
  private readonly queueWaitMs: number;
  private closed = false;

  constructor(options: PostgresStoreOptions) {
    super({ true: 'TRUE', false: 'FALSE' });
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
   * Runs `fn` in one transaction on one pooled connection and COMMITs before answering. Retryable failures are
   * retried with jittered back-off and never reach the caller; a lost connection is retried once on a fresh one.
   * Anything else becomes `store_unavailable` / `store_full`.
   */
  protected async transaction<T>(kind: TxKind, fn: (tx: Tx) => Promise<T>): Promise<StoreResult<T>> {
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
        await client.query(BEGIN[kind]);
        const value = await fn(txOn(client));
        await client.query('COMMIT');
        return { ok: true, value };
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {
          broken = true;
        });
        if (RETRYABLE.has(errorCode(error)) && attempt < this.maxRetries) {
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
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1)', [LOCK_MIGRATIONS]);
      await client.query(this.sql.createMigrationsTable);
      const applied = (await client.query<{ version: string }>(this.sql.appliedMigrations)).rows.map((r) => r.version);
      for (const { version, sql } of pendingMigrations(PG_MIGRATIONS_DIR, new Set(applied))) {
        await client.query(sql);
        await client.query(dollars(this.sql.recordMigration), [version, new Date().toISOString()]);
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
    const { rows } = await this.pool.query<{ v: string | null }>(this.sql.schemaVersion);
    return rows[0]?.v ?? '';
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }
}
