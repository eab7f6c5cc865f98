// Pins the README against the code it documents: every registered tool and every skill is listed, and the quick
// start's commands are scripts that exist.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toolsFor } from '../src/mcp/tools/index.js';
import { fixtureCorpus } from './helpers/corpus.js';

const TOOLS = toolsFor(fixtureCorpus());
import { repoRoot } from './helpers/paths.js';

const readme = readFileSync(resolve(repoRoot, 'README.md'), 'utf8');
const pkg = JSON.parse(readFileSync(resolve(repoRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> };

describe('README', () => {
  it('lists every tool the server registers, and no other', () => {
    const listed = [...readme.matchAll(/^\| `([a-z_]+)` \|/gm)].map((m) => m[1]).filter((n) => n!.includes('_'));
    expect(listed.sort()).toEqual(TOOLS.map((t) => t.name).sort());
  });

  it('lists the five skills', () => {
    for (const name of ['arrival-in-belgium', 'annex-3-arrival-declaration', 'annex-3ter-presence-declaration', 'annex-19-eu-registration', 'residence-card-renewal']) {
      expect(readme).toContain(`| \`${name}\` |`);
    }
  });

  it('quick start uses scripts that exist', () => {
    const quick = readme.slice(readme.indexOf('## Quick start'), readme.indexOf('## The skills'));
    expect(quick).toContain('npm ci && npm start');
    expect(quick).toContain('npm test');
    expect(pkg.scripts.start).toContain('serve');
    expect(pkg.scripts.test).toBe('vitest run');
  });
});
