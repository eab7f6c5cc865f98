// Pins the MCP Bundle (SPEC §10.3): `npm run bundle` writes loket.mcpb, and the packed bundle, unpacked by the official tool, starts with the command its
// manifest declares (resolved by the same code MCPB hosts use, user settings substituted) and answers `initialize`
// and `tools/list` over stdio, serving the bundled skills and writing reports where the settings say.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { getMcpConfigForManifest, type McpbManifestAny } from '@anthropic-ai/mcpb';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/paths.js';

const run = promisify(execFile);
const MCPB_CLI = join(repoRoot, 'node_modules/@anthropic-ai/mcpb/dist/cli/cli.js');
const mcpb = (...args: string[]) => run(process.execPath, [MCPB_CLI, ...args], { cwd: repoRoot });

interface Manifest {
  name: string;
  version: string;
  tools: { name: string }[];
  compatibility: { platforms: string[]; runtimes: { node: string } };
  user_config: Record<string, { default?: unknown }>;
}

describe('MCP Bundle', () => {
  let dir: string;
  let unpacked: string;
  let manifest: Manifest;

  /** Starts the bundle's declared command with `userConfig`, as an MCPB host does. */
  async function startBundle(userConfig: Record<string, unknown>, env: Record<string, string> = {}): Promise<{ client: Client; log: () => string }> {
    const config = await getMcpConfigForManifest({
      manifest: manifest as unknown as McpbManifestAny,
      extensionPath: unpacked,
      systemDirs: { HOME: join(dir, 'home'), DESKTOP: join(dir, 'home/Desktop'), DOCUMENTS: join(dir, 'home/Documents'), DOWNLOADS: join(dir, 'home/Downloads') },
      userConfig: userConfig as never,
      pathSeparator: '/',
    });
    if (!config) throw new Error('the manifest yields no MCP config');
    // The host's working folder is not the bundle's; the declared command must not depend on it.
    const transport = new StdioClientTransport({
      command: config.command,
      args: config.args ?? [],
      cwd: tmpdir(),
      env: { PATH: process.env.PATH ?? '', HOME: join(dir, 'home'), ...config.env, ...env },
      stderr: 'pipe',
    });
    let log = '';
    transport.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString('utf8')));
    const client = new Client({ name: 'loket-bundle-test', version: '0.0.0' });
    await client.connect(transport);
    return { client, log: () => log };
  }

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'loket-bundle-test-'));
    const out = join(dir, 'loket.mcpb');
    await run('npm', ['run', '--silent', 'bundle', '--', '--out', out], { cwd: repoRoot, maxBuffer: 16 << 20 });
    unpacked = join(dir, 'unpacked');
    await mcpb('unpack', out, unpacked);
    manifest = JSON.parse(await readFile(join(unpacked, 'manifest.json'), 'utf8')) as Manifest;
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('unpacks to the package files, the compiled server and the production dependencies only', () => {
    for (const path of ['manifest.json', 'bin/loket.js', 'bin/script-cache.js', 'dist/cli.js', 'dist/loket.js', 'dist/loket.cjs', 'skills/arrival-in-belgium/SKILL.md', 'node_modules/better-sqlite3/build/Release/better_sqlite3.node', 'node_modules/@modelcontextprotocol/server/package.json']) {
      expect(existsSync(join(unpacked, path)), path).toBe(true);
    }
    for (const path of ['src', 'test', 'node_modules/tsx', 'node_modules/vitest', 'node_modules/esbuild', 'node_modules/better-sqlite3/deps']) {
      expect(existsSync(join(unpacked, path)), path).toBe(false);
    }
    expect(manifest.name).toBe('loket');
  });

  it('its declared command answers initialize and tools/list over stdio, and stores reports in the configured file', async () => {
    const db = join(dir, 'reports', 'loket.db');
    const { client, log } = await startBundle({ database: db, read_only: false });
    try {
      expect(client.getServerVersion()?.name).toBe('loket');
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name)).toEqual(manifest.tools.map((t) => t.name));
      const stage = await client.callTool({ name: 'get_stage', arguments: { skill: 'annex-3-arrival-declaration', stage: 1 } });
      expect(stage.isError).not.toBe(true);
      const report = await client.callTool({
        name: 'submit_observation',
        arguments: { skill: 'arrival-in-belgium', kind: 'caveat', text: 'The commune asked for an extra passport photo at the desk this week.' },
      });
      expect(report.isError, log()).not.toBe(true);
      expect(existsSync(db)).toBe(true);
    } finally {
      await client.close();
    }
  });

  it('with the default settings, stores reports in the user data folder; with read-only on, stores nothing', async () => {
    const data = join(dir, 'xdg-data');
    const defaults = Object.fromEntries(Object.entries(manifest.user_config).map(([k, v]) => [k, v.default]));
    const first = await startBundle(defaults, { XDG_DATA_HOME: data });
    try {
      await first.client.listTools();
      const report = await first.client.callTool({
        name: 'submit_observation',
        arguments: { skill: 'arrival-in-belgium', kind: 'caveat', text: 'The commune asked for an extra passport photo at the desk this week.' },
      });
      expect(report.isError, first.log()).not.toBe(true);
      expect(existsSync(join(data, 'loket', 'loket.db'))).toBe(true);
    } finally {
      await first.client.close();
    }
    const readOnly = await startBundle({ ...defaults, read_only: true }, { XDG_DATA_HOME: join(dir, 'unused') });
    try {
      const report = await readOnly.client.callTool({
        name: 'submit_observation',
        arguments: { skill: 'arrival-in-belgium', kind: 'caveat', text: 'The commune asked for an extra passport photo at the desk this week.' },
      });
      expect(report.isError).toBe(true);
      expect(existsSync(join(dir, 'unused'))).toBe(false);
    } finally {
      await readOnly.client.close();
    }
  });
});
