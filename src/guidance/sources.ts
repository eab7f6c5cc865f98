import * as z from 'zod';

/**
 * Every reference id the guidance library cites. Each one names a file `references/<id>.yaml`; the corpus test
 * checks that they all resolve, so a guidance answer can never cite a source the registry does not hold.
 */
export const GUIDANCE_REFERENCE_IDS = [
  'loi-1980-12-15-etrangers',
  'rd-1981-10-08-etrangers',
  'directive-2004-38-libre-circulation',
  'regulation-2016-399-schengen-borders-code',
  'ar-1974-04-18-jours-feries',
  'loi-1974-01-04-jours-feries',
  'ec-schengen-short-stay-calculator',
  'dofi-short-stay-arrival-declaration',
  'ibz-sdg-registration-reporting',
  'dofi-eu-citizens-long-stay',
  'dofi-news-eu-registration-2025',
  'dofi-students-renewal',
  'agii-annex15',
  'agii-annex3-tcn',
  'agii-annex3ter',
  'dofi-faq-administrative-fine',
  'myria-family-reunification-renewal',
  'vreemdelingenrecht-free-movement-procedure',
] as const;

/** One of {@link GUIDANCE_REFERENCE_IDS}. */
export type GuidanceReferenceId = (typeof GUIDANCE_REFERENCE_IDS)[number];

/** A citation in a guidance answer: a registry id and, where useful, the article or section (`art. 41bis`). */
export const GuidanceCitationSchema = z.object({
  id: z.string().describe('Reference id; resolve it with reference://<id>'),
  locator: z.string().optional().describe('Article or section within the reference, e.g. "art. 41bis"'),
});
export type GuidanceCitation = z.infer<typeof GuidanceCitationSchema>;

/** Builds a citation; the id type keeps the library to the ids listed in {@link GUIDANCE_REFERENCE_IDS}. */
export function cite(id: GuidanceReferenceId, locator?: string): GuidanceCitation {
  return locator === undefined ? { id } : { id, locator };
}
