import { isScalar, parseDocument, visit } from 'yaml';
import type { Diagnostic, Point } from '../../diagnostics/diagnostic.js';
import { lineLocator } from '../../diagnostics/diagnostic.js';
import { RULE_FAMILY_NAMES, scanInjection, type InjectionFinding, type InjectionRule } from '../../safety/injection.js';
import type { ServedTextInput, TextRule } from '../rule.js';

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

function toDiagnostic(path: string, locate: (offset: number) => Point, f: InjectionFinding): Diagnostic {
  const start = locate(f.start);
  const end = locate(f.end);
  return {
    file: path,
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
 * The prompt-injection rules R0–R12 (SECURITY.md §3 E) over every served text, in skill context: hard findings are
 * errors, soft findings warnings, each with the rule family and what to change. The whole file is scanned as
 * written (frontmatter and comments included). In YAML and JSON, a string value written with escape sequences
 * (`\u200B`, `\x41`) is decoded by the parser and scanned again, so an escape sequence cannot smuggle what the raw
 * scan would have caught; those findings are reported at the start of the string. References pass
 * `allowDomains: REFERENCE_SOURCES`: the same link rules, with the reviewed secondary sources allowed.
 */
export const noInjection: TextRule = {
  id: 'no-injection',
  scope: 'text',
  description: 'Served text carries no prompt-injection signatures: hidden characters, directives to the assistant, tool coercion, exfiltration links, encoded or hidden payloads.',
  check(input: ServedTextInput): Diagnostic[] {
    const options = input.allowDomains ? { allowDomains: input.allowDomains } : {};
    const findings = scanInjection(input.text, { context: 'skill', ...options });
    const locate = findings.length === 0 ? undefined : lineLocator(input.text);
    const out = locate ? findings.map((f) => toDiagnostic(input.path, locate, f)) : [];
    if (input.format === 'yaml' || input.format === 'json') out.push(...scanDecodedStrings(input.path, input.text, out, options));
    return out;
  },
};

function scanDecodedStrings(path: string, text: string, already: readonly Diagnostic[], options: { allowDomains?: readonly string[] }): Diagnostic[] {
  // Without a backslash there is no escape sequence, and every value is spelled out in the raw text already.
  if (!text.includes('\\')) return [];
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: false });
  const out: Diagnostic[] = [];
  const locate = lineLocator(text);
  const seen = new Set(already.map((d) => `${d.ruleId}:${d.line}`));
  visit(doc, {
    Scalar(_key, node) {
      if (!isScalar(node) || typeof node.value !== 'string' || !node.range) return;
      const value = node.value;
      const source = text.slice(node.range[0], node.range[1]);
      if (source === value || source === `"${value}"` || source === `'${value}'`) return;
      const at = locate(node.range[0]);
      for (const f of scanInjection(value, { context: 'skill', ...options })) {
        const ruleId = `no-injection/${f.rule}`;
        if (seen.has(`${ruleId}:${at.line}`)) continue;
        seen.add(`${ruleId}:${at.line}`);
        out.push({
          file: path,
          line: at.line,
          column: at.column,
          severity: f.class === 'hard' ? 'error' : 'warning',
          ruleId,
          message: `${f.rule} in the decoded value of this string: ${f.message}. Write the text plainly, without escape sequences.`,
        });
      }
    },
  });
  return out;
}
