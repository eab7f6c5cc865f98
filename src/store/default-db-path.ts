/** Where the embedded SQLite store lives unless `--db` or `dbPath` says otherwise (SPEC §7), relative to the working folder. */
export const DEFAULT_DB_PATH = './data/loket.db';
