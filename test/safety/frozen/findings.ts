/**
 * What an injection scan reports: the rule families of SECURITY.md §3 E, a finding with its class and span, the
 * scan context, and the decision drawn from findings.
 */
import * as z from 'zod';

/** Rule family identifiers, SECURITY.md §3 E. */
export const InjectionRuleSchema = z.enum(['R0', 'R1', 'R2', 'R3', 'R4', 'R5', 'R6', 'R7', 'R8', 'R9', 'R10', 'R11', 'R12']);
export type InjectionRule = z.infer<typeof InjectionRuleSchema>;

/** One injection finding; `start`/`end` are offsets into the text that was scanned, as given by the caller. */
export const InjectionFindingSchema = z.object({
  rule: InjectionRuleSchema,
  class: z.enum(['hard', 'soft']),
  start: z.number().int().min(0),
  end: z.number().int().min(0),
  message: z.string(),
});
export type InjectionFinding = z.infer<typeof InjectionFindingSchema>;

/** Where the text comes from: a skill (trusted by assistants, strictest) or a submitted observation. */
export const ScanContextSchema = z.enum(['skill', 'observation']);
export type ScanContext = z.infer<typeof ScanContextSchema>;

/** The decision on one text. */
export const InjectionDecisionSchema = z.enum(['pass', 'review', 'reject']);
export type InjectionDecision = z.infer<typeof InjectionDecisionSchema>;

/** The result of an assessment: every finding plus the decision drawn from them. */
export const InjectionAssessmentSchema = z.object({
  findings: z.array(InjectionFindingSchema),
  decision: InjectionDecisionSchema,
});
export type InjectionAssessment = z.infer<typeof InjectionAssessmentSchema>;

/** Short names of the rule families, for messages and reports. */
export const RULE_FAMILY_NAMES: Readonly<Record<InjectionRule, string>> = {
  R0: 'hidden characters',
  R1: 'instruction override',
  R2: 'role or authority markup',
  R3: 'message addressed to the assistant',
  R4: 'tool-call coercion',
  R5: 'exfiltration link or image',
  R6: 'secret or personal-data target',
  R7: 'encoded payload',
  R8: 'hidden markup',
  R9: 'spam contact handle',
  R10: 'runtime download or execution',
  R11: 'exfiltration written as prose',
  R12: 'directive to future readers',
};

/**
 * At most this many findings are reported per rule family. One is enough to decide; the cap keeps a hostile
 * megabyte of zero-width characters from producing half a million findings.
 */
export const MAX_FINDINGS_PER_RULE = 200;
