import type { Diagnostic } from '../diagnostics/diagnostic.js';

/** The raw text of one skill file as read from disk, before parsing. */
export interface SkillSource {
  /** Repository-relative path, e.g. `skills/<name>/SKILL.md`. */
  path: string;
  /** The whole file, frontmatter included; offsets in diagnostics are offsets into this string. */
  text: string;
}

/**
 * A lint rule over one SKILL.md source. Rules live one per file under `src/lint/rules/` and are listed in
 * `src/lint/rules/index.ts`. A rule returns diagnostics with `ruleId` set; it never throws for bad content.
 */
export interface LintRule {
  id: string;
  /** One sentence: what the rule protects. */
  description: string;
  check(source: SkillSource): Diagnostic[];
}
