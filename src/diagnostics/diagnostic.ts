import * as z from 'zod';

/** Severity of a corpus problem: errors fail `loket lint`, warnings do not. */
export const SeveritySchema = z.enum(['error', 'warning']);
export type Severity = z.infer<typeof SeveritySchema>;

/**
 * A problem found in a corpus file, modelled on vfile's VFileMessage: where (file, 1-based line and column),
 * which rule, and a message a skill author can act on.
 */
export const DiagnosticSchema = z.object({
  file: z.string(),
  line: z.number().int().min(1),
  column: z.number().int().min(1),
  endLine: z.number().int().min(1).optional(),
  endColumn: z.number().int().min(1).optional(),
  severity: SeveritySchema,
  ruleId: z.string(),
  message: z.string(),
});
export type Diagnostic = z.infer<typeof DiagnosticSchema>;

/** A position inside a file: 1-based line and column, 0-based offset. */
export interface Point {
  line: number;
  column: number;
  offset: number;
}

/** Converts a 0-based offset into a 1-based line and column over `text`. */
export function pointAt(text: string, offset: number): Point {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(Math.max(offset, 0), text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1, offset: end };
}
