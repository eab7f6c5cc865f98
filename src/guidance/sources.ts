import * as z from 'zod';

/**
 * Reference ids the calculators cite for their own rules: the public-holiday law behind working days, and the
 * Schengen Borders Code behind 90 days in any 180. Procedure rules are cited by the procedure files, never here.
 * Each id names a file `references/<id>.yaml`; a test checks that they all resolve.
 */
export const CALCULATOR_REFERENCE_IDS = [
  'ar-1974-04-18-jours-feries',
  'loi-1974-01-04-jours-feries',
  'regulation-2016-399-schengen-borders-code',
  'ec-schengen-short-stay-calculator',
] as const;

/** One of {@link CALCULATOR_REFERENCE_IDS}. */
export type CalculatorReferenceId = (typeof CALCULATOR_REFERENCE_IDS)[number];

/** A citation in a guidance answer: a registry id and, where useful, the article or section (`art. 41bis`). */
export const GuidanceCitationSchema = z.object({
  id: z.string().describe('Reference id; resolve it with reference://<id>'),
  locator: z.string().optional().describe('Article or section within the reference, e.g. "art. 41bis"'),
});
export type GuidanceCitation = z.infer<typeof GuidanceCitationSchema>;

/** Builds a calculator citation; the id type keeps the calculators to {@link CALCULATOR_REFERENCE_IDS}. */
export function cite(id: CalculatorReferenceId, locator?: string): GuidanceCitation {
  return locator === undefined ? { id } : { id, locator };
}
