// Runs a CommonJS script (loket's start-up bundle, dist/loket.cjs) through `vm.Script` with V8's code cache kept in
// a folder of the user's: from the second start on, V8 neither parses nor compiles the code the first start ran.
// Node.js 22.1 and later do this for ES modules themselves (`module.enableCompileCache`); older Node.js does not.
//
// A code cache is compiled code: a planted one would run instead of loket. So a cache file is used only when
//   - its folder is the user's loket cache folder (bin/loket.js decides, never inside a corpus) and belongs to this
//     user, with nobody else allowed to write it (on POSIX; Windows profile folders have their own ACLs),
//   - the file itself is a regular file (no symbolic link is followed), belongs to this user and nobody else may
//     write it,
//   - its name holds the SHA-256 digest of the script's bytes, the Node.js version and the platform (V8 checks only
//     the script's length, its own version and flags; `script.cachedDataRejected` tells when it refused the data).
// Anything else means no cache: the script is compiled from its source as it would be without one.
import { isAscii } from 'node:buffer';
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, constants, fstatSync, mkdirSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import vm from 'node:vm';

/** Refuses data larger than this (a code cache of loket is a few megabytes). */
const MAX_CACHE_BYTES = 64 * 1024 * 1024;

/** On POSIX: whether a stat result belongs to this user and nobody else may write it. */
function ownedAndPrivate(stats) {
  return process.getuid === undefined || (stats.uid === process.getuid() && (stats.mode & 0o022) === 0);
}

/** Whether `script` can run with a cache here: `vm.Script` with the main context's `import()` (Node.js 20.12+). */
export function canCacheScripts() {
  return vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER !== undefined;
}

/**
 * Makes `dir` (mode 0700) if missing; true when it is a folder of this user's that nobody else may write. A folder
 * that cannot be made or checked is false.
 */
export function privateFolder(dir) {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const stats = statSync(dir);
    return stats.isDirectory() && ownedAndPrivate(stats);
  } catch {
    return false;
  }
}

/**
 * The cache file of a script with these bytes, under `dir`: named by their digest, the Node.js version and platform,
 * and `use` (which command ran: each keeps the code its own start-up compiled).
 */
export function cacheFileFor(dir, bytes, use = 'run') {
  const digest = createHash('sha256').update(bytes).update(`\0${process.version}\0${process.platform}\0${process.arch}`).digest('hex');
  return join(dir, `script-${/^[a-z]{1,16}$/.test(use) ? use : 'other'}-${process.version}-${process.arch}-${digest.slice(0, 40)}.v8`);
}

/** The bytes of `path` when it is a regular file of this user's that nobody else may write; else undefined. */
function readPrivateFile(path) {
  let fd;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
    const stats = fstatSync(fd);
    if (!stats.isFile() || !ownedAndPrivate(stats) || stats.size > MAX_CACHE_BYTES) return undefined;
    return readFileSync(fd);
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Writes `data` to `path` (mode 0600) through a new file beside it, so a reader never sees half a file. */
function writePrivateFile(path, data) {
  const temporary = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    writeFileSync(temporary, data, { mode: 0o600, flag: 'wx' });
    renameSync(temporary, path);
  } catch {
    try {
      unlinkSync(temporary);
    } catch {
      // Nothing was written.
    }
  }
}

/**
 * Runs the CommonJS script `file` (`require` resolves from its folder) and returns its `module.exports`, with the
 * code cache under `cacheDir` when that is given and {@link privateFolder} (one per `use`, see {@link cacheFileFor}). `cache` says what happened: `off` (no
 * folder), `none` (no cache file yet), `used`, or `rejected` (V8 refused the data). Unless it was used, the cache is
 * written once the process has run for `writeAfterMs` or when it exits, whichever comes first, so it holds the code
 * the start-up compiled. The script must be ASCII (it is read as Latin-1); otherwise this throws.
 */
export function runScript(file, { cacheDir, use, writeAfterMs = 2000 } = {}) {
  const bytes = readFileSync(file);
  if (!isAscii(bytes)) throw new Error(`${file} is not ASCII; rebuild it (npm run build)`);
  const source = bytes.toString('latin1');
  const cacheFile = cacheDir && privateFolder(cacheDir) ? cacheFileFor(cacheDir, bytes, use) : undefined;
  const cachedData = cacheFile && readPrivateFile(cacheFile);
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: file,
    ...(cachedData ? { cachedData } : {}),
    importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  const cache = !cacheFile ? 'off' : !cachedData ? 'none' : script.cachedDataRejected ? 'rejected' : 'used';
  if (cacheFile && cache !== 'used') {
    let written = false;
    const write = () => {
      if (written) return;
      written = true;
      clearTimeout(timer);
      process.off('exit', write);
      try {
        writePrivateFile(cacheFile, script.createCachedData());
      } catch {
        // The cache is an optimisation.
      }
    };
    const timer = setTimeout(write, writeAfterMs);
    timer.unref();
    process.on('exit', write);
  }
  const module = { exports: {} };
  script.runInThisContext().call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  return { exports: module.exports, cache };
}
