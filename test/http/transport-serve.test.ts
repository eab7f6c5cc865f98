/**
 * `loket serve` (HTTP) as a process: prints where it listens on stderr, answers /healthz, /mcp and the web routes, stops cleanly
 * on SIGTERM, refuses a non-loopback bind without --public (T4) and runs with a SQLite store given by --db.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/paths.js';

const dir = mkdtempSync(join(tmpdir(), 'loket-serve-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function serve(args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'serve', ...args], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  let stdout = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const listening = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not listening: ${stderr}`)), 20_000);
    child.stderr.on('data', () => {
      const match = /loket listening on (http:\/\/\S+\/mcp)/.exec(stderr);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    void exited.then(() => reject(new Error(`exited: ${stderr}`)));
  });
  // Tests that expect an early exit never await `listening`.
  listening.catch(() => {});
  return { child, listening, exited, output: () => ({ stderr, stdout }) };
}

describe('loket serve over HTTP', () => {
  it('listens on 127.0.0.1, serves /healthz and /mcp with a store, and exits 0 on SIGTERM', async () => {
    const db = join(dir, 'loket.db');
    const server = serve(['--port', '0', '--db', db]);
    const url = await server.listening;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
    const health = await fetch(url.replace('/mcp', '/healthz')).then((r) => r.json());
    expect(health).toMatchObject({ status: 'ok', skills: expect.any(Number), references: expect.any(Number) });
    const reply = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'get_skill', arguments: { skill: 'arrival-in-belgium' } } }),
    }).then((r) => r.text());
    expect(reply).toContain('skill_status');
    expect(existsSync(db)).toBe(true);
    // The web surface is mounted beside /mcp.
    const llms = await fetch(url.replace('/mcp', '/llms.txt'));
    expect(llms.status).toBe(200);
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(server.output().stdout).toBe('');
  });

  it('T4: refuses 0.0.0.0 without --public', async () => {
    const server = serve(['--host', '0.0.0.0', '--port', '0', '--no-store']);
    expect(await server.exited).toBe(2);
    expect(server.output().stderr).toMatch(/--public/);
  });

  it('T4: binds 0.0.0.0 with --public and warns', async () => {
    const server = serve(['--host', '0.0.0.0', '--public', '--port', '0', '--no-store']);
    await server.listening;
    expect(server.output().stderr).toMatch(/warning: listening on 0\.0\.0\.0/);
    server.child.kill('SIGINT');
    expect(await server.exited).toBe(0);
  });

  it('rejects unknown flags with the usage', async () => {
    const server = serve(['--colour', 'blue']);
    expect(await server.exited).toBe(2);
    expect(server.output().stderr).toContain('Usage: loket serve');
  });
});
