/** Texts the safety scanners are pinned against: every string of the safety fixtures, and the shipped skills. */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fixtures, repoRoot } from './paths.js';

/** Every string, at any depth, in the attack, benign and category fixtures of `test/fixtures/safety/`. */
export function safetyFixtureStrings(): string[] {
  const strings: string[] = [];
  const collect = (v: unknown): void => {
    if (typeof v === 'string') strings.push(v);
    else if (Array.isArray(v)) v.forEach(collect);
    else if (v && typeof v === 'object') Object.values(v).forEach(collect);
  };
  for (const f of ['adversarial', 'benign', 'categories']) collect(JSON.parse(readFileSync(resolve(fixtures, 'safety', `${f}.json`), 'utf8')));
  return strings;
}

/** The text of every shipped `skills/<name>/SKILL.md`. */
export function shippedSkillTexts(): string[] {
  return readdirSync(join(repoRoot, 'skills')).map((n) => readFileSync(join(repoRoot, 'skills', n, 'SKILL.md'), 'utf8'));
}
