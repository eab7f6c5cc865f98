/**
 * `bin/loket.js` keeps V8's compiled code of loket in the user's loket cache folder, only in a folder nobody else may
 * write and never in a corpus: on Node.js 22.1 and later that of its modules (`module.enableCompileCache`), on older
 * Node.js that of its CommonJS start-up bundle, dist/loket.cjs (`bin/script-cache.js`, tested there). loket starts
 * the same either way.
 */
import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import module from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/paths.js';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'loket-compile-cache-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const canCache = typeof (module as { enableCompileCache?: unknown }).enableCompileCache === 'function';

/** Runs `loket help` through bin/loket.js with LOKET_CACHE_DIR set. */
function loketHelp(cacheDir: string, args: string[] = []) {
  const env: NodeJS.ProcessEnv = { ...process.env, LOKET_CACHE_DIR: cacheDir };
  delete env.NODE_DISABLE_COMPILE_CACHE;
  delete env.NODE_COMPILE_CACHE;
  return run(process.execPath, [join(repoRoot, 'bin/loket.js'), 'help', ...args], { cwd: repoRoot, env });
}

/** Every file under `path`, recursively. */
const filesUnder = (path: string): string[] => (existsSync(path) ? readdirSync(path, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name) : []);

// bin/loket.js sets the cache up before it loads the CLI, from dist/ or (a checkout without dist/) the sources.
describe('bin/loket.js compile cache', () => {
  it('starts normally when the cache folder cannot be made', async () => {
    const notAFolder = join(dir, 'file');
    writeFileSync(notAFolder, '');
    const { stdout } = await loketHelp(notAFolder);
    expect(stdout).toContain('Usage: loket <command>');
  });

  it(`keeps compiled code under the loket cache folder (this is ${process.version})`, async () => {
    const cache = join(dir, 'private');
    const { stdout } = await loketHelp(cache);
    expect(stdout).toContain('Usage: loket <command>');
    const files = filesUnder(join(cache, 'compile'));
    expect(files.length).toBeGreaterThan(0);
    // Before 22.1: the start-up bundle's code cache, one per command, named by the bundle's digest and the Node.js version.
    const scriptCaches = files.filter((f) => f.startsWith(`script-help-${process.version}-`));
    expect(scriptCaches.length).toBe(canCache ? 0 : 1);
    const again = await loketHelp(cache);
    expect(again.stdout).toBe(stdout);
  });

  it('K13: uses no cache folder inside the corpus it reads', async () => {
    const corpus = join(dir, 'corpus');
    const { stdout } = await loketHelp(join(corpus, '.cache'), ['--root', corpus]);
    expect(stdout).toContain('Usage: loket <command>');
    expect(existsSync(join(corpus, '.cache'))).toBe(false);
  });

  // POSIX permissions; Windows profile folders have their own ACLs.
  it.runIf(process.getuid !== undefined)('uses no cache folder that others may write', async () => {
    const cache = join(dir, 'shared');
    mkdirSync(join(cache, 'compile'), { recursive: true });
    chmodSync(join(cache, 'compile'), 0o777);
    const { stdout } = await loketHelp(cache);
    expect(stdout).toContain('Usage: loket <command>');
    expect(filesUnder(join(cache, 'compile'))).toEqual([]);
  });
});
