import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pendingMigrations, StoreCore } from './core.js';
import { DEFAULT_DB_PATH } from './default-db-path.js';
import type { StoreError, StoreResult } from './store.js';
import type { SqlValue, Tx, TxKind } from './transaction.js';

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
  const db = await retryBusy(() => openDatabase(options.path ?? DEFAULT_DB_PATH), options.busyRetryMs ?? 30_000);
  const store = new SqliteSubmissionStore(db, options);
  await store.migrate();
  return store;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const backoff = (attempt: number) => Math.min(200, 5 * 2 ** Math.min(attempt, 5)) * (0.5 + Math.random());

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
      await sleep(backoff(attempt));
    }
  }
}

const ERRORS = {
  full: { code: 'store_full', message: 'the submission store is full; nothing was stored' },
  unavailable: { code: 'store_unavailable', message: 'the submission store is unavailable; nothing was stored' },
} as const satisfies Record<string, StoreError>;

/** better-sqlite3 binds numbers, strings and null; booleans are stored as 0/1. */
const bind = (params: readonly SqlValue[]) => params.map((p) => (typeof p === 'boolean' ? Number(p) : p));

/**
 * The submissions store on better-sqlite3 (rules in `core.ts`). Every write runs in a `BEGIN IMMEDIATE`
 * transaction, so lookups and inserts are atomic across processes and no lock is needed beyond it; transactions
 * on one connection run one after another. A method resolves only after COMMIT returned (D2).
 */
export class SqliteSubmissionStore extends StoreCore {
  /** The underlying connection (maintenance, backups and tests). */
  readonly db: Database.Database;
  private readonly log: (line: string) => void;
  private readonly walCheckpointBytes: number;
  private readonly checkpointEvery: number;
  private readonly busyRetryMs: number;
  private writesSinceCheckpointCheck = 0;
  private readonly statements = new Map<string, Database.Statement>();
  private queue: Promise<unknown> = Promise.resolve();
  private readonly tx: Tx = {
    get: async <T>(sql: string, params: readonly SqlValue[] = []) => this.prep(sql).get(...bind(params)) as T | undefined,
    all: async <T>(sql: string, params: readonly SqlValue[] = []) => this.prep(sql).all(...bind(params)) as T[],
    run: async (sql, params = []) => this.prep(sql).run(...bind(params)).changes,
    lock: async () => undefined,
  };

  constructor(db: Database.Database, options: SqliteStoreOptions = {}) {
    super({ true: '1', false: '0' });
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

  protected async transaction<T>(kind: TxKind, fn: (tx: Tx) => Promise<T>): Promise<StoreResult<T>> {
    // The rules await between statements: one transaction at a time on this connection.
    const result = this.queue.then(() => this.attempts(kind, fn));
    this.queue = result.catch(() => undefined);
    return result;
  }

  private async attempts<T>(kind: TxKind, fn: (tx: Tx) => Promise<T>): Promise<StoreResult<T>> {
    const started = Date.now();
    for (let attempt = 0; ; attempt++) {
      try {
        const value = await this.once(kind, fn);
        if (kind !== 'read') this.afterWrite();
        return { ok: true, value };
      } catch (error) {
        const code = sqliteCode(error);
        if (isBusy(error) && Date.now() - started <= this.busyRetryMs) {
          await sleep(backoff(attempt));
          continue;
        }
        // Another connection committed the same key first (the index is the authority): look again.
        if ((code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') && attempt < 3) continue;
        if (code === 'SQLITE_FULL') {
          this.log('loket store: database full (SQLITE_FULL); submission not stored');
          return { ok: false, error: ERRORS.full };
        }
        this.log(`loket store: ${kind === 'read' ? 'read' : 'write'} failed (${code ?? (error instanceof Error ? error.name : 'unknown')})`);
        return { ok: false, error: ERRORS.unavailable };
      }
    }
  }

  private async once<T>(kind: TxKind, fn: (tx: Tx) => Promise<T>): Promise<T> {
    // Only this transaction runs on the connection, so nothing else commits while sync is off.
    if (kind === 'ephemeral') this.db.pragma('synchronous = OFF');
    try {
      this.prep(kind === 'read' ? 'BEGIN DEFERRED' : 'BEGIN IMMEDIATE').run();
      try {
        const value = await fn(this.tx);
        this.prep('COMMIT').run();
        return value;
      } catch (error) {
        if (this.db.inTransaction) this.prep('ROLLBACK').run();
        throw error;
      }
    } finally {
      if (kind === 'ephemeral') this.db.pragma('synchronous = FULL');
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
    const migrateNow = this.db.transaction(() => {
      this.db.exec(this.sql.createMigrationsTable);
      const applied = (this.prep(this.sql.appliedMigrations).all() as Array<{ version: string }>).map((r) => r.version);
      for (const { version, sql } of pendingMigrations(MIGRATIONS_DIR, new Set(applied))) {
        this.db.exec(sql);
        this.prep(this.sql.recordMigration).run(version, new Date().toISOString());
      }
    });
    await retryBusy(() => migrateNow.immediate(), this.busyRetryMs);
  }

  /** The newest applied migration, e.g. `0001_submissions`. */
  schemaVersion(): string {
    return (this.prep(this.sql.schemaVersion).get() as { v: string | null }).v ?? '';
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
