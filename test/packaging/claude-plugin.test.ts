// Pins the Claude Code plugin and marketplace (SPEC §10.3): the repository root is a plugin (.claude-plugin/plugin.json,
// the skills/ folder, .mcp.json starting the stdio server) and a marketplace (.claude-plugin/marketplace.json), so
// `/plugin marketplace add <repository>` then `/plugin install loket@loket` brings the skills and the server.
// Both manifests are checked against the field rules Claude Code publishes (plugins reference and marketplace
// reference): kebab-case names, semantic versions, `owner.name`, relative paths that start with `./` and never
// leave the plugin, no unknown keys (Claude Code ignores them silently, so a typo would go unnoticed). Every path
// they name, and every path the server command names, must exist; and the declared command must answer MCP.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { cp, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, normalize, resolve, sep } from 'node:path';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { toolsFor } from '../../src/mcp/tools/index.js';
import { fixtureCorpus } from '../helpers/corpus.js';

/** Tool names do not depend on the corpus. */
const TOOLS = toolsFor(fixtureCorpus());
import { repoRoot } from '../helpers/paths.js';

const KEBAB = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const SEMVER = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;
/** Marketplace names Claude Code reserves for official marketplaces. */
const RESERVED = ['claude-code-marketplace', 'claude-code-plugins', 'claude-plugins-official', 'anthropic-marketplace', 'anthropic-plugins', 'agent-skills', 'life-sciences'];

