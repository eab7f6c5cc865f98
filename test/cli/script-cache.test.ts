/**
 * `bin/script-cache.js` runs loket's CommonJS start-up bundle with V8's code cache (Node.js before 22.1, through
 * bin/loket.js). Compiled code in the cache runs instead of the script, so a cache file is used only from a folder
 * and a file of this user's that nobody else may write, named by the digest of the script it was made from (K13);
 * anything else, and data V8 refuses, means the script is compiled from its source and runs the same.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error bin/ is plain JavaScript without type declarations.
import { cacheFileFor, canCacheScripts, runScript } from '../../bin/script-cache.js';

interface Ran {
  exports: { answer: (n: number) => number; helper: string };
  cache: 'off' | 'none' | 'used' | 'rejected';
}
const run = runScript as (file: string, options?: { cacheDir?: string; use?: string; writeAfterMs?: number }) => Ran;
const fileFor = cacheFileFor as (dir: string, bytes: Buffer, use?: string) => string;

const dir = mkdtempSync(join(tmpdir(), 'loket-script-cache-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A CommonJS script that requires a file beside it (as the bundle requires better-sqlite3 from its package). */
function script(name: string, body = 'x * 6 + 0'): string {
  const folder = join(dir, name);
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'helper.js'), "module.exports = 'beside';\n");
  const file = join(folder, 'bundle.cjs');
  writeFileSync(file, `"use strict";\nconst helper = require('./helper.js');\nfunction answer(x) { return ${body}; }\nmodule.exports = { answer, helper };\n`);
  return file;
}

/** Resolves once the cache written after `writeAfterMs: 0` is on disk. */
const written = () => new Promise((resolve) => setTimeout(resolve, 50));
const cacheFiles = (folder: string) => (existsSync(folder) ? readdirSync(folder).filter((f) => f.endsWith('.v8')) : []);
const posix = process.getuid !== undefined;

describe('bin/script-cache.js', () => {
  it(`can cache on this Node.js (${process.version}): vm.Script runs with the main context's import()`, () => {
    expect(canCacheScripts()).toBe(true);
  });

  it('runs the script without a cache folder, require resolving beside it', () => {
    const ran = run(script('plain'));
    expect(ran.cache).toBe('off');
    expect(ran.exports.answer(7)).toBe(42);
    expect(ran.exports.helper).toBe('beside');
  });

  it('writes the compiled code for the next start, and the next start uses it', async () => {
    const file = script('twice');
    const cache = join(dir, 'cache-twice');
    const first = run(file, { cacheDir: cache, use: 'serve', writeAfterMs: 0 });
    expect(first.cache).toBe('none');
    expect(first.exports.answer(2)).toBe(12);
    await written();
    expect(cacheFiles(cache)).toEqual([fileFor(cache, readFileSync(file), 'serve').slice(cache.length + 1)]);
    if (posix) {
      expect(statSync(cache).mode & 0o777).toBe(0o700);
      expect(statSync(join(cache, cacheFiles(cache)[0]!)).mode & 0o777).toBe(0o600);
    }
    const second = run(file, { cacheDir: cache, use: 'serve', writeAfterMs: 0 });
    expect(second.cache).toBe('used');
    expect(second.exports.answer(2)).toBe(12);
    // Each command keeps its own cache.
    expect(run(file, { cacheDir: cache, use: 'lint', writeAfterMs: 0 }).cache).toBe('none');
  });

  it('names the cache by the digest of the script: changed code never meets the old cache', async () => {
    const file = script('changed');
    const cache = join(dir, 'cache-changed');
    run(file, { cacheDir: cache, writeAfterMs: 0 });
    await written();
    const before = fileFor(cache, readFileSync(file));
    expect(existsSync(before)).toBe(true);
    // Same length, other code: V8 alone would accept the old data for it (it checks the length, not the text).
    writeFileSync(file, readFileSync(file, 'utf8').replace('x * 6 + 0', 'x * 7 + 0'));
    expect(fileFor(cache, readFileSync(file))).not.toBe(before);
    const ran = run(file, { cacheDir: cache, writeAfterMs: 0 });
    expect(ran.cache).toBe('none');
    expect(ran.exports.answer(2)).toBe(14);
  });

  it('K13: data V8 refuses is not used, and is replaced', async () => {
    const file = script('corrupt');
    const cache = join(dir, 'cache-corrupt');
    mkdirSync(cache, { mode: 0o700 });
    const target = fileFor(cache, readFileSync(file));
    writeFileSync(target, Buffer.alloc(4096, 7), { mode: 0o600 });
    const ran = run(file, { cacheDir: cache, writeAfterMs: 0 });
    expect(ran.cache).toBe('rejected');
    expect(ran.exports.answer(1)).toBe(6);
    await written();
    expect(run(file, { cacheDir: cache, writeAfterMs: 0 }).cache).toBe('used');
  });

  // POSIX permissions; Windows profile folders have their own ACLs.
  it.runIf(posix)('K13: a cache file others may write is never read', async () => {
    const file = script('shared-file');
    const cache = join(dir, 'cache-shared-file');
    run(file, { cacheDir: cache, writeAfterMs: 0 });
    await written();
    const target = fileFor(cache, readFileSync(file));
    chmodSync(target, 0o666);
    const ran = run(file, { cacheDir: cache, writeAfterMs: 0 });
    expect(ran.cache).toBe('none');
    expect(ran.exports.answer(1)).toBe(6);
  });

  it.runIf(posix)('K13: a symbolic link in place of the cache file is not followed', async () => {
    const file = script('link');
    const cache = join(dir, 'cache-link');
    const elsewhere = join(dir, 'cache-elsewhere');
    run(file, { cacheDir: elsewhere, writeAfterMs: 0 });
    await written();
    mkdirSync(cache, { mode: 0o700 });
    symlinkSync(fileFor(elsewhere, readFileSync(file)), fileFor(cache, readFileSync(file)));
    expect(run(file, { cacheDir: cache, writeAfterMs: 1_000_000 }).cache).toBe('none');
  });

  it.runIf(posix)('K13: a cache folder others may write is not used at all', async () => {
    const file = script('shared-folder');
    const cache = join(dir, 'cache-shared-folder');
    mkdirSync(cache);
    chmodSync(cache, 0o777);
    const ran = run(file, { cacheDir: cache, writeAfterMs: 0 });
    expect(ran.cache).toBe('off');
    expect(ran.exports.answer(1)).toBe(6);
    await written();
    expect(cacheFiles(cache)).toEqual([]);
  });

  it('refuses a script that is not ASCII (it is read as Latin-1)', () => {
    const file = script('accents', "'é'.length + x");
    expect(() => run(file)).toThrow(/not ASCII/);
  });
});
