// Pins manifest.json, the MCP Bundle manifest (SPEC §10.3), without packing: the official validator
// (@anthropic-ai/mcpb) accepts it, it carries the package's version, lists exactly the tools the server registers,
// declares the platforms it runs on, and its user settings (database file, read-only switch) resolve, through the
// same code MCPB hosts use, to `loket serve` arguments the server accepts. Packing and running the bundle is
// test/install/bundle.test.ts.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { getMcpConfigForManifest, type McpbManifestAny } from '@anthropic-ai/mcpb';
import { describe, expect, it } from 'vitest';
import { parseServeConfig } from '../../src/config.js';
import { toolsFor } from '../../src/mcp/tools/index.js';
import { fixtureCorpus } from '../helpers/corpus.js';

/** Tool names do not depend on the corpus. */
const TOOLS = toolsFor(fixtureCorpus());
import { repoRoot } from '../helpers/paths.js';

const run = promisify(execFile);
const manifest = JSON.parse(readFileSync(join(repoRoot, 'manifest.json'), 'utf8')) as McpbManifestAny & {
  tools: { name: string }[];
  compatibility: { platforms: string[] };
  user_config: Record<string, { default?: unknown }>;
};

async function serveArgs(userConfig: Record<string, unknown>): Promise<string[]> {
  const config = await getMcpConfigForManifest({ manifest, extensionPath: '/bundle', systemDirs: { HOME: '/home/ana' }, userConfig: userConfig as never, pathSeparator: '/' });
  expect(config?.command).toBe('node');
  expect(config?.args?.[0]).toBe('/bundle/bin/loket.js');
  return config!.args!.slice(1);
}

describe('manifest.json (MCP Bundle)', () => {
  it('passes the official validator', async () => {
    const { stdout } = await run(process.execPath, [join(repoRoot, 'node_modules/@anthropic-ai/mcpb/dist/cli/cli.js'), 'validate', join(repoRoot, 'manifest.json')]);
    expect(stdout).toContain('Manifest schema validation passes');
  });

  it('carries the package version, every registered tool, and the platforms it runs on', () => {
    const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string };
    expect(manifest.version).toBe(pkg.version);
    expect(manifest.tools.map((t) => t.name)).toEqual(TOOLS.map((t) => t.name));
    expect([...manifest.compatibility.platforms].sort()).toEqual(['darwin', 'linux', 'win32']);
  });

  it('turns the default settings into serve --stdio with reports in the user data folder', async () => {
    const defaults = Object.fromEntries(Object.entries(manifest.user_config).map(([k, v]) => [k, v.default]));
    const args = await serveArgs(defaults);
    expect(args.slice(0, 2)).toEqual(['serve', '--stdio']);
    const parsed = parseServeConfig(args.slice(1), { XDG_DATA_HOME: '/data/ana' });
    expect(parsed.ok && parsed.config.store).toBe(true);
    if (process.platform === 'linux') expect(parsed.ok && parsed.config.db).toBe('/data/ana/loket/loket.db');
  });

  it('passes a chosen database file and the read-only switch through', async () => {
    const chosen = parseServeConfig((await serveArgs({ database: '/srv/reports.db', read_only: false })).slice(1), {});
    expect(chosen.ok && chosen.config.db).toBe('/srv/reports.db');
    const readOnly = parseServeConfig((await serveArgs({ database: '', read_only: true })).slice(1), {});
    expect(readOnly.ok && readOnly.config.store).toBe(false);
  });
});
