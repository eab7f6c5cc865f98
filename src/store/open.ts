import { isPostgresUrl, openPostgresStore, redactDatabaseUrl, StoreOpenError } from './postgres.js';
import { DEFAULT_DB_PATH } from './default-db-path.js';
import { openSqliteStore } from './sqlite.js';
import type { SubmissionStore } from './store.js';

export { StoreOpenError } from './postgres.js';

/** Where the submissions live: a PostgreSQL URL for several processes, else an embedded SQLite file. */
export interface OpenStoreOptions {
  /** `DATABASE_URL`; a `postgres://` or `postgresql://` URL selects PostgreSQL. Empty means "not set". */
  databaseUrl?: string;
  /** SQLite file when no PostgreSQL URL is given. Default `./data/loket.db`. */
  dbPath?: string;
  /** Connections per process for PostgreSQL. Default 5. */
  poolMax?: number;
  /** Operational log (stderr by default); never receives a password or submission text. */
  log?: (line: string) => void;
}

/** Which store `openStore` would open, and where (credentials redacted), e.g. for a start-up log line. */
export function describeStore(options: OpenStoreOptions): { kind: 'postgres' | 'sqlite'; where: string } {
  const url = options.databaseUrl?.trim();
  if (url) {
    if (isPostgresUrl(url)) return { kind: 'postgres', where: redactDatabaseUrl(url) };
  }
  return { kind: 'sqlite', where: options.dbPath ?? DEFAULT_DB_PATH };
}

/**
 * Opens and migrates the submissions store (SPEC §7): PostgreSQL when `databaseUrl` starts with `postgres://` or
 * `postgresql://`, otherwise SQLite at `dbPath` (default `./data/loket.db`). Throws `StoreOpenError` (code
 * `store_unavailable`) with a message that names the problem and never the password: when the server cannot be
 * reached or migrated, or when `databaseUrl` is set to something that is not a PostgreSQL URL.
 */
export async function openStore(options: OpenStoreOptions = {}): Promise<SubmissionStore> {
  const url = options.databaseUrl?.trim();
  if (url) {
    if (!isPostgresUrl(url)) {
      throw new StoreOpenError('DATABASE_URL must start with postgres:// or postgresql://; unset it to use the embedded SQLite store');
    }
    return openPostgresStore({ url, ...(options.poolMax === undefined ? {} : { poolMax: options.poolMax }), ...(options.log ? { log: options.log } : {}) });
  }
  return openSqliteStore({ path: options.dbPath ?? DEFAULT_DB_PATH, ...(options.log ? { log: options.log } : {}) });
}
