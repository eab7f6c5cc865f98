// Loads one skill of the shipped corpus for the per-skill corpus tests, together with the problems the corpus
// reports for its files. Skills of the second set name skills of the third set in `metadata.next`; until those
// exist, the corpus reports `next-resolves` for exactly them and does not serve the skill, so the skill is then
// parsed from its file. Once every named skill exists, the skill must be served by the corpus itself.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { loadCorpus } from '../../src/load-corpus.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { lintSkillText } from '../../src/lint/index.js';
import type { Skill } from '../../src/skill/schema.js';
import { repoRoot } from '../helpers/paths.js';

/** Skills of the third set (SPEC §10.4) that second-set skills may name in `next` before they exist. */
export const THIRD_SET = ['health-insurance-enrolment', 'civic-integration', 'foreign-driving-licence', 'belgian-nationality-declaration'] as const;

const corpus = await loadCorpus(repoRoot);

export interface LoadedSkill {
  skill: Skill;
  /** Corpus problems in the skill's own files, apart from `next` naming a third-set skill not written yet. */
  problems: string[];
  /** The procedure file, parsed. */
  procedure: ProcedureFile;
  /** The third-set skills this skill names that do not exist yet. */
  pending: string[];
}

/** The subset of a procedure file these tests read. */
export interface ProcedureFile {
  routes: Array<{
    id: string;
    result?: string;
    when: Record<string, unknown>;
    'if-unknown'?: Record<string, string>;
    'wins-over'?: string[];
    deadline?: { amount: number; unit: string; after?: string; before?: string; cite: string[]; readings?: Array<Record<string, unknown>> };
    periods?: Array<{ amount: number; unit: string; after?: string; before?: string; text: string; cite: string[] }>;
    cite: string[];
    notes?: Array<{ text: string; when?: Record<string, unknown> }>;
  }>;
}

const show = (d: Diagnostic) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.ruleId} ${d.message}`;

export async function loadSkill(name: string): Promise<LoadedSkill> {
  const path = `skills/${name}/SKILL.md`;
  const pending = THIRD_SET.filter((n) => !existsSync(join(repoRoot, 'skills', n, 'SKILL.md')));
  const isPending = (d: Diagnostic) => d.ruleId === 'next-resolves' && pending.some((n) => d.message.includes(`\`${n}\``));
  const problems = corpus.diagnostics.filter((d) => d.file.startsWith(`skills/${name}/`) && !isPending(d)).map(show);
  let skill = corpus.getSkill(name);
  if (!skill && pending.length > 0) skill = lintSkillText(path, await readFile(join(repoRoot, path), 'utf8')).skill;
  if (!skill) throw new Error(`skill ${name} is not served: ${problems.join('; ')}`);
  const procedure = parseYaml(await readFile(join(repoRoot, 'skills', name, 'procedure.yaml'), 'utf8')) as ProcedureFile;
  return { skill, problems, procedure, pending };
}

/** Problems the corpus reports for the given reference ids. */
export function referenceProblems(ids: readonly string[]): string[] {
  return corpus.diagnostics.filter((d) => ids.some((id) => d.file === `references/${id}.yaml`)).map(show);
}

export function registry() {
  return corpus.registry;
}

export const section = (s: Skill, key: string) => s.sections.find((x) => x.key === key)?.markdown ?? '';

/** The lines and sentences of `markdown` that contain `pattern`. */
export const claims = (markdown: string, pattern: RegExp) => markdown.split(/\n|(?<=\.)\s+(?=[A-Z])/).filter((line) => pattern.test(line));
