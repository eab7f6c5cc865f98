/**
 * Safety library: the one place that decides whether text is safe to serve as a skill or to store as a
 * submission. Prompt-injection rules R0–R10 and personal-data detectors P1–P11 (SECURITY.md §3 E and F).
 */
export { normalizeText, skeleton, type NormalizedText, type InvisibleHit } from './normalize.js';
export {
  scanInjection,
  assessInjection,
  decide,
  InjectionFindingSchema,
  InjectionRuleSchema,
  InjectionDecisionSchema,
  InjectionAssessmentSchema,
  ScanContextSchema,
  RULE_FAMILY_NAMES,
  type InjectionFinding,
  type InjectionRule,
  type InjectionDecision,
  type InjectionAssessment,
  type ScanContext,
  type ScanOptions,
  type AssessOptions,
} from './injection.js';
export { OFFICIAL_DOMAINS, REFERENCE_SOURCES, CALLBACK_HOSTS, isOfficialHost, isAllowedLink } from './domains.js';
export { detectPersonalData, PiiFindingSchema, PiiIdSchema, type PiiFinding, type PiiId, type PiiOptions } from './pii.js';
