/**
 * `loket serve --stdio` as a child process, the way Claude Desktop and Claude Code run it: a real client over
 * stdio (tools, resources, prompts), S1 (stdout carries only JSON-RPC) and S2 (garbage, empty and over-long
 * lines do not stop the server).
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/paths.js';

const SERVE = ['--import', 'tsx', 'src/cli.ts', 'serve', '--stdio', '--no-store'];

describe('stdio: a real client', () => {
  let client: Client;
  beforeAll(async () => {
    client = new Client({ name: 'loket-stdio-test', version: '0.0.0' });
    await client.connect(new StdioClientTransport({ command: process.execPath, args: SERVE, cwd: repoRoot, stderr: 'pipe' }));
  });
  afterAll(async () => {
    await client.close();
  });

  it('lists the tools, calls one, lists skills, reads a prompt', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toContain('get_stage');
    const search = await client.callTool({ name: 'search_skills', arguments: { query: 'bijlage 3ter' } });
    expect((search.structuredContent as { results: Array<{ skill: string }> }).results[0]?.skill).toBe('annex-3ter-presence-declaration');
    const { resources } = await client.listResources();
    expect(resources.some((r) => r.uri === 'skill://arrival-in-belgium/SKILL.md')).toBe(true);
    const prompt = await client.getPrompt({ name: 'register-in-belgium', arguments: {} });
    expect(prompt.messages.length).toBeGreaterThan(0);
  });
});

describe('stdio: raw lines', () => {
  let child: ChildProcessWithoutNullStreams;
  const lines: string[] = [];
  const waiters: Array<() => void> = [];
  const send = (line: string | Buffer) => child.stdin.write(typeof line === 'string' ? `${line}\n` : line);
  const responseTo = (id: number) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no response to id ${id}`)), 15_000);
      const check = () => {
        const found = lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((m) => m.id === id);
        if (found) {
          clearTimeout(timer);
          resolve(found);
        } else waiters.push(check);
      };
      check();
    });

  beforeAll(async () => {
    child = spawn(process.execPath, SERVE, { cwd: repoRoot, stdio: ['pipe', 'pipe', 'pipe'] });
    child.stderr.resume();
    createInterface({ input: child.stdout }).on('line', (line) => {
      lines.push(line);
      for (const waiter of waiters.splice(0)) waiter();
    });
    send(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'raw', version: '0' } } }));
    await responseTo(1);
    send(JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }));
  });
  afterAll(() => {
    child.kill();
  });

  it('S2: a garbage line, an empty line, a non-JSON-RPC object and a line over 1 MiB leave the server answering', async () => {
    send('this is not json');
    send('');
    send('{"hello":"world"}');
    send(Buffer.concat([Buffer.from('{"jsonrpc":"2.0","id":99,"method":"tools/list","params":{"x":"'), Buffer.alloc(1024 * 1024 + 10, 'a'), Buffer.from('"}}\n')]));
    send(JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list' }));
    const answer = await responseTo(2);
    expect((answer.result as { tools: unknown[] }).tools.length).toBeGreaterThan(0);
    expect(lines.some((l) => (JSON.parse(l) as { id?: number }).id === 99)).toBe(false);
    expect(child.exitCode).toBeNull();
  });

  it.each(['__proto__', 'constructor', 'prototype'])('Z6: a "%s" key in tool arguments is refused with -32602 naming it, as on HTTP', async (key) => {
    const id = 200 + ['__proto__', 'constructor', 'prototype'].indexOf(key);
    send(`{"jsonrpc":"2.0","id":${id},"method":"tools/call","params":{"name":"get_stage","arguments":{"skill":"annex-3-arrival-declaration","stage":1,"${key}":{"polluted":true}}}}`);
    const answer = await responseTo(id);
    expect(answer.error).toMatchObject({ code: -32602, message: expect.stringContaining(`"${key}"`) });
    expect(answer.result).toBeUndefined();
  });

  it('Z6: JSON nested thousands of levels deep inside params gets a clear -32600, and the server keeps answering', async () => {
    send(`{"jsonrpc":"2.0","id":210,"method":"tools/call","params":{"name":"get_stage","arguments":{"skill":${'['.repeat(5000)}${']'.repeat(5000)}}}}`);
    expect((await responseTo(210)).error).toMatchObject({ code: -32600, message: expect.stringMatching(/nested more than 32 levels/) });
    send(JSON.stringify({ jsonrpc: '2.0', id: 211, method: 'tools/call', params: { name: 'get_stage', arguments: { skill: 'annex-3-arrival-declaration', stage: 1 } } }));
    expect((await responseTo(211)).result).toBeDefined();
  });

  it('G2: stdio has no read rate limit: 150 requests in a burst are all answered', async () => {
    for (let i = 0; i < 150; i++) send(JSON.stringify({ jsonrpc: '2.0', id: 1000 + i, method: 'ping' }));
    const answers = await Promise.all(Array.from({ length: 150 }, (_, i) => responseTo(1000 + i)));
    expect(answers.every((a) => a.error === undefined)).toBe(true);
  });

  it('S1: every stdout line is a JSON-RPC 2.0 message', async () => {
    send(JSON.stringify({ jsonrpc: '2.0', id: 3, method: 'tools/call', params: { name: 'get_skill', arguments: { skill: 'nope' } } }));
    await responseTo(3);
    expect(lines.length).toBeGreaterThanOrEqual(3);
    for (const line of lines) {
      const message = JSON.parse(line) as Record<string, unknown>;
      expect(message.jsonrpc).toBe('2.0');
      expect('result' in message || 'error' in message || 'method' in message).toBe(true);
    }
  });
});

describe('stdio: shutdown', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)('%s ends the server with exit code 0 while the client keeps stdin open', async (signal) => {
    const child = spawn(process.execPath, SERVE, { cwd: repoRoot, stdio: ['pipe', 'pipe', 'pipe'] });
    child.stderr.resume();
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, sig) => resolve({ code, signal: sig })));
    const answered = new Promise<void>((resolve) => createInterface({ input: child.stdout }).once('line', () => resolve()));
    child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 't', version: '1' } } })}\n`);
    await answered;
    child.kill(signal);
    // stdin is never closed here: only the signal can end the process.
    const fallback = setTimeout(() => child.kill('SIGKILL'), 30_000);
    const result = await exited;
    clearTimeout(fallback);
    expect(result).toEqual({ code: 0, signal: null });
  }, 60_000);
});
