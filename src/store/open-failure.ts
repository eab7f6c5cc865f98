/**
 * Why the submission store could not be opened, as one log line, and what the person can do about it.
 *
 * The embedded store rests on a native module (better-sqlite3) compiled for one Node.js ABI and platform. An MCP
 * Bundle carries the build of the machine that packed it, and a desktop app may run it on its own Node.js, so the
 * module can fail to load where everything else works; that case is named as such instead of echoing the loader's
 * multi-line message.
 */
export interface StoreOpenFailure {
  /** What went wrong, on one line. */
  reason: string;
  /** What to do to get reporting back. */
  hint: string;
}

const NATIVE_LOAD = /NODE_MODULE_VERSION|Could not locate the bindings file|invalid ELF header|wrong ELF class|not a valid Win32 application|incompatible architecture|mach-o|better_sqlite3\.node/i;

/** True when `error` comes from loading the SQLite native module, not from opening a database file. */
export function isNativeModuleError(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return code === 'ERR_DLOPEN_FAILED' || (typeof message === 'string' && NATIVE_LOAD.test(message));
}

/** Describes a failure to open the store (`kind` is the one that was being opened) in one line each. */
export function describeStoreOpenFailure(error: unknown, kind: 'sqlite' | 'postgres' = 'sqlite'): StoreOpenFailure {
  if (isNativeModuleError(error)) {
    return {
      reason: `the SQLite module (better-sqlite3) was built for another Node.js or platform and cannot be loaded by Node.js ${process.version} on ${process.platform}-${process.arch}`,
      hint: 'reinstall loket with this Node.js (or run `npm rebuild better-sqlite3` in its folder) to enable reporting',
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  const reason = message.replace(/\s*\n\s*/g, ' ').trim();
  if (kind === 'postgres') return { reason, hint: 'check DATABASE_URL, or unset it to use the embedded SQLite store' };
  return { reason, hint: 'pass --db PATH (a file in a writable folder) to enable reporting' };
}
