/**
 * What the submissions rules (`core.ts`) need from a database: one transaction at a time, statements with `?`
 * parameters, and locks that serialise writers which could interfere. `sqlite.ts` and `postgres.ts` provide it.
 */

/**
 * How a transaction runs. `read` sees one consistent snapshot and writes nothing. `write` is serialised with the
 * writers it could interfere with and durable once it resolves (D2). `ephemeral` is a write whose loss on power
 * failure costs nothing (rate-limit state), so a store may commit it without waiting for the disk.
 */
export type TxKind = 'read' | 'write' | 'ephemeral';

/**
 * What a lock serialises: every writer of one submission id (across both tables), of one skill version (supersede
 * and quarantine counting), or of one rate-limit key. Taken in this order, so two writers cannot deadlock.
 */
export type LockScope = 'submission' | 'version' | 'rate';

/** A parameter value; booleans are stored as the dialect stores them. */
export type SqlValue = string | number | boolean | null;

/** One open transaction. Rows come back as the driver returns them; `rows.ts` evens out the differences. */
export interface Tx {
  /** The first row of a query (or of `INSERT … RETURNING`), undefined when there is none. */
  get<T>(sql: string, params?: readonly SqlValue[]): Promise<T | undefined>;
  all<T>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  /** Runs a statement that returns no rows; answers how many rows it changed. */
  run(sql: string, params?: readonly SqlValue[]): Promise<number>;
  /** Holds a lock on `key` in `scope` until the transaction ends (a no-op where every writer is serialised). */
  lock(scope: LockScope, key: string): Promise<void>;
}

/** The literals a dialect spells differently; SQL shared by both stores is written with these. */
export interface Dialect {
  true: string;
  false: string;
}
