// Pins the rule index: every rule is a module of its own under src/lint/rules/, listed once in RULES with a unique
// id, a description and a test that names it; every problem `loket lint` prints belongs to a listed rule. Also pins
// the rules no other test names: the procedure-file rules, the vocabulary, stray reference files and the frontmatter
// schema, each at the position an author needs.
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RULES, lintSkillText } from '../../src/lint/index.js';
import { loadCorpus } from '../../src/load-corpus.js';
import { fixtures, repoRoot } from '../helpers/paths.js';

const temps: string[] = [];
afterEach(() => {
  for (const d of temps.splice(0)) rmSync(d, { recursive: true, force: true });
});
function copyCorpus(): string {
  const dir = mkdtempSync(join(tmpdir(), 'loket-rules-'));
  temps.push(dir);
  cpSync(resolve(fixtures, 'corpus'), dir, { recursive: true });
  return dir;
}
const TODAY = { today: '2026-11-23', cache: false } as const;
const problems = async (dir: string) => (await loadCorpus(dir, TODAY)).diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.ruleId}`);

const VOCABULARY = `facts:
  arrival_date:
    type: date
    describe: Day of arrival
    ask: { en: When did you arrive?, nl: Wanneer kwam je aan?, fr: Quand êtes-vous arrivé ?, de: Wann sind Sie angekommen? }
    event: { en: [of arrival] }
`;
const route = (extra: string) => `routes:
  - id: declare
    result: procedure
    title: Declare your arrival
    document: The annex
    why: Everyone declares.
    when: { arrival_date: present }
    cite: ["law-a"]
${extra}`;

describe('the rule index', () => {
  const rulesDir = join(repoRoot, 'src/lint/rules');

  it('lists every rule once, with a kebab-case id and a description', () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of RULES) {
      expect(r.id).toMatch(/^[a-z]+(?:-[a-z]+)*$/);
      expect(r.description.length, r.id).toBeGreaterThan(10);
    }
  });

  it('holds one rule per file, named after its id, and lists every one of them', async () => {
    const files = readdirSync(rulesDir).filter((f) => f.endsWith('.ts') && f !== 'index.ts');
    expect(files.map((f) => f.replace(/\.ts$/, '')).sort()).toEqual(RULES.map((r) => r.id).sort());
    for (const f of files) {
      const exported = Object.values(await import(join(rulesDir, f))).filter((v) => RULES.includes(v as never));
      expect(exported, f).toHaveLength(1);
    }
  });

  it('every rule is named by a test', () => {
    const tests: string[] = [];
    const visit = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        if (e.isDirectory()) visit(join(dir, e.name));
        else if (e.name.endsWith('.test.ts') && e.name !== 'index.test.ts') tests.push(readFileSync(join(dir, e.name), 'utf8'));
      }
    };
    visit(join(repoRoot, 'test'));
    const all = tests.join('\n');
    const untested = RULES.filter((r) => !all.includes(r.id) && !this_file_tests.includes(r.id)).map((r) => r.id);
    expect(untested).toEqual([]);
  });
});

/** Rules whose test is in this file (below). */
const this_file_tests = ['facts-yaml', 'frontmatter-schema', 'procedure-date', 'procedure-fact', 'procedure-placeholder', 'procedure-wins-over', 'reference-file'];

describe('rules without another test', () => {
  it('frontmatter-schema: a name that is not kebab-case, at the value', () => {
    const text = readFileSync(resolve(fixtures, 'corpus/skills/valid-skill/SKILL.md'), 'utf8').replace('name: valid-skill', 'name: Valid_Skill');
    const { diagnostics, skill } = lintSkillText('skills/valid-skill/SKILL.md', text);
    expect(skill).toBeUndefined();
    expect(diagnostics.map((d) => `${d.line}:${d.column} ${d.ruleId}`)).toEqual(['2:7 frontmatter-schema']);
    expect(diagnostics[0]!.message).toMatch(/^name: use lowercase letters/);
  });

  it('reference-file: only <id>.yaml files lie in references/', async () => {
    const dir = copyCorpus();
    writeFileSync(join(dir, 'references/notes.txt'), 'to do\n');
    expect(await problems(dir)).toContain('references/notes.txt:1:1 error reference-file');
  });

  it('facts-yaml: a vocabulary that is not YAML, at the error', async () => {
    const dir = copyCorpus();
    writeFileSync(join(dir, 'facts.yaml'), 'facts:\n  arrival_date: [unclosed\n');
    expect((await problems(dir)).filter((p) => p.includes('facts-yaml'))).toEqual(['facts.yaml:3:1 error facts-yaml']);
  });

  it('procedure-fact: a procedure file without facts.yaml, and a fact the vocabulary does not have', async () => {
    const dir = copyCorpus();
    writeFileSync(join(dir, 'skills/valid-skill/procedure.yaml'), route('    asks: [shoe_size]\n'));
    expect(await problems(dir)).toContain('skills/valid-skill/procedure.yaml:1:1 error procedure-fact');
    writeFileSync(join(dir, 'facts.yaml'), VOCABULARY);
    const corpus = await loadCorpus(dir, TODAY);
    const fact = corpus.diagnostics.filter((d) => d.ruleId === 'procedure-fact');
    expect(fact.map((d) => `${d.file}:${d.line}:${d.column}`)).toEqual(['skills/valid-skill/procedure.yaml:9:12']);
    expect(fact[0]!.message).toMatch(/`shoe_size`, which is not a fact of facts\.yaml/);
    expect(corpus.getSkill('valid-skill')).toBeUndefined();
  });

  it('procedure-date: a date expression that does not parse', async () => {
    const dir = copyCorpus();
    writeFileSync(join(dir, 'facts.yaml'), VOCABULARY);
    writeFileSync(join(dir, 'skills/valid-skill/procedure.yaml'), route('    dates:\n      reminder: arrival_date + 2 fortnights\n'));
    expect((await problems(dir)).filter((p) => p.includes('procedure-date'))).toEqual(['skills/valid-skill/procedure.yaml:10:17 error procedure-date']);
  });

  it('procedure-placeholder: a {placeholder} that names nothing', async () => {
    const dir = copyCorpus();
    writeFileSync(join(dir, 'facts.yaml'), VOCABULARY);
    writeFileSync(join(dir, 'skills/valid-skill/procedure.yaml'), route('').replace('why: Everyone declares.', 'why: Everyone declares by {nothing}.'));
    expect((await problems(dir)).filter((p) => p.includes('procedure-placeholder'))).toEqual(['skills/valid-skill/procedure.yaml:6:10 error procedure-placeholder']);
  });

  it('procedure-wins-over: an entry that names no route or skill, at the route', async () => {
    const dir = copyCorpus();
    writeFileSync(join(dir, 'facts.yaml'), VOCABULARY);
    writeFileSync(join(dir, 'skills/valid-skill/procedure.yaml'), route('    wins-over: [ghost]\n'));
    const corpus = await loadCorpus(dir, TODAY);
    const d = corpus.diagnostics.filter((x) => x.ruleId === 'procedure-wins-over');
    expect(d.map((x) => `${x.file}:${x.line}:${x.column}`)).toEqual(['skills/valid-skill/procedure.yaml:2:1']);
    expect(d[0]!.message).toMatch(/wins-over names `ghost`/);
  });
});
