import type { ServedTextFormat } from '../corpus/served-files.js';
import type { Resolution } from '../corpus/resolve.js';
import type { CorpusSource } from '../corpus/source.js';
import type { Diagnostic, Point, Severity } from '../diagnostics/diagnostic.js';
import type { ParsedSkill } from '../skill/parse.js';
import type { Skill } from '../skill/schema.js';
import type { TimedLine } from '../skill/timed-lines.js';

/** One SKILL.md, parsed: what a skill rule reads. */
export interface SkillFileInput {
  /** Repository-relative path, e.g. `skills/<name>/SKILL.md`. */
  path: string;
  /** The whole file; offsets in the parse are offsets into this string. */
  text: string;
  parsed: ParsedSkill;
  /** Maps a file offset to its line and column. */
  locate: (offset: number) => Point;
}

/** One served text file (a SKILL.md, a supporting file, a reference, the fact vocabulary). */
export interface ServedTextInput {
  path: string;
  text: string;
  /** How the file is written (default: Markdown). */
  format?: ServedTextFormat;
  /** Extra hosts links may point to (references may cite reviewed secondary sources). */
  allowDomains?: readonly string[];
}

/** The whole corpus, for rules that compare files with each other. */
export interface CorpusInput {
  source: CorpusSource;
  resolution: Resolution;
  /** Typed skills whose SKILL.md has no structural error, in folder order: the cross-file rules read these. */
  skills: readonly Skill[];
  /** The lines of each of those skills' SKILL.md that may state a deadline, by SKILL.md path (from the parse). */
  timed: ReadonlyMap<string, readonly TimedLine[]>;
  /** Date of the age checks, `YYYY-MM-DD`. */
  today: string;
}

interface RuleBase {
  /** The permanent rule id printed by `loket lint`; a rule may report sub-ids `<id>/<x>`. */
  id: string;
  /** One sentence: what the rule protects. */
  description: string;
  /** Lock problems fail `loket lint` but do not keep a skill from being served. */
  withholds?: false;
}

/** A rule over the parse of one SKILL.md; its result depends on that file only. */
export interface SkillRule extends RuleBase {
  scope: 'skill';
  check(input: SkillFileInput): Diagnostic[];
}

/** A rule over the text of every served file; its result depends on that file only. */
export interface TextRule extends RuleBase {
  scope: 'text';
  check(input: ServedTextInput): Diagnostic[];
}

/** A rule over the whole corpus. */
export interface CorpusRule extends RuleBase {
  scope: 'corpus';
  check(input: CorpusInput): Diagnostic[];
}

/**
 * A lint rule: one per file under `src/lint/rules/`, listed in `src/lint/rules/index.ts`. It returns diagnostics
 * with its `ruleId` set and never throws for bad content.
 */
export type LintRule = SkillRule | TextRule | CorpusRule;

/** A diagnostic at a file offset of a skill, optionally spanning to `end`. */
export function skillDiagnostic(input: SkillFileInput, offset: number, ruleId: string, message: string, options: { severity?: Severity; end?: number } = {}): Diagnostic {
  const p = input.locate(offset);
  const d: Diagnostic = { file: input.path, line: p.line, column: p.column, severity: options.severity ?? 'error', ruleId, message };
  if (options.end !== undefined) {
    const e = input.locate(options.end);
    d.endLine = e.line;
    d.endColumn = e.column;
  }
  return d;
}

/** A diagnostic at line 1, column 1 of a file: a problem with the file as a whole. */
export function fileDiagnostic(file: string, ruleId: string, message: string): Diagnostic {
  return { file, line: 1, column: 1, severity: 'error', ruleId, message };
}

/**
 * The problems of `ruleId` among those a parser or compiler of a YAML format found (references, the fact
 * vocabulary, procedure files): those checks need the structure of the format, so its parser reports them with
 * their position, and each rule module reports its own.
 */
export function parseProblems(results: readonly ({ diagnostics: readonly Diagnostic[] } | undefined)[], ruleId: string): Diagnostic[] {
  return results.flatMap((r) => r?.diagnostics.filter((d) => d.ruleId === ruleId) ?? []);
}