/** A component path: relative to the plugin root, starting with `./`, forward slashes, never `..`. */
const RelativePath = z
  .string()
  .regex(/^\.\//, 'must start with ./')
  .refine((p) => !p.includes('\\'), 'forward slashes only')
  .refine((p) => !p.split('/').includes('..'), 'must not leave the plugin folder');
const Paths = z.union([RelativePath, z.array(RelativePath)]);
const Author = z.strictObject({ name: z.string().min(1), email: z.email().optional(), url: z.url().optional() });

const PluginManifest = z.strictObject({
  $schema: z.string().optional(),
  name: z.string().regex(KEBAB),
  version: z.string().regex(SEMVER).optional(),
  description: z.string().min(1).optional(),
  author: Author.optional(),
  homepage: z.url().optional(),
  repository: z.string().optional(),
  license: z.string().optional(),
  keywords: z.array(z.string()).optional(),
  commands: Paths.optional(),
  agents: Paths.optional(),
  skills: Paths.optional(),
  hooks: z.union([RelativePath, z.record(z.string(), z.unknown())]).optional(),
  mcpServers: z.union([RelativePath, z.record(z.string(), z.unknown())]).optional(),
  outputStyles: Paths.optional(),
  lspServers: z.union([RelativePath, z.record(z.string(), z.unknown())]).optional(),
});

const PluginEntry = z.strictObject({
  name: z.string().regex(KEBAB),
  source: z.union([RelativePath, z.looseObject({ source: z.enum(['github', 'url', 'git-subdir', 'npm']) })]),
  description: z.string().optional(),
  version: z.string().regex(SEMVER).optional(),
  author: Author.optional(),
  homepage: z.url().optional(),
  repository: z.string().optional(),
  license: z.string().optional(),
  keywords: z.array(z.string()).optional(),
  category: z.string().optional(),
  tags: z.array(z.string()).optional(),
  strict: z.boolean().optional(),
});

const MarketplaceManifest = z.strictObject({
  $schema: z.string().optional(),
  name: z
    .string()
    .regex(KEBAB)
    .refine((n) => !RESERVED.includes(n), 'reserved for official marketplaces'),
  owner: z.strictObject({ name: z.string().min(1), email: z.email().optional() }),
  metadata: z.strictObject({ description: z.string().optional(), version: z.string().optional(), pluginRoot: RelativePath.optional() }).optional(),
  plugins: z.array(PluginEntry).min(1),
});

const McpConfig = z.strictObject({
  mcpServers: z.record(z.string(), z.strictObject({ command: z.string().min(1), args: z.array(z.string()).optional(), env: z.record(z.string(), z.string()).optional() })),
});

const readJson = (path: string): unknown => JSON.parse(readFileSync(join(repoRoot, path), 'utf8'));
const inRoot = (relative: string) => {
  const full = resolve(repoRoot, normalize(relative));
  expect(full === repoRoot || full.startsWith(repoRoot + sep), relative).toBe(true);
  return full;
};

describe('Claude Code plugin and marketplace', () => {
  const plugin = PluginManifest.parse(readJson('.claude-plugin/plugin.json'));
  const marketplace = MarketplaceManifest.parse(readJson('.claude-plugin/marketplace.json'));
  const mcp = McpConfig.parse(readJson('.mcp.json'));
  const pkg = readJson('package.json') as { version: string; license: string };

  it('plugin.json follows the published field rules and matches the package', () => {
    expect(plugin.name).toBe('loket');
    expect(plugin.version).toBe(pkg.version);
    expect(plugin.license).toBe(pkg.license);
  });

  it('marketplace.json lists the plugin at the repository root, so /plugin install loket@loket works', () => {
    expect(marketplace.name).toBe('loket');
    const entry = marketplace.plugins.find((p) => p.name === plugin.name);
    expect(entry?.source).toBe('./');
    // Where both give a version, Claude Code takes plugin.json's; one source of truth avoids a silent mismatch.
    expect(entry?.version).toBeUndefined();
  });

  it('every path the manifests name exists inside the plugin', () => {
    const root = marketplace.metadata?.pluginRoot ?? './';
    for (const entry of marketplace.plugins) {
      if (typeof entry.source !== 'string') continue;
      const dir = inRoot(join(root, entry.source));
      expect(existsSync(join(dir, '.claude-plugin', 'plugin.json')), entry.source).toBe(true);
    }
    const named = [plugin.commands, plugin.agents, plugin.skills, plugin.outputStyles, plugin.hooks, plugin.mcpServers, plugin.lspServers]
      .flatMap((p) => (typeof p === 'string' ? [p] : Array.isArray(p) ? p : []));
    for (const path of named) expect(existsSync(inRoot(path)), path).toBe(true);
    // The default locations the plugin relies on: skills/<name>/SKILL.md with a matching name, and .mcp.json.
    const skills = readdirSync(join(repoRoot, 'skills')).filter((d) => statSync(join(repoRoot, 'skills', d)).isDirectory());
    expect(skills.length).toBeGreaterThan(0);
    for (const skill of skills) {
      const text = readFileSync(join(repoRoot, 'skills', skill, 'SKILL.md'), 'utf8');
      expect(text.match(/^name:\s*(\S+)/m)?.[1], skill).toBe(skill);
    }
    for (const server of Object.values(mcp.mcpServers)) {
      for (const arg of server.args ?? []) {
        if (arg.includes('${CLAUDE_PLUGIN_ROOT}')) expect(existsSync(inRoot(arg.replace('${CLAUDE_PLUGIN_ROOT}', '.'))), arg).toBe(true);
      }
    }
  });

  it('.mcp.json starts the stdio server from a copy of the repository without a build, which answers initialize and tools/list', async () => {
    // The plugin folder Claude Code installs is the repository as committed: sources and skills, no dist/. Its
    // dependencies are there (Claude Code installs them); here they are this checkout's, linked.
    const dir = await mkdtemp(join(tmpdir(), 'loket-plugin-'));
    const pluginRoot = join(dir, 'plugin');
    for (const entry of ['.claude-plugin', '.mcp.json', 'package.json', 'bin', 'src', 'skills', 'references', 'facts.yaml', 'skills.lock.json']) {
      if (existsSync(join(repoRoot, entry))) await cp(join(repoRoot, entry), join(pluginRoot, entry), { recursive: true });
    }
    await symlink(join(repoRoot, 'node_modules'), join(pluginRoot, 'node_modules'), 'dir');
    const server = mcp.mcpServers.loket!;
    expect(server.args).toContain('--stdio');
    const args = (server.args ?? []).map((a) => a.replaceAll('${CLAUDE_PLUGIN_ROOT}', pluginRoot));
    // `--db=` puts reports in the user data folder; here that folder is a temporary one.
    const transport = new StdioClientTransport({
      command: server.command === 'node' ? process.execPath : server.command,
      args,
      cwd: dir,
      env: { ...(process.env as Record<string, string>), XDG_DATA_HOME: join(dir, 'data') },
      stderr: 'pipe',
    });
    const client = new Client({ name: 'loket-plugin-test', version: '0.0.0' });
    try {
      await client.connect(transport);
      expect(client.getServerVersion()?.name).toBe('loket');
      expect((await client.listTools()).tools.map((t) => t.name)).toEqual(TOOLS.map((t) => t.name));
      const skill = await client.callTool({ name: 'get_skill', arguments: { skill: 'arrival-in-belgium' } });
      expect(skill.isError).not.toBe(true);
      expect(existsSync(join(pluginRoot, 'dist'))).toBe(false);
    } finally {
      await client.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
