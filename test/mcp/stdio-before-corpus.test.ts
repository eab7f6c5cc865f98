/**
 * `loket serve --stdio` answers `initialize` and `tools/list` before it loads the corpus, and every message that
 * needs the corpus waits for it: a client that sends everything at once, without waiting for `initialize`'s
 * answer, gets the same answers as one that waits. A skill with a lint error is still not served, and the tools
 * listed early are the tools of the loaded corpus (find_procedure's facts come from facts.yaml).
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStdioApp } from '../../src/app.js';
import { parseServeConfig } from '../../src/config.js';
import { loadCorpus } from '../../src/load-corpus.js';
import { repoRoot } from '../helpers/paths.js';

const dir = mkdtempSync(join(tmpdir(), 'loket-stdio-before-corpus-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A copy of the repository's corpus under the temp folder, with `change-of-address` citing a reference that does not exist. */
function corpusWithBrokenSkill(name: string): string {
  const root = join(dir, name);
  for (const entry of ['skills', 'references', 'facts.yaml', 'skills.lock.json']) cpSync(join(repoRoot, entry), join(root, entry), { recursive: true });
  appendFileSync(join(root, 'skills/change-of-address/SKILL.md'), '\nThe commune keeps a second register of addresses [no-such-reference].\n');
  return root;
}

interface Message {
  id?: number;
  result?: Record<string, unknown>;
  error?: { code: number; message: string };
}

