import { isScalar, parseDocument, visit } from 'yaml';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { lineLocator } from '../diagnostics/diagnostic.js';
import { scanInjection } from '../safety/index.js';
import { injectionDiagnostics } from './rules/injection.js';

/** How a served text file is written; YAML and JSON get their string values scanned after decoding too. */
export type ServedTextFormat = 'markdown' | 'text' | 'yaml' | 'json' | 'csv';

/**
 * Lints one served text file other than SKILL.md — a supporting file in a skill folder, a reference, the fact
 * vocabulary — with the same injection rules as a skill (SECURITY K11), reporting `path:line:column`. References
 * pass `allowDomains: REFERENCE_SOURCES`: the same link rules, with the reviewed secondary sources allowed.
 *
 * The raw text is scanned as written (comments included). In YAML and JSON, a string value written with escape
 * sequences (`\u200B`, `\x41`) is decoded by the parser and scanned again, so an escape sequence cannot smuggle what the raw scan would have caught; those findings are
 * reported at the start of the string.
 */
export function lintServedText(path: string, text: string, format: ServedTextFormat, options: { allowDomains?: readonly string[] } = {}): Diagnostic[] {
  const out = injectionDiagnostics({ path, text }, options);
  if (format === 'yaml' || format === 'json') out.push(...scanDecodedStrings(path, text, out, options));
  return out;
}

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
      for (const f of scanInjection(value, { context: 'skill', ...(options.allowDomains ? { allowDomains: options.allowDomains } : {}) })) {
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
