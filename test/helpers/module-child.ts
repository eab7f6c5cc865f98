/**
 * Runs an ES module script in a fresh Node.js process (TypeScript sources importable through tsx), for tests that
 * measure a process's own memory; resolves with the JSON of the last line it prints.
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const repoRoot = resolve(import.meta.dirname, '../..');

/** A repository module's file URL as a JavaScript string literal, for `import()` inside a child script. */
export const moduleUrl = (path: string): string => JSON.stringify(pathToFileURL(resolve(repoRoot, path)).href);

/** Runs `script` with `args` (the script reads them from `process.argv[1]` on); rejects with its stderr when it fails. */
export function runModuleChild<T>(script: string, args: readonly string[]): Promise<T> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, ...args], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('error', fail);
    child.on('close', (code) => (code === 0 ? done(JSON.parse(out.trim().split('\n').pop()!) as T) : fail(new Error(`child exited ${code}: ${err}`))));
  });
}
