// Pins `loket lint` as a user runs it: one problem per line as path:line:column severity rule message, the same
// as a JSON array with --json, exit 1 on any error and 0 on warnings only, exit 2 on bad flags.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fixtures, repoRoot } from '../helpers/paths.js';

const loket = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', resolve(repoRoot, 'src/cli.ts'), ...args], { cwd: repoRoot, encoding: 'utf8' });

const broken = mkdtempSync(join(tmpdir(), 'loket-cli-'));
cpSync(resolve(fixtures, 'corpus'), broken, { recursive: true });
const file = join(broken, 'skills/second-skill/SKILL.md');
writeFileSync(file, readFileSync(file, 'utf8').replace('The law [law-a].', 'The law [law-z].'));
afterAll(() => rmSync(broken, { recursive: true, force: true }));

describe('loket lint', () => {
  it('exits 0 on a corpus with warnings only and prints them one per line', () => {
    const r = loket('lint', '--root', resolve(fixtures, 'corpus'), '--today', '2026-11-23');
    expect(r.status).toBe(0);
    expect(r.stdout.trim().split('\n')).toEqual(['references/unused-c.yaml:1:1 warning reference-cited No skill cites `unused-c`; cite it or remove the file']);
    expect(r.stderr).toMatch(/2 skills, 3 references: 0 errors, 1 warning/);
  });

  it('exits 1 on an error, naming the file, position and rule', () => {
    const r = loket('lint', '--root', broken, '--today', '2026-11-23');
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^skills\/second-skill\/SKILL\.md:19:9 error citation-resolves Citation `\[law-z\]` does not resolve/m);
  });

  it('--json prints the same problems as an array', () => {
    const r = loket('lint', '--json', '--root', broken, '--today', '2026-11-23');
    expect(r.status).toBe(1);
    const list = JSON.parse(r.stdout) as { file: string; line: number; column: number; severity: string; ruleId: string; message: string }[];
    expect(list).toContainEqual(expect.objectContaining({ file: 'skills/second-skill/SKILL.md', line: 19, column: 9, severity: 'error', ruleId: 'citation-resolves' }));
    expect(list).toContainEqual(expect.objectContaining({ file: 'references/unused-c.yaml', severity: 'warning', ruleId: 'reference-cited' }));
  });

  it('exits 2 with usage on an unknown flag or command', () => {
    const r = loket('lint', '--frobnicate');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/Usage: loket lint/);
    expect(loket('frobnicate').status).toBe(2);
  });
});

describe('loket lint on procedure files', () => {
  const shipped = mkdtempSync(join(tmpdir(), 'loket-cli-shipped-'));
  afterAll(() => rmSync(shipped, { recursive: true, force: true }));
  for (const part of ['skills', 'references', 'facts.yaml', 'skills.lock.json']) cpSync(resolve(repoRoot, part), join(shipped, part), { recursive: true });

  it('fails at the line of a Deadline: whose number no longer matches the procedure file', () => {
    const path = join(shipped, 'skills/annex-3-arrival-declaration/SKILL.md');
    const lines = readFileSync(path, 'utf8').split('\n');
    const at = lines.findIndex((l) => /^Deadline: .*\b3 working days\b/.test(l));
    expect(at).toBeGreaterThan(0);
    lines[at] = lines[at]!.replace('3 working days', '4 working days');
    writeFileSync(path, lines.join('\n'));
    const r = loket('lint', '--root', shipped);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(new RegExp(`^skills/annex-3-arrival-declaration/SKILL\\.md:${at + 1}:\\d+ error procedure-agreement This Deadline: line states "4 working days" .*procedure\\.yaml says 3 working-days after arrival_date`, 'm'));
  });
});
