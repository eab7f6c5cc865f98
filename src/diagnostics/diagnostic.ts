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

/**
 * Returns a function mapping 0-based offsets in `text` to 1-based lines and columns. Line starts are indexed once,
 * so locating every citation of a large file stays linear.
 */
export function lineLocator(text: string): (offset: number) => Point {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    const at = Math.min(Math.max(offset, 0), text.length);
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= at) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: at - starts[lo]! + 1, offset: at };
  };
}

/** Converts a 0-based offset into a 1-based line and column over `text` (for one-off lookups). */
export function pointAt(text: string, offset: number): Point {
  return lineLocator(text)(offset);
}
