import { skillFolderOf, type CheckedCorpus } from '../corpus/build.js';
import { entryKey, type ParseCache } from '../corpus/parse-cache.js';
import { resolveCorpus, skillOfFolder } from '../corpus/resolve.js';
import type { CorpusSource } from '../corpus/source.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { lineLocator } from '../diagnostics/diagnostic.js';
import { REFERENCE_SOURCES } from '../safety/domains.js';
import { buildSkill } from '../skill/build.js';
import { digestOf } from '../skill/digest.js';
import { parseSkill, type ParsedSkill } from '../skill/parse.js';
import type { Skill } from '../skill/schema.js';
import type { TimedLine } from '../skill/timed-lines.js';
import type { CorpusRule, LintRule, ServedTextInput, SkillRule, TextRule } from './rule.js';
import { RULES } from './rules/index.js';

export { RULES } from './rules/index.js';

/** Options of {@link lintCorpus}. */
export interface LintOptions {
  /** Date of the age checks, `YYYY-MM-DD` (default: today, UTC). */
  today?: string;
  /**
   * Results of the rules that read one file only, by path and digest (see `parse-cache.ts`). `loket lint` never
   * passes one: it is the publishing gate and runs every rule itself.
   */
  cache?: ParseCache;
}

const SKILL_RULES = RULES.filter((r): r is SkillRule => r.scope === 'skill');
const TEXT_RULES = RULES.filter((r): r is TextRule => r.scope === 'text');
const CORPUS_RULES = RULES.filter((r): r is CorpusRule => r.scope === 'corpus');
const RANK = new Map(RULES.map((r, i) => [r.id, i] as const));
const SKILL_RULE_IDS = new Set(SKILL_RULES.map((r) => r.id));
const KEEPS_SERVING = new Set(RULES.filter((r) => r.withholds === false).map((r) => r.id));

/** The rule a diagnostic belongs to (`no-injection/R5` belongs to `no-injection`). */
const ruleOf = (d: Diagnostic) => d.ruleId.split('/')[0]!;
const rank = (d: Diagnostic) => RANK.get(ruleOf(d)) ?? RULES.length;

/** The rules that read one SKILL.md, then the text rules over it. */
function lintSkillMd(md: { path: string; text: string; parsed: ParsedSkill }): Diagnostic[] {
  const input = { path: md.path, text: md.text, parsed: md.parsed, locate: lineLocator(md.text) };
  return [...SKILL_RULES.flatMap((r) => r.check(input)), ...lintText({ path: md.path, text: md.text, format: 'markdown' })];
}

function lintText(input: ServedTextInput): Diagnostic[] {
  return TEXT_RULES.flatMap((r) => r.check(input));
}

/**
 * The problems the rules over served text find in the fact vocabulary (`facts.yaml`); an error among them keeps the
 * vocabulary from being used (find_procedure then knows no facts).
 */
export function lintVocabularyText(file: { path: string; text: string }): Diagnostic[] {
  return lintText({ path: file.path, text: file.text, format: 'yaml' });
}

/**
 * Runs every rule of {@link RULES} over a corpus source. First the rules that read one file (each file's result
 * may come from the cache); a reference or a fact vocabulary with an error there is left out of what citations
 * and procedure files resolve against. Then the rules across files, over the skills whose SKILL.md is well formed.
 * Returns the problems, sorted by file and position (rule order breaks ties), and the skill folders they keep
 * from being served.
 */
