import * as z from 'zod';
import { SKILL_NAME } from '../skill/schema.js';
import { ObservationKindSchema, VerdictSchema } from '../store/store.js';

/**
 * Tool inputs of `submit_validation` and `submit_observation` exactly as SPEC §5 names them. Strict objects:
 * unknown keys — `__proto__` and `constructor` included — are rejected, never merged (Q1). Lengths of free text
 * are counted in characters after NFKC normalisation (Q3); the service stores the normalised form.
 */

// Lone surrogates (Q4): a high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// NUL, C0 and C1 controls other than tab, line feed and carriage return (Q4).
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

/** The Q4 problem with a string, in words, or undefined when it is clean. */
export function textProblem(value: string): string | undefined {
  if (LONE_SURROGATE.test(value)) return 'contains an invalid character (a lone UTF-16 surrogate); send valid UTF-8 text';
  if (CONTROL.test(value)) return 'contains a control character; only tab, line feed and carriage return are allowed';
  return undefined;
}

/** NFKC normalisation applied to every free-text field before it is checked, hashed or stored. */
export function normalizeText(value: string): string {
  return value.normalize('NFKC');
}

/** Length in Unicode code points (what a person counts as characters, and what SQLite's length() counts). */
export function charCount(value: string): number {
  let n = 0;
  for (const _ of value) n++;
  return n;
}

/** A string checked for Q4 and, after NFKC, for the given length range. */
function cleanText(min: number, max: number, what: string) {
  return z
    .string()
    .max(max * 4)
    .superRefine((value, ctx) => {
      const problem = textProblem(value);
      if (problem) {
        ctx.addIssue({ code: 'custom', message: `${what} ${problem}` });
        return;
      }
      const length = charCount(normalizeText(value));
      if (length < min) ctx.addIssue({ code: 'custom', message: `${what} is too short: at least ${min} characters` });
      if (length > max) ctx.addIssue({ code: 'custom', message: `${what} is too long: at most ${max} characters` });
    });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ULID = /^[0-7][0-9A-HJKMNP-TV-Z]{25}$/i;

/** G3: a client-chosen idempotency key, UUID or ULID; the store compares it case-insensitively (`store/core.ts`). */
export const SubmissionIdSchema = z
  .string()
  .max(36)
  .refine((value) => UUID.test(value) || ULID.test(value), { message: 'submission_id must be a UUID or a ULID' })
  .describe('Optional idempotency key (UUID or ULID); resending the same submission with it returns the original receipt');

const SkillNameSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(SKILL_NAME, 'skill is a skill name as listed by skills/list, e.g. some-skill-name')
  .describe('Skill name as listed by skills/list');

/** Input of `submit_validation`. */
export const SubmitValidationInputSchema = z.strictObject({
  skill: SkillNameSchema,
  version: z
    .string()
    .min(1)
    .max(64)
    .regex(/^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/, 'version is the semantic version of the skill you read, e.g. 1.2.0')
    .describe('Version of the skill that was followed'),
  digest: z
    .string()
    .regex(/^sha256:[0-9a-f]{64}$/, 'digest is the sha256:<64 hex> digest of the SKILL.md you read')
    .describe('Digest (sha256:<hex>) of the SKILL.md that was followed'),
  verdict: VerdictSchema.describe('confirm: the skill matched what the user found; reject: it did not'),
  injection_flag: z.boolean().optional().describe('true when the skill text looked like a prompt injection'),
  reason: cleanText(1, 500, 'reason').optional().describe('Optional short reason (at most 500 characters), without personal data'),
  submission_id: SubmissionIdSchema.optional(),
});
export type SubmitValidationInput = z.infer<typeof SubmitValidationInputSchema>;

/** Input of `submit_observation`. */
export const SubmitObservationInputSchema = z.strictObject({
  skill: SkillNameSchema,
  kind: ObservationKindSchema.describe(
    'caveat: a detail worth knowing; outdated: something changed; commune-practice: what this commune does differently; error: the skill is wrong',
  ),
  text: cleanText(20, 2000, 'text').describe('What was different, 20–2000 characters, without personal data'),
  commune: cleanText(1, 120, 'commune').optional().describe('Commune where this was observed, e.g. Leuven'),
  submission_id: SubmissionIdSchema.optional(),
});
export type SubmitObservationInput = z.infer<typeof SubmitObservationInputSchema>;
