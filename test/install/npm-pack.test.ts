// Pins the npm package (SPEC §10.3): the tarball `npm pack` makes, installed into an empty folder with no checkout
// beside it, carries the compiled server and runtime dependencies only, and gives a working `npx loket serve
// --stdio` (answers initialize and tools/list) and `npx loket lint`. Slow: the install compiles better-sqlite3.
// The tarball is packed from a copy of the checkout (its `prepare` builds dist/ there), so the checkout's own dist/
// is never rebuilt under other tests.
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toolsFor } from '../../src/mcp/tools/index.js';
import { fixtureCorpus } from '../helpers/corpus.js';

/** Tool names do not depend on the corpus. */
const TOOLS = toolsFor(fixtureCorpus());
import { repoRoot } from '../helpers/paths.js';

const run = promisify(execFile);
const NPM_ENV = { ...process.env, npm_config_fund: 'false', npm_config_audit: 'false', npm_config_update_notifier: 'false' };

describe('npm package installed into an empty folder', () => {
  let dir: string;
  let app: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'loket-npm-pack-'));
    // A copy of what `npm pack` reads: package.json, the sources its `prepare` builds, and the `files` entries.
    const stage = join(dir, 'stage');
    await mkdir(stage);
    const pkg = JSON.parse(await readFile(join(repoRoot, 'package.json'), 'utf8')) as { files: string[] };
    for (const entry of ['package.json', 'src', 'scripts', ...pkg.files.filter((f) => f !== 'dist')]) {
      if (existsSync(join(repoRoot, entry))) await cp(join(repoRoot, entry), join(stage, entry), { recursive: true });
    }
    await symlink(join(repoRoot, 'node_modules'), join(stage, 'node_modules'), 'dir');
    const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', dir], { cwd: stage, env: NPM_ENV, maxBuffer: 16 << 20 });
    const [{ filename }] = JSON.parse(stdout.slice(stdout.indexOf('['))) as [{ filename: string }];

    app = join(dir, 'app');
    await mkdir(app);
    await run('npm', ['install', join(dir, filename)], { cwd: app, env: NPM_ENV, maxBuffer: 16 << 20 });
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('installs the compiled server and its runtime dependencies, no sources or development tools', async () => {
    const installed = join(app, 'node_modules', 'loket');
    for (const path of ['bin/loket.js', 'bin/script-cache.js', 'dist/cli.js', 'dist/loket.js', 'dist/loket.cjs', 'skills/arrival-in-belgium/SKILL.md', 'references', 'facts.yaml']) {
      expect(existsSync(join(installed, path)), path).toBe(true);
    }
    expect(existsSync(join(installed, 'src'))).toBe(false);
    const modules = await readdir(join(app, 'node_modules'));
    expect(modules).toContain('better-sqlite3');
    for (const dev of ['tsx', 'esbuild', 'vitest', 'typescript', 'fast-check', 'playwright-core']) expect(modules, dev).not.toContain(dev);
    expect(existsSync(join(app, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'))).toBe(true);
  });

  it('npx loket serve --stdio answers initialize and tools/list', async () => {
    const transport = new StdioClientTransport({ command: 'npx', args: ['loket', 'serve', '--stdio', '--db', join(dir, 'loket.db')], cwd: app, stderr: 'pipe' });
    let log = '';
    transport.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString('utf8')));
    const client = new Client({ name: 'loket-npm-pack-test', version: '0.0.0' });
    await client.connect(transport);
    try {
      expect(client.getServerVersion()?.name).toBe('loket');
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name)).toEqual(TOOLS.map((t) => t.name));
      const report = await client.callTool({
        name: 'submit_observation',
        arguments: { skill: 'arrival-in-belgium', kind: 'caveat', text: 'The commune asked for an extra passport photo at the desk this week.' },
      });
      expect(report.isError, log).not.toBe(true);
    } finally {
      await client.close();
    }
  });

  it('npx loket lint checks the installed corpus, and a corpus in the current folder', async () => {
    const ok = await run('npx', ['loket', 'lint', '--root', join(app, 'node_modules', 'loket')], { cwd: app });
    expect(ok.stderr).toMatch(/^\d+ skills, \d+ references: 0 errors/m);
    // An author's folder: skills/ and references/ beside the installed package; the skill's name is wrong.
    await mkdir(join(app, 'skills', 'demo'), { recursive: true });
    await cp(join(app, 'node_modules', 'loket', 'references'), join(app, 'references'), { recursive: true });
    await writeFile(join(app, 'skills', 'demo', 'SKILL.md'), '---\nname: other-name\ndescription: x\n---\n# Demo\n');
    const failed = await run('npx', ['loket', 'lint'], { cwd: app }).then(
      () => undefined,
      (error: { code: number; stdout: string }) => error,
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stdout).toContain('skills/demo/SKILL.md');
  });
});