describe('stdio: messages sent straight after initialize', () => {
  let root: string;
  let child: ChildProcessWithoutNullStreams;
  let stderr = '';
  const answers = new Map<number, Message>();
  const waiters: Array<() => void> = [];
  const answerTo = (id: number) =>
    new Promise<Message>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no answer to id ${id}; stderr: ${stderr}`)), 30_000);
      const check = () => {
        const found = answers.get(id);
        if (found) {
          clearTimeout(timer);
          resolve(found);
        } else waiters.push(check);
      };
      check();
    });

  beforeAll(() => {
    root = corpusWithBrokenSkill('served');
    child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'serve', '--stdio', '--no-store', '--root', root], { cwd: repoRoot, stdio: ['pipe', 'pipe', 'pipe'] });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    createInterface({ input: child.stdout }).on('line', (line) => {
      const message = JSON.parse(line) as Message;
      if (typeof message.id === 'number') answers.set(message.id, message);
      for (const waiter of waiters.splice(0)) waiter();
    });
    // One write: the server reads all of it before it has answered anything.
    const messages = [
      { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'eager', version: '0' } } },
      { jsonrpc: '2.0', method: 'notifications/initialized' },
      { jsonrpc: '2.0', id: 2, method: 'tools/list' },
      { jsonrpc: '2.0', id: 3, method: 'resources/read', params: { uri: 'skill://arrival-in-belgium/SKILL.md' } },
      { jsonrpc: '2.0', id: 4, method: 'tools/call', params: { name: 'get_skill', arguments: { skill: 'arrival-in-belgium' } } },
      { jsonrpc: '2.0', id: 5, method: 'resources/read', params: { uri: 'skill://change-of-address/SKILL.md' } },
      { jsonrpc: '2.0', id: 6, method: 'tools/call', params: { name: 'find_procedure', arguments: { no_such_fact: true } } },
      { jsonrpc: '2.0', id: 7, method: 'ping' },
    ];
    child.stdin.write(messages.map((m) => `${JSON.stringify(m)}\n`).join(''));
  });
  afterAll(() => {
    child.kill();
  });

  it('lists the tools of the loaded corpus, find_procedure with the facts of facts.yaml', async () => {
    const listed = ((await answerTo(2)).result as { tools: Array<{ name: string; inputSchema: { properties?: Record<string, unknown> } }> }).tools;
    const loaded = await loadCorpus(root, { cache: false });
    const findProcedure = listed.find((t) => t.name === 'find_procedure');
    expect(loaded.guidance.vocabulary.names.length).toBeGreaterThan(0);
    expect(Object.keys(findProcedure?.inputSchema.properties ?? {})).toEqual([...loaded.guidance.vocabulary.names, 'today']);
    expect(listed.map((t) => t.name)).toEqual(expect.arrayContaining(['search_skills', 'get_skill', 'get_stage', 'submit_observation']));
  });

  it('reads a skill and calls get_skill with the answers of a loaded corpus', async () => {
    const read = (await answerTo(3)).result as { contents: Array<{ text?: string }> };
    expect(read.contents[0]?.text).toBe(readFileSync(join(root, 'skills/arrival-in-belgium/SKILL.md'), 'utf8'));
    const skill = (await answerTo(4)).result as { isError?: boolean; structuredContent?: { skill?: string } };
    expect(skill.isError).not.toBe(true);
    expect(skill.structuredContent?.skill).toBe('arrival-in-belgium');
  });

  it('does not serve the skill with a lint error, and says so in the log', async () => {
    const read = await answerTo(5);
    expect(read.result).toBeUndefined();
    expect(read.error?.code).toBeDefined();
    expect(stderr).toMatch(/corpus error\(s\); skills with errors are not served/);
  });

  it('checks find_procedure calls against the facts of facts.yaml, and still answers ping', async () => {
    const call = (await answerTo(6)).result as { isError?: boolean; content: Array<{ text: string }> };
    expect(call.isError).toBe(true);
    expect(call.content[0]?.text).toContain('no_such_fact');
    expect((await answerTo(7)).error).toBeUndefined();
  });
});

describe('createStdioApp', () => {
  it('refuses to load a corpus whose facts.yaml changed after the tools were listed from it', async () => {
    const root = corpusWithBrokenSkill('changed');
    const parsed = parseServeConfig(['--stdio', '--no-store', '--root', root], {});
    if (!parsed.ok) throw new Error(parsed.error);
    const app = await createStdioApp(parsed.config, () => {});
    appendFileSync(join(root, 'facts.yaml'), '\n# edited while the server started\n');
    await expect(app.loadCorpus()).rejects.toThrow(/facts\.yaml .* changed while the server started/);
    await app.close();
  });
});

describe('stdio: a client that writes its requests and closes stdin at once (a shell pipe)', () => {
  it('answers every request before it exits, those that waited for the corpus and a tool call that reads the store', async () => {
    const messages = [
      { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'pipe', version: '0' } } },
      { jsonrpc: '2.0', method: 'notifications/initialized' },
      { jsonrpc: '2.0', id: 2, method: 'tools/list' },
      { jsonrpc: '2.0', id: 3, method: 'resources/read', params: { uri: 'skill://arrival-in-belgium/SKILL.md' } },
      { jsonrpc: '2.0', id: 4, method: 'tools/call', params: { name: 'get_stage', arguments: { skill: 'annex-3-arrival-declaration', stage: 1 } } },
    ];
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'serve', '--stdio', '--db', join(dir, 'pipe.db')], { cwd: repoRoot, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.stdin.end(messages.map((m) => `${JSON.stringify(m)}\n`).join(''));
    const code = await new Promise<number | null>((resolve) => child.on('exit', (exitCode) => resolve(exitCode)));
    expect(code, stderr).toBe(0);
    const answers = stdout
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Message & { result?: { content?: Array<{ text: string }>; contents?: Array<{ text: string }> } });
    expect(answers.map((a) => a.id)).toEqual([1, 2, 3, 4]);
    expect(answers[2]!.result?.contents?.[0]?.text).toBe(readFileSync(join(repoRoot, 'skills/arrival-in-belgium/SKILL.md'), 'utf8'));
    expect(answers[3]!.result?.content?.[0]?.text).toMatch(/^Stage 1 of \d+/);
    expect(stderr).not.toMatch(/failed|TypeError/);
  }, 60_000);
});
