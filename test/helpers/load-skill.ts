// Loads one skill of the shipped corpus for the per-skill corpus tests, together with the problems the corpus
// reports for its files. Skills of the second set name skills of the third set in `metadata.next`; until those
// exist, the corpus reports `next-resolves` for exactly them and does not serve the skill, so the skill is then
// parsed from its file. Once every named skill exists, the skill must be served by the corpus itself.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadCorpus } from '../../src/load-corpus.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { lintSkillText } from '../../src/lint/index.js';
import type { Skill } from '../../src/skill/schema.js';
import { repoRoot } from './paths.js';
import { readProcedure, type ProcedureFile } from './procedure-file.js';

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

const show = (d: Diagnostic) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.ruleId} ${d.message}`;

export async function loadSkill(name: string): Promise<LoadedSkill> {
  const path = `skills/${name}/SKILL.md`;
  const pending = THIRD_SET.filter((n) => !existsSync(join(repoRoot, 'skills', n, 'SKILL.md')));
  const isPending = (d: Diagnostic) => d.ruleId === 'next-resolves' && pending.some((n) => d.message.includes(`\`${n}\``));
  const problems = corpus.diagnostics.filter((d) => d.file.startsWith(`skills/${name}/`) && !isPending(d)).map(show);
  let skill = corpus.getSkill(name);
  if (!skill && pending.length > 0) skill = lintSkillText(path, await readFile(join(repoRoot, path), 'utf8')).skill;
  if (!skill) throw new Error(`skill ${name} is not served: ${problems.join('; ')}`);
  const procedure = await readProcedure(name);
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
