// The fast YAML reader (src/skill/yaml-subset.ts) against the `yaml` package: for the YAML of shipped and generated
// corpora and hand-written edge cases, parseYaml either leaves the text to `yaml` or gives the same value and the
// same start offset for every node and key, and for paths that do not exist.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTempCorpus, prng } from '../../bench/generate.js';
import { parseYaml, parseYamlExact, splitFrontmatter } from '../../src/skill/frontmatter.js';
import { parseYamlSubset } from '../../src/skill/yaml-subset.js';
import { repoRoot } from '../helpers/paths.js';

/** Every path to a node of `value`, plus a missing key and index under each collection. */
function paths(value: unknown, prefix: PropertyKey[] = []): PropertyKey[][] {
  const out: PropertyKey[][] = [prefix];
  if (Array.isArray(value)) {
    value.forEach((v, i) => out.push(...paths(v, [...prefix, i])));
    out.push([...prefix, value.length], [...prefix, 'missing']);
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...prefix, k]));
    out.push([...prefix, 'missing'], [...prefix, 0]);
  } else out.push([...prefix, 'below-a-scalar']);
  return out;
}

/** Whether the fast reader took `source`; when it did, its value and every offset equal the `yaml` package's. */
function compare(source: string): boolean {
  if (!parseYamlSubset(source)) return false;
  const fast = parseYaml(source);
  const exact = parseYamlExact(source);
  expect(exact.errors, source).toEqual([]);
  expect(fast.errors).toEqual([]);
  expect(fast.value, source).toEqual(exact.value);
  for (const p of paths(exact.value)) {
    expect(fast.offsetOf(p), `${JSON.stringify(p)} in ${source}`).toBe(exact.offsetOf(p));
    expect(fast.keyOffsetOf(p), `key ${JSON.stringify(p)} in ${source}`).toBe(exact.keyOffsetOf(p));
  }
  return true;
}

/** Every YAML text of a corpus folder: frontmatters, procedure files, references, the fact vocabulary. */
function corpusYaml(root: string): { name: string; text: string }[] {
  const out: { name: string; text: string }[] = [];
  for (const skill of readdirSync(join(root, 'skills'))) {
    const dir = join(root, 'skills', skill);
    out.push({ name: `${skill} frontmatter`, text: splitFrontmatter(readFileSync(join(dir, 'SKILL.md'), 'utf8')).yaml });
    if (readdirSync(dir).includes('procedure.yaml')) out.push({ name: `${skill}/procedure.yaml`, text: readFileSync(join(dir, 'procedure.yaml'), 'utf8') });
  }
  for (const ref of readdirSync(join(root, 'references'))) out.push({ name: ref, text: readFileSync(join(root, 'references', ref), 'utf8') });
  out.push({ name: 'facts.yaml', text: readFileSync(join(root, 'facts.yaml'), 'utf8') });
  return out;
}

