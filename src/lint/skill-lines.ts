import type { Skill } from '../skill/schema.js';

/** 1-based line of the first frontmatter line setting `key` (`name:`, `version:` …) in a skill's SKILL.md, or 1. */
export function lineOfKey(skill: Skill, key: string): number {
  const lines = new TextDecoder().decode(skill.files[0]!.bytes).split('\n');
  const pattern = new RegExp(`^\\s*${key}\\s*:`);
  const i = lines.findIndex((l) => pattern.test(l));
  return i >= 0 ? i + 1 : 1;
}
