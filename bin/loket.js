#!/usr/bin/env node
// `loket` runs the compiled CLI from dist/: the npm package ships it, and in a checkout `npm ci` builds it (through
// `prepare`). dist/loket.js is the CLI bundled with its JavaScript dependencies (a few files to load at start
// instead of about a thousand); dist/loket.cjs is the same bundle as one CommonJS script, which Node.js before 22.1
// runs with V8's code cache (see script-cache.js); dist/cli.js, the same CLI one module per source file, serves a
// dist/ built without them. A checkout without dist/ falls back to compiling the TypeScript sources on the fly with
// tsx, a development dependency.
import { existsSync } from 'node:fs';
import module from 'node:module';
import { homedir, tmpdir } from 'node:os';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { canCacheScripts, privateFolder, runScript } from './script-cache.js';

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

/**
 * The corpus folders this command may read: `--root`, `LOKET_ROOT`, the package (the default corpus of `serve`) and,
 * for the commands that default to it, the current folder. A cache folder inside one of them is not used: files in
 * a corpus come from its contributors.
 */
function corpusRoots(argv = process.argv.slice(2), env = process.env, cwd = process.cwd()) {
  const roots = [fileURLToPath(new URL('..', import.meta.url))];
  if (env.LOKET_ROOT) roots.push(env.LOKET_ROOT);
  if (argv[0] !== 'serve') roots.push(cwd);
  argv.forEach((arg, i) => {
    if (arg === '--root' && argv[i + 1]) roots.push(argv[i + 1]);
    else if (arg.startsWith('--root=')) roots.push(arg.slice('--root='.length));
  });
  return roots.map((root) => resolve(cwd, root));
}

/** True when `inner` is `outer` or lies inside it. */
function isInside(inner, outer) {
  const rel = relative(outer, inner);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** The compile cache folder, or undefined when caching is off (`NODE_DISABLE_COMPILE_CACHE`) or it lies in a corpus. */
function cacheFolder() {
  if (process.env.NODE_DISABLE_COMPILE_CACHE) return undefined;
  const dir = compileCacheDir();
  return corpusRoots().some((root) => isInside(dir, root)) ? undefined : dir;
}

const cacheDir = cacheFolder();

// Node.js 22.1 and later (module.enableCompileCache) start loket faster from the second start on: the modules are
// not compiled again. Older Node.js has no such call; there bin/loket.js runs dist/loket.cjs with its own code cache
// in the same folder (below). A folder that cannot be made only means no cache.
const compileCache = typeof module.enableCompileCache === 'function';
// Only a folder of this user's that nobody else may write (on POSIX; Windows profile folders have their own ACLs).
if (compileCache && cacheDir && privateFolder(cacheDir)) {
  try {
    module.enableCompileCache(cacheDir);
  } catch {
    // The cache is an optimisation.
  }
}

const script = fileURLToPath(new URL('../dist/loket.cjs', import.meta.url));
const bundled = new URL('../dist/loket.js', import.meta.url);
const compiled = new URL('../dist/cli.js', import.meta.url);
const sources = new URL('../src/cli.ts', import.meta.url);
if (!compileCache && canCacheScripts() && existsSync(script)) {
  await runScript(script, cacheDir ? { cacheDir, use: process.argv[2] } : {}).exports.run();
} else if (existsSync(bundled) || existsSync(compiled)) {
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
