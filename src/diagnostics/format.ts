import type { Diagnostic } from './diagnostic.js';

/** One problem per line: `path:line:column severity rule message`. */
export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.column} ${d.severity} ${d.ruleId} ${d.message}`;
}

/** Counts of errors and warnings, as a closing summary line. */
export function summarize(diagnostics: readonly Diagnostic[]): { errors: number; warnings: number; text: string } {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  return { errors, warnings, text: `${plural(errors, 'error')}, ${plural(warnings, 'warning')}` };
}
