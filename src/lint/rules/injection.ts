import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { lineLocator, type Point } from '../../diagnostics/diagnostic.js';
import { RULE_FAMILY_NAMES, scanInjection, type InjectionFinding, type InjectionRule } from '../../safety/index.js';
import type { LintRule, SkillSource } from '../rule.js';

/** What a skill author should change, per rule family. */
const ADVICE: Readonly<Record<InjectionRule, string>> = {
  R0: 'Delete the invisible character; retype the text if it was pasted.',
  R1: 'Rephrase so the text describes the procedure instead of telling the assistant to drop its instructions.',
  R2: 'Remove the role markup; a skill is plain documentation, not a system message.',
  R3: 'Write for the person reading the skill; do not address the assistant or hide anything from the user.',
  R4: "Remove the tool instruction; skills describe procedures, and the server's tools are never prescribed by a skill.",
  R5: 'Remove the image or link, or cite an official source on the allow-list (ask a maintainer to add a domain).',
  R6: 'Remove the request for secrets or personal data; no procedure needs credentials or the user\'s identifiers in a submission.',
  R7: 'Write the text in plain language instead of an encoded block.',
  R8: 'Remove the hidden markup; everything in a skill must be visible to human readers.',
  R9: 'Remove the contact handle or private number; link to the official service instead.',
  R10: 'Remove the command; a skill must be self-contained and never ask to download or run anything.',
  R11: "Remove the instruction to send the user's documents or data anywhere; a skill tells the person where to bring papers, it never routes them through the assistant.",
  R12: 'Write for the person reading the skill; do not address assistants or future readers, and do not prescribe what they tell users.',
};

function toDiagnostic(source: SkillSource, locate: (offset: number) => Point, f: InjectionFinding): Diagnostic {
  const start = locate(f.start);
  const end = locate(f.end);
  return {
    file: source.path,
    line: start.line,
    column: start.column,
    endLine: end.line,
    endColumn: end.column,
    severity: f.class === 'hard' ? 'error' : 'warning',
    ruleId: `no-injection/${f.rule}`,
    message: `${f.rule} (${RULE_FAMILY_NAMES[f.rule]}): ${f.message}. ${ADVICE[f.rule]}`,
  };
}

/**
 * The injection findings of a served text as diagnostics, in skill context. `allowDomains` extends the link
 * allow-list (references may point to reviewed secondary sources, see `REFERENCE_SOURCES`).
 */
export function injectionDiagnostics(source: SkillSource, options: { allowDomains?: readonly string[] } = {}): Diagnostic[] {
  const findings = scanInjection(source.text, { context: 'skill', ...(options.allowDomains ? { allowDomains: options.allowDomains } : {}) });
  if (findings.length === 0) return [];
  const locate = lineLocator(source.text);
  return findings.map((f) => toDiagnostic(source, locate, f));
}

/**
 * Runs the prompt-injection rules R0–R12 (SECURITY.md §3 E) over a whole SKILL.md, frontmatter included, in skill
 * context: hard findings are errors, soft findings warnings, each with the rule family and what to change.
 */
export const injectionRule: LintRule = {
  id: 'no-injection',
  description: 'Skill text carries no prompt-injection signatures: hidden characters, directives to the assistant, tool coercion, exfiltration links, encoded or hidden payloads.',
  check(source: SkillSource): Diagnostic[] {
    return injectionDiagnostics(source);
  },
};