describe('the subset YAML reader', () => {
  it('gives the yaml package’s values and offsets for the shipped corpus, and reads most of it', () => {
    const files = corpusYaml(repoRoot);
    const fast = files.filter((f) => compare(f.text)).length;
    // Every file is compared where the fast path takes it; most files must take it, or the reader is of no use.
    expect(fast / files.length).toBeGreaterThan(0.8);
  });

  describe('on generated corpora', () => {
    const corpora: Awaited<ReturnType<typeof generateTempCorpus>>[] = [];
    beforeAll(async () => {
      for (const seed of [1, 7]) corpora.push(await generateTempCorpus(10, { seed, today: '2026-11-01' }));
    });
    afterAll(async () => {
      for (const c of corpora) await c.cleanup();
    });

    it('gives the same values and offsets, on the fast path for every file but the fact vocabulary', () => {
      for (const c of corpora) {
        const declined = corpusYaml(c.root).filter((f) => !compare(f.text) && f.name !== 'facts.yaml').map((f) => f.name);
        expect(declined).toEqual([]);
      }
    });
  });

  const cases: Array<[string, boolean | undefined]> = [
    ['a: 1\nb: two\n', true],
    ['a: 1\nb: two', true],
    ['# comment\na: x # trailing comment\n\n# more\nb: y\n', true],
    ['a:\n  b:\n    c: d\n  e: f\ng: h\n', true],
    ['list:\n  - one\n  - two\n', true],
    ['list:\n- zero-indented\n', undefined],
    ['routes:\n  - id: a\n    when:\n      x: true\n    cite: ["r1", "r2, art. 3"]\n  - id: b\n', true],
    ['a: [x, y, z]\nb: []\nc: {}\nd: { k: v, l: w }\n', true],
    ['a: [x, y, ]\n', false],
    ['a: [x,\n  y]\n', false],
    ['a: "quoted: with colon"\nb: \'single\'\n', true],
    ["a: 'it''s'\n", false],
    ['a: "esc\\"aped"\n', false],
    ['a: null\nb: ~\nc: Null\nd: true\ne: False\nf: TRUE\n', true],
    ['a: 0\nb: 42\nc: 007\nd: -1\ne: +1\n', undefined],
    ['a: 1.0\n', false],
    ['a: 1e3\n', false],
    ['a: 0x1F\nb: 0o17\n', false],
    ['a: .inf\n', false],
    ['a: .nan\n', false],
    ['a: 123456789012345678\n', false],
    ['date: 2026-11-30\nversion: 1.2.3\n', true],
    ['url: https://example.org/a#b\n', true],
    ['a: text # comment\n', true],
    ['a: text#not-comment\n', true],
    ['a: it\'s fine\n', true],
    ['a: say "hi" there\n', true],
    ['a: 5" screen\n', undefined],
    ['a: b: c\n', false],
    ['a:\n', false],
    ['a:\nb: c\n', false],
    ['a: |\n  block\n', false],
    ['a: >\n  folded\n', false],
    ['a: plain\n  continued\n', false],
    ['a: &anchor x\nb: *anchor\n', false],
    ['a: !tag x\n', false],
    ['a: 1\na: 2\n', false],
    ['"quoted key": 1\n', false],
    ['__proto__: 1\n', false],
    ['null: 1\n', false],
    ['True: 1\n', false],
    ['a: { false: x }\n', false],
    ['a:\tb\n', false],
    ['a: b\r\nc: d\r\n', false],
    ['---\na: b\n', false],
    ['a: b\n...\n', false],
    ['%YAML 1.2\n---\na: b\n', false],
    ['- a\n- b\n', true],
    ['- a: 1\n  b: 2\n- c: 3\n', true],
    ['- - nested\n', false],
    ['-\n  a: 1\n', false],
    ['', false],
    ['# only a comment\n', false],
    ['scalar only\n', false],
    ['  a: indented root\n', false],
    ['a: x\n  b: y\n', false],
    ['a:\n    b: 1\n  c: 2\n', false],
    ['a: [x, "y, z", \'w\']\n', true],
    ['a: [x: y]\n', false],
    ['a: [[x]]\n', false],
    ['a: {k: v}\n', true],
    ['a: { k: "v, w" }\n', true],
    ['a: { k: v, k: w }\n', false],
    ['a: -dash\n', false],
    ['a: "unterminated\n', false],
    ['a: x #\n', true],
    ['a: {x} and more\n', false],
    ['a: the {x} placeholder\n', true],
    ['a: ends with colon:\n', false],
    ['name: x\ndescription: "Long text, with commas; and “quotes” — dashes."\nmetadata:\n  version: "1.0.0"\n', true],
  ];

  it.each(cases)('%j', (source, fastPath) => {
    const took = compare(source);
    if (fastPath === true) expect(took, 'takes the fast path').toBe(true);
    if (fastPath === false) expect(took, 'declines').toBe(false);
  });

  it('agrees with the yaml package on random documents of maps, lists and awkward scalars', () => {
    const rand = prng(23);
    const pick = <T>(a: readonly T[]): T => a[Math.floor(rand() * a.length)]!;
    const keys = ['a', 'b', 'id', 'when', 'cite', 'x_y', 'k-1', 'Null1', 'é', 'deadline.date'];
    const values = ['v', 'two words', '1', '0', '01', '-1', '1.5', 'true', 'False', 'null', '~', '"q: x"', "'s'", '[a, b]', '[]', '{}', '{ k: v }', '{k: v, l: "w, x"}', '["r, 1", r2]', 'a #c', 'a#c', 'https://a.b/c', '2026-01-01', 'a "b" c', "it's", '{x} y', 'y {x}', 'a,b', 'a]b', '"a" #c', '1e5', '+3', '[ a , b ]', '{ k: [a] }', 'x:y', 'ü ß “x”', '"  spaced  "', "''", '""', '"#"', 'a  b'];
    const map = (indent: number, depth: number, lines: string[]) => {
      const pad = ' '.repeat(indent);
      for (let i = 1 + Math.floor(rand() * 3); i > 0; i--) {
        const key = pick(keys);
        if (rand() < 0.3 && depth < 4) {
          lines.push(`${pad}${key}:${rand() < 0.2 ? ' # c' : ''}`);
          node(indent + pick([2, 2, 4, 1]), depth + 1, lines);
        } else lines.push(`${pad}${key}: ${pick(values)}`);
        if (rand() < 0.1) lines.push(pick(['', '# x', '   # y', `${pad}#z`]));
      }
    };
    const node = (indent: number, depth: number, lines: string[]) => {
      if (depth === 0 || rand() < 0.6) return map(indent, depth, lines);
      for (let i = 1 + Math.floor(rand() * 3); i > 0; i--) {
        if (rand() < 0.5 && depth < 4) {
          const item: string[] = [];
          map(indent + 2, depth + 1, item);
          lines.push(`${' '.repeat(indent)}- ${item[0]!.trimStart()}`, ...item.slice(1));
        } else lines.push(`${' '.repeat(indent)}- ${pick(values)}`);
      }
    };
    let fast = 0;
    for (let n = 0; n < 3000; n++) {
      const lines: string[] = [];
      node(0, 0, lines);
      if (compare(lines.join('\n') + pick(['\n', '', '\n\n']))) fast++;
    }
    expect(fast).toBeGreaterThan(500);
  });

  it('reports YAML errors through the yaml package', () => {
    expect(parseYaml('a: [x\n').errors.length).toBeGreaterThan(0);
    expect(parseYaml('a: 1\na: 2\n').errors.length).toBeGreaterThan(0);
  });
});
