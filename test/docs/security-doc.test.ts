// Pins docs/security.md against the code: every security requirement ID that src/ or a test title cites has a row
// in the document, and every test file the document names exists.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/paths.js';

const doc = readFileSync(resolve(repoRoot, 'docs/security.md'), 'utf8');
const ID = /(?<![-\w])[TSKQRIPFGDZ](?:0|[1-9]\d?)(?!\w)/g;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : /\.ts$/.test(name) ? [p] : [];
  });
}
const rows = new Set([...doc.matchAll(/^\| ([A-Z]\d{1,2}) \|/gm)].map((m) => m[1]));

describe('docs/security.md', () => {
  it('has a row for every requirement ID cited in src/', () => {
    const cited = new Set(files(resolve(repoRoot, 'src')).flatMap((f) => readFileSync(f, 'utf8').match(ID) ?? []));
    expect([...cited].filter((id) => !rows.has(id)).sort()).toEqual([]);
  });

  it('has a row for every requirement ID that names a test', () => {
    const titled = new Set(
      files(resolve(repoRoot, 'test')).flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/\bit(?:\.each\([^)]*\))?\(\s*[`'"]([A-Z]\d{1,2})[:/ ]/g)].map((m) => m[1]!)),
    );
    expect([...titled].filter((id) => !rows.has(id)).sort()).toEqual([]);
  });

  it('names only test files that exist', () => {
    const named = [...doc.matchAll(/`((?:test|bench|\.ci)\/[^`]+)`/g)].map((m) => m[1]!);
    expect(named.length).toBeGreaterThan(20);
    expect(named.filter((p) => !existsSync(resolve(repoRoot, p)))).toEqual([]);
  });
});
