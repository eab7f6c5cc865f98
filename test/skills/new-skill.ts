/**
 * Loads one shipped skill for its corpus test: the parsed SKILL.md, its procedure file, the shipped registry, and
 * the lint problems in its folder. A skill whose `next` names a skill that is not in this checkout yet is not served
 * until that skill lands; those links are the only problems such a test tolerates, and only while the named
 * folder is missing.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { loadCorpus } from '../../src/corpus/load.js';
import { parseSkill } from '../../src/skill/parse.js';
import type { Skill } from '../../src/skill/schema.js';
import { repoRoot } from '../helpers/paths.js';

export interface Rule {
  amount: number;
  unit: string;
  after?: string;
  before?: string;
  rule?: string;
  cite?: string[];
}
export interface Route {
  id: string;
  result?: string;
  title?: string;
  why?: string;
  when?: Record<string, unknown>;
  deadline?: Rule;
  window?: { opens: Rule; closes: Rule };
  periods?: Array<Rule & { text: string }>;
  dates?: Record<string, string>;
  cite?: string[];
  notes?: Array<{ text: string; when?: Record<string, unknown> }>;
}

const corpus = await loadCorpus(repoRoot);

export async function loadShippedSkill(name: string) {
  const path = `skills/${name}/SKILL.md`;
  const { skill, diagnostics: parseProblems } = parseSkill({ path, text: readFileSync(resolve(repoRoot, path), 'utf8') });
  if (!skill) throw new Error(`${path} does not parse: ${parseProblems.map((d) => d.message).join('; ')}`);
  const procedure = parseYaml(readFileSync(resolve(repoRoot, `skills/${name}/procedure.yaml`), 'utf8')) as { routes: Route[] };
  const pendingNext = (message: string) => {
    const named = /names `([^`]+)`/.exec(message)?.[1];
    return named !== undefined && !existsSync(resolve(repoRoot, 'skills', named));
  };
  const problems = corpus.diagnostics
    .filter((d) => d.file.startsWith(`skills/${name}/`))
    .filter((d) => !(d.ruleId === 'next-resolves' && pendingNext(d.message)))
    .map((d) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.ruleId} ${d.message}`);
  const route = (id: string): Route => {
    const r = procedure.routes.find((x) => x.id === id);
    if (!r) throw new Error(`${name}/procedure.yaml has no route ${id}`);
    return r;
  };
  return { skill: skill as Skill, procedure, route, problems, registry: corpus.registry };
}

/** The section of a skill by key, as Markdown. */
export const section = (s: Skill, key: string) => s.sections.find((x) => x.key === key)?.markdown ?? '';

/** Every citation id a procedure file uses: the `cite` lists and the tags inside note texts. */
export function procedureCitations(routes: Route[]): string[] {
  const ids: string[] = [];
  const fromList = (list?: string[]) => list?.forEach((c) => ids.push(c.split(',')[0]!.trim()));
  for (const r of routes) {
    fromList(r.cite);
    fromList(r.deadline?.cite);
    fromList(r.window?.opens.cite);
    fromList(r.window?.closes.cite);
    r.periods?.forEach((p) => fromList(p.cite));
    for (const n of r.notes ?? []) for (const m of n.text.matchAll(/\[([a-z0-9]+(?:-[a-z0-9]+)*)(?:,[^\]]*)?\]/g)) ids.push(m[1]!);
  }
  return ids;
}
