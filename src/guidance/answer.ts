import * as z from 'zod';
import { GuidanceCitationSchema } from './sources.js';

/**
 * The answer of `find_procedure`, as a zod schema: the engine's return type and the tool's output schema are both
 * derived from it, so they cannot drift apart.
 */

const citations = z.array(GuidanceCitationSchema);

export const ProcedureDeadlineSchema = z.object({
  date: z.string().describe('Last day, YYYY-MM-DD'),
  rule: z.string().describe('The rule that gives the date'),
  safe_date: z.string().optional().describe('An earlier date that is safe under every reading (Saturday convention, office closed on the last day)'),
  citations,
});
export type ProcedureDeadline = z.infer<typeof ProcedureDeadlineSchema>;

export const ProcedureWindowSchema = z.object({ opens: z.string(), closes: z.string(), citations });
export type ProcedureWindow = z.infer<typeof ProcedureWindowSchema>;

export const ProcedureSchema = z.object({
  skill: z.string().describe('Skill that walks this procedure'),
  uri: z.string().describe('skill://<skill>/SKILL.md'),
  title: z.string(),
  document: z.string().describe('The document the commune issues or the form involved'),
  why: z.string(),
  deadline: ProcedureDeadlineSchema.optional(),
  window: ProcedureWindowSchema.optional(),
  dates: z.record(z.string(), z.string()).optional().describe('Further dates of this procedure, by name'),
  citations,
});
export type Procedure = z.infer<typeof ProcedureSchema>;

export const QuestionSchema = z.object({ en: z.string(), nl: z.string(), fr: z.string(), de: z.string() });

export const NeedSchema = z.object({
  fact: z.string().describe('Input name of the missing fact'),
  question: z.string().describe('The question to ask, in English'),
  questions: QuestionSchema.describe('The same question in English, Dutch, French and German'),
});
export type Need = z.infer<typeof NeedSchema>;

export const ExemptionSchema = z.object({ reason: z.string(), skill: z.string().optional(), citations });

export const NationalitySchema = z.object({ code: z.string(), group: z.string(), regime: z.string() });

export const ProcedureAnswerSchema = z.object({
  nationality: NationalitySchema.optional(),
  procedures: z.array(ProcedureSchema),
  exempt: ExemptionSchema.optional().describe('Why no procedure is needed: the first of `exemptions`'),
  exemptions: z.array(ExemptionSchema).describe('Every procedure the person is exempt from, with the reason'),
  out_of_scope: z.object({ reason: z.string(), skill: z.string(), uri: z.string(), citations }).optional().describe('Not a commune matter; the skill says where to go'),
  needs: z.array(NeedSchema).describe('Facts that would make the answer more precise, with the question to ask'),
  notes: z.array(z.string()).describe('Contested or practical points, citing as [id, locator]'),
});
export type ProcedureAnswer = z.infer<typeof ProcedureAnswerSchema>;
