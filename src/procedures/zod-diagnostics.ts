import type * as z from 'zod';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { pointAt } from '../diagnostics/diagnostic.js';
import type { ParsedYaml } from '../skill/frontmatter.js';

/**
 * Turns zod issues on a YAML document into diagnostics at the offending node: the path in dotted form, what was
 * found, and what is expected. Union failures report the branch that got furthest, not a list of every branch.
 */
export function zodIssueDiagnostics(issues: readonly z.core.$ZodIssue[], yaml: ParsedYaml, text: string, file: string, ruleId: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  const push = (path: readonly PropertyKey[], message: string, keyOffset?: number) => {
    const offset = keyOffset ?? yaml.offsetOf(path);
    const p = pointAt(text, offset);
    const key = `${p.line}:${p.column}:${message}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ file, line: p.line, column: p.column, severity: 'error', ruleId, message });
  };
  const visit = (issue: z.core.$ZodIssue, prefix: readonly PropertyKey[]) => {
    const path = [...prefix, ...issue.path];
    const where = path.length ? path.map((k) => (typeof k === 'number' ? `[${k}]` : `.${String(k)}`)).join('').replace(/^\./, '') : 'the file';
    if (issue.code === 'invalid_union' && 'errors' in issue && issue.errors.length > 0) {
      // The branch with the deepest issue is the one the author meant.
      const best = [...issue.errors].sort((a, b) => depth(b) - depth(a))[0]!;
      if (depth(best) > 0) {
        for (const sub of best) visit(sub, path);
        return;
      }
    }
    if (issue.code === 'unrecognized_keys') {
      for (const k of issue.keys) push([...path, k], `${where}: unexpected key \`${k}\`; check its spelling against docs/authoring.md`, yaml.keyOffsetOf([...path, k]));
      return;
    }
    if (issue.code === 'invalid_type' && issue.input === undefined) {
      push(path, `${where} is required`);
      return;
    }
    push(path, `${where}: ${issue.message}`);
  };
  for (const issue of issues) visit(issue, []);
  return out;
}

function depth(issues: readonly z.core.$ZodIssue[]): number {
  return Math.max(0, ...issues.map((i) => i.path.length + (i.code === 'invalid_type' ? 0 : 1)));
}
