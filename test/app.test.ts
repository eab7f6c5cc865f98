/**
 * The composition root (`src/app.ts`): `loket serve` over HTTP mounts the web pages beside `/mcp` with the
 * submission store open, and a web module that fails to load fails start-up with its error instead of a server
 * that quietly runs without pages. The broken module is made in a copy of `src/` under a temporary folder.
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { parseServeConfig } from '../src/config.js';
import { repoRoot } from './helpers/paths.js';

const dir = mkdtempSync(join(tmpdir(), 'loket-app-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function configFor(args: string[]) {
  const parsed = parseServeConfig(['--root', repoRoot, ...args], {});
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.config;
}

/** Runs `loket serve` from a copy of the sources (node_modules linked) and resolves when it exits or listens. */
function serveFromCopy(copy: string, args: string[]): Promise<{ code: number | null; stderr: string; listening: boolean }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(copy, 'src/cli.ts'), 'serve', '--root', repoRoot, ...args], { cwd: copy, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
      if (/loket listening on /.test(stderr)) child.kill('SIGTERM');
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr, listening: /loket listening on /.test(stderr) });
    });
  });
}

describe('createApp', () => {
  it('composes the HTTP server with the web pages and the store, and closes the store', async () => {
    const lines: string[] = [];
    const app = await createApp(configFor(['--port', '0', '--db', join(dir, 'app.db')]), (line) => lines.push(line));
    const server = await app.httpServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as { port: number };
      const page = await fetch(`http://127.0.0.1:${port}/skills`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      const health = (await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()) as { skills: number };
      expect(health.skills).toBe(app.corpus.skills.length);
      expect(lines.some((line) => line.startsWith('loket: submissions stored in sqlite'))).toBe(true);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await app.close();
    }
  });

  it('a broken web module fails `loket serve` with its error; the same copy unbroken serves', async () => {
    const copy = join(dir, 'copy');
    cpSync(join(repoRoot, 'src'), join(copy, 'src'), { recursive: true });
    for (const file of ['package.json', 'tsconfig.json']) cpSync(join(repoRoot, file), join(copy, file));
    symlinkSync(join(repoRoot, 'node_modules'), join(copy, 'node_modules'), 'dir');

    const healthy = await serveFromCopy(copy, ['--port', '0', '--no-store']);
    expect(healthy.listening, healthy.stderr).toBe(true);

    writeFileSync(join(copy, 'src/web/routes.ts'), "throw new Error('the web module is broken on purpose');\nexport {};\n");
    const broken = await serveFromCopy(copy, ['--port', '0', '--no-store']);
    expect(broken.listening).toBe(false);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain('the web module is broken on purpose');
  });
});
