/**
 * ARCHITECTURE.md stays true: every import between the units of `src/` (folders and top-level files) — static,
 * dynamic `import('…')`, re-export or type-only — is one its layer table allows, every unit is in the table, and
 * every unit the table allows exists. `src/commands/` and `src/http/` never import a project module dynamically.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './helpers/paths.js';

const SRC = join(repoRoot, 'src');

/** The layer table: unit → units it may import. */
function layerTable(): Map<string, Set<string>> {
  const text = readFileSync(join(repoRoot, 'ARCHITECTURE.md'), 'utf8');
  const table = new Map<string, Set<string>>();
  for (const line of text.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    const unit = /^`([a-z-]+)(?:\/|\.ts)`$/.exec(cells[1] ?? '')?.[1];
    if (!unit || cells.length < 5) continue;
    table.set(unit, new Set([...(cells[3] ?? '').matchAll(/`([a-z-]+)`/g)].map((m) => m[1]!)));
  }
  return table;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/** The unit of a path under src/: its first folder, or the top-level file's name without `.ts`. */
const unitOf = (path: string) => relative(SRC, path).split(sep)[0]!.replace(/\.[jt]s$/, '');

interface Import {
  from: string;
  to: string;
  dynamic: boolean;
}

const IMPORT = /\bfrom\s+'(\.{1,2}\/[^']+)'|\bimport\s*\(\s*'(\.{1,2}\/[^']+)'\s*\)|\bimport\s+'(\.{1,2}\/[^']+)'/g;

function projectImports(): Import[] {
  return sourceFiles(SRC).flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(IMPORT)].map((m) => ({
      from: file,
      to: resolve(dirname(file), (m[1] ?? m[2] ?? m[3])!),
      dynamic: m[2] !== undefined,
    })),
  );
}

describe('ARCHITECTURE.md', () => {
  const table = layerTable();
  const units = new Set(sourceFiles(SRC).map(unitOf).filter((u) => u !== 'index'));

  it('lists every unit of src/, and allows only units that exist', () => {
    expect(table.size).toBeGreaterThan(10);
    expect([...units].filter((u) => !table.has(u)), 'units missing from the layer table').toEqual([]);
    const named = new Set([...table.keys(), ...[...table.values()].flatMap((s) => [...s])]);
    expect([...named].filter((u) => !units.has(u)), 'units in the table that do not exist').toEqual([]);
  });

  it('every import between units of src/ is one the layer table allows', () => {
    const imports = projectImports();
    expect(imports.length).toBeGreaterThan(100);
    const forbidden = imports
      .filter((i) => i.to.startsWith(SRC + sep))
      .map((i) => ({ ...i, a: unitOf(i.from), b: unitOf(i.to) }))
      .filter(({ a, b }) => a !== b && !table.get(a)?.has(b))
      .map(({ from, to, a, b }) => `${a} → ${b}: ${relative(repoRoot, from)} imports ${relative(repoRoot, to)}`);
    expect(forbidden).toEqual([]);
  });

  it('no module of src/commands/ or src/http/ imports a project module dynamically', () => {
    const dynamic = projectImports()
      .filter((i) => i.dynamic && ['commands', 'http'].includes(unitOf(i.from)))
      .map((i) => relative(repoRoot, i.from));
    expect(dynamic).toEqual([]);
  });
});