export function lintCorpus(source: CorpusSource, options: LintOptions = {}): CheckedCorpus {
  const { cache } = options;
  const cached = (purpose: string, path: string, digest: string, run: () => Diagnostic[]): Diagnostic[] => {
    const key = entryKey(path, digest, purpose);
    let hit = cache?.get<Diagnostic[]>(key);
    if (!hit) {
      hit = run();
      cache?.set(key, hit);
    }
    return hit;
  };
  const hasError = (ds: readonly Diagnostic[]) => ds.some((d) => d.severity === 'error');
  const out: Diagnostic[] = [];

  const unusableReferences = new Set<string>();
  for (const r of source.references) {
    if (r.text === undefined || !r.parsed) continue;
    const found = cached('scan', r.path, r.digest, () => lintText({ path: r.path, text: r.text!, format: 'yaml', allowDomains: REFERENCE_SOURCES }));
    out.push(...found);
    if (hasError(found)) unusableReferences.add(r.path);
  }
  let unusableVocabulary = false;
  const v = source.vocabulary;
  if (v?.text !== undefined) {
    const found = cached('scan', v.path, v.digest, () => lintVocabularyText({ path: v.path, text: v.text! }));
    out.push(...found);
    unusableVocabulary = hasError(found);
  }
  const malformed = new Set<string>();
  const built: Skill[] = [];
  const timed = new Map<string, readonly TimedLine[]>();
  for (const f of source.folders) {
    if (!f.hasSkillMd) continue;
    for (const s of f.supporting) {
      if (s.info.text === undefined || !s.info.type?.format) continue;
      out.push(...cached('scan', s.path, s.digest, () => lintText({ path: s.path, text: s.info.text!, format: s.info.type!.format! })));
    }
    const md = f.skillMd;
    if (!md) continue;
    const text = md.text;
    let parsed: ParsedSkill | undefined;
    const parse = () => (parsed ??= md.parse(text));
    const found = cached('lint', md.path, md.digest, () => lintSkillMd({ path: md.path, text, parsed: parse() }));
    out.push(...found);
    if (found.some((d) => d.severity === 'error' && SKILL_RULE_IDS.has(d.ruleId))) malformed.add(md.path);
    // The typed skill is built from the parse right away, so the parse and the text can go before the next file.
    const whole = parse();
    const skill = skillOfFolder(f, whole, text);
    if (skill) built.push(skill);
    if (whole.body) timed.set(md.path, whole.body.timed);
  }

  const resolution = resolveCorpus(source, { references: unusableReferences, vocabulary: unusableVocabulary }, built, cache);
  const skills = resolution.skills.filter((s) => !malformed.has(s.path));
  const input = { source, resolution, skills, timed, today: options.today ?? new Date().toISOString().slice(0, 10) };
  for (const rule of CORPUS_RULES) out.push(...rule.check(input));

  const diagnostics = out
    .map((d, i) => ({ d, i }))
    .sort((a, b) => a.d.file.localeCompare(b.d.file) || a.d.line - b.d.line || a.d.column - b.d.column || rank(a.d) - rank(b.d) || a.i - b.i)
    .map((x) => x.d);
  const withheld = new Set(diagnostics.filter((d) => d.severity === 'error' && !KEEPS_SERVING.has(ruleOf(d))).map((d) => skillFolderOf(d.file)));
  return { root: source.root, resolution, diagnostics, withheld };
}

/**
 * The problems of one SKILL.md on its own (structure and injection rules, sorted by position) and the typed skill
 * when it has none: what an author's editor or a test needs without a corpus around it.
 */
export function lintSkillText(path: string, text: string): { diagnostics: Diagnostic[]; skill?: Skill } {
  const parsed = parseSkill({ path, text });
  const diagnostics = lintSkillMd({ path, text, parsed })
    .map((d, i) => ({ d, i }))
    .sort((a, b) => a.d.line - b.d.line || a.d.column - b.d.column || rank(a.d) - rank(b.d) || a.i - b.i)
    .map((x) => x.d);
  if (diagnostics.some((d) => d.severity === 'error')) return { diagnostics };
  const bytes = new TextEncoder().encode(text);
  const skill = buildSkill(parsed, text, [{ path: 'SKILL.md', bytes, digest: digestOf(bytes), size: bytes.byteLength, mimeType: 'text/markdown' }]);
  return skill ? { diagnostics, skill } : { diagnostics };
}

export type { LintRule };
