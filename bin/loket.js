#!/usr/bin/env node
// `loket` runs the compiled CLI from dist/: the npm package ships it, and in a checkout `npm ci` builds it (through
// `prepare`). dist/loket.js is the CLI bundled with its JavaScript dependencies (a few files to load at start
// instead of about a thousand); dist/cli.js, the same CLI one module per source file, serves a dist/ built
// without it. A checkout without dist/ falls back to compiling the TypeScript sources on the fly with tsx, a
// development dependency.
import { existsSync, mkdirSync, statSync } from 'node:fs';
import module from 'node:module';
import { homedir, tmpdir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';

/**
 * Where Node.js keeps V8's compiled code of loket's modules between starts: `compile/` in the user's loket cache
 * folder (`LOKET_CACHE_DIR`, else `$XDG_CACHE_HOME/loket`, else `~/.cache/loket`, else a per-user folder in the
 * system temp directory), never the corpus and never a folder shared with other users. It holds compiled code
 * only, which Node.js checks against the source it was compiled from; nothing in it decides anything about the
 * corpus.
 */
function compileCacheDir(env = process.env) {
  if (env.LOKET_CACHE_DIR) return join(resolve(env.LOKET_CACHE_DIR), 'compile');
  if (env.XDG_CACHE_HOME && isAbsolute(env.XDG_CACHE_HOME)) return join(env.XDG_CACHE_HOME, 'loket', 'compile');
  let home = '';
  try {
    home = homedir();
  } catch {
    // No home folder: fall through to the temp directory.
  }
  if (home && home !== '/') return join(home, '.cache', 'loket', 'compile');
  return join(tmpdir(), `loket-cache-${process.getuid?.() ?? 'user'}`, 'compile');
}

// Node.js 22.1 and later (module.enableCompileCache) start loket faster from the second start on: the modules are
// not compiled again. Older Node.js has no such call and compiles them on every start. A folder that cannot be
// made only means no cache.
if (typeof module.enableCompileCache === 'function' && !process.env.NODE_DISABLE_COMPILE_CACHE) {
  try {
    const dir = compileCacheDir();
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    // Only a folder of this user's that nobody else may write (on POSIX; Windows profile folders have their own ACLs).
    const s = statSync(dir);
    if (process.getuid === undefined || (s.uid === process.getuid() && (s.mode & 0o022) === 0)) module.enableCompileCache(dir);
  } catch {
    // The cache is an optimisation.
  }
}

const bundled = new URL('../dist/loket.js', import.meta.url);
const compiled = new URL('../dist/cli.js', import.meta.url);
const sources = new URL('../src/cli.ts', import.meta.url);
if (existsSync(bundled) || existsSync(compiled)) {
  const { run } = await import((existsSync(bundled) ? bundled : compiled).href);
  await run();
} else if (existsSync(sources)) {
  const tsx = await import('tsx/esm/api').catch(() => undefined);
  if (!tsx) {
    process.stderr.write('loket: dist/ is missing and tsx is not installed; run `npm ci` (or `npm run build`) in the checkout\n');
    process.exit(1);
  }
  tsx.register();
  const { run } = await import(sources.href);
  await run();
} else {
  process.stderr.write('loket: this installation has no dist/ folder; reinstall the package\n');
  process.exit(1);
}
