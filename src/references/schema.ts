import * as z from 'zod';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected an ISO date YYYY-MM-DD').refine(
  (s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
  'not a real calendar date',
);

/** Kinds of source a reference can be (SPEC §3). */
export const ReferenceKindSchema = z.enum([
  'statute',
  'royal-decree',
  'ministerial-decree',
  'eu-directive',
  'eu-regulation',
  'treaty',
  'case-law',
  'official-guidance',
  'commune-page',
  'secondary',
]);

/** One `references/<id>.yaml` file, as written by an author (the id is the file name). */
export const ReferenceFileSchema = z.strictObject({
  title: z.string().min(1),
  short_title: z.string().min(1).optional(),
  kind: ReferenceKindSchema,
  issuer: z.string().min(1),
  url: z.url({ protocol: /^https$/, error: 'expected an https:// URL' }),
  numac: z.string().regex(/^\d{10}$/, 'a NUMAC has 10 digits').optional(),
  eli: z.string().min(1).optional(),
  celex: z.string().regex(/^[0-9A-Z()]+$/, 'a CELEX number is digits, capitals and parentheses').optional(),
  ecli: z.string().regex(/^ECLI:[A-Z]{2}:[A-Z0-9]+:\d{4}:[A-Z0-9.]+$/, 'expected ECLI:CC:COURT:YEAR:NUMBER').optional(),
  languages: z.array(z.string().regex(/^[a-z]{2,3}$/, 'a language is an ISO 639 code like fr or nl')).min(1),
  consolidated_to: isoDate.optional(),
  checked: isoDate,
  notes: z.string().optional(),
});
export type ReferenceFile = z.infer<typeof ReferenceFileSchema>;

/** A loaded reference: the file's fields plus its id. */
export const ReferenceSchema = ReferenceFileSchema.extend({ id: z.string() });
export type Reference = z.infer<typeof ReferenceSchema>;

/** Reference ids are kebab-case file names. */
export const REFERENCE_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export { isoDate as IsoDateSchema };
