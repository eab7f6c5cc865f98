/**
 * Prompt-injection rules R0–R12 (SECURITY.md §3 E) for skills and observations. Skills are text that assistants
 * trust; observations are text from anonymous assistants that later assistants may read. Both pass through here.
 *
 * Pipeline: normalise (NFKC, invisible characters out and reported as R0) → confusable skeleton for mixed-script
 * words → the rule families of `rules/` on the normalised text, all reading one {@link ScanText} → encoded blocks
 * decoded and rescanned (R7). Every finding carries a span in the ORIGINAL text. Hard findings reject on one hit;
 * soft findings need a second soft family (or the submitter's injection flag) before a text is sent to human review.
 */
import { CALLBACK_HOSTS, OFFICIAL_DOMAINS } from './domains.js';
import {
  MAX_FINDINGS_PER_RULE,
  type InjectionAssessment,
  type InjectionDecision,
  type InjectionFinding,
  type InjectionRule,
  type ScanContext,
} from './findings.js';
import { deconfuseMixedWords, normalizeText } from './normalize.js';
import { findAssistantAddress } from './rules/assistant-address.js';
import { findContactSpam } from './rules/contact-spam.js';
import { findEncodedPayloads } from './rules/encoded-payloads.js';
import { findExfiltrationLinks, findHomographLinks } from './rules/exfiltration-links.js';
import { findExfiltrationProse } from './rules/exfiltration-prose.js';
import { hiddenCharacterFindings } from './rules/hidden-characters.js';
import { findCollapsedDirectives, findHiddenMarkup } from './rules/hidden-markup.js';
import { findInstructionOverrides } from './rules/instruction-override.js';
import { findReaderDirectives } from './rules/reader-directive.js';
import { findRoleMarkup } from './rules/role-markup.js';
import { findRuntimeFetch } from './rules/runtime-fetch.js';
import { findSecretTargets } from './rules/secret-targets.js';
import type { RuleHit } from './rules/shared.js';
import { findToolCoercion } from './rules/tool-coercion.js';
import { ScanText } from './scan-text.js';

export {
  InjectionAssessmentSchema,
  InjectionDecisionSchema,
  InjectionFindingSchema,
  InjectionRuleSchema,
  MAX_FINDINGS_PER_RULE,
  RULE_FAMILY_NAMES,
  ScanContextSchema,
  type InjectionAssessment,
  type InjectionDecision,
  type InjectionFinding,
  type InjectionRule,
  type ScanContext,
} from './findings.js';

/** Options for {@link scanInjection}. */
export interface ScanOptions {
  context: ScanContext;
  /**
   * Extra hosts to treat as official for R5 / R10 (e.g. a commune domain not yet in OFFICIAL_DOMAINS); an entry
   * with a path (`host/path/`) allows links under that path only (R5).
   */
  allowDomains?: readonly string[];
}

/** Rules whose class depends on the context: hard in skills, soft in observations. */
const CONTEXT_DEPENDENT: ReadonlySet<InjectionRule> = new Set(['R4', 'R6', 'R8', 'R10', 'R11', 'R12']);

/**
 * Every family over one text, in the order their hits are capped (the first {@link MAX_FINDINGS_PER_RULE} of a
 * family count). `depth` counts how many encodings were peeled off to reach this text.
 */
function rawScan(text: string, context: ScanContext, extra: readonly string[], depth: number): RuleHit[] {
  const t = new ScanText(text);
  const hits: RuleHit[] = findInstructionOverrides(t);
  hits.push(...findReaderDirectives(t, hits.filter((h) => h.rule === 'R1')));
  findRoleMarkup(t, hits);
  findAssistantAddress(t, hits);
  findToolCoercion(t, hits);
  findExfiltrationLinks(t, hits, context, extra);
  findSecretTargets(t, hits);
  hits.push(...findExfiltrationProse(t));
  if (depth < 3) {
    const scanDecoded = (decoded: string) => (depth < 2 ? rawScan(decoded, context, extra, depth + 1).filter((h) => h.rule !== 'R7' || depth + 1 < 2) : []);
    findEncodedPayloads(t, hits, scanDecoded);
  }
  findHiddenMarkup(t, hits);
  findContactSpam(t, hits);
  findRuntimeFetch(t, hits, extra);
  hits.push(...findCollapsedDirectives(t, hits));
  return hits;
}

function classify(h: RuleHit, context: ScanContext): 'hard' | 'soft' {
  if (h.cls) return h.cls;
  if (h.rule === 'R1') return 'soft';
  if (CONTEXT_DEPENDENT.has(h.rule)) return context === 'skill' ? 'hard' : 'soft';
  return 'hard';
}

/**
 * Scans `text` for prompt-injection signatures (rule families R0–R12). Spans are offsets into `text` as given.
 * In a skill, tool coercion (R4), secret targets (R6), hidden markup (R8) and runtime fetches (R10) are hard; in
 * an observation they are soft. R1 becomes hard when R2 or R3 also hit.
 */
export function scanInjection(text: string, options: ScanOptions): InjectionFinding[] {
  const context = options.context;
  const extra = options.allowDomains ?? [];
  const norm = normalizeText(text);
  const { text: scan } = deconfuseMixedWords(norm.text);
  const hits = rawScan(scan, context, extra, 0);
  // Look-alike letters are mapped away in `scan`; a domain must be checked on the text before that mapping.
  if (scan !== norm.text) findHomographLinks(norm.text, hits, extra);
  const findings: InjectionFinding[] = hiddenCharacterFindings(text, norm.firstInvisible(MAX_FINDINGS_PER_RULE));
  const escalate = hits.some((h) => h.rule === 'R2' || h.rule === 'R3');
  const seen = new Set<string>();
  const perRule = new Map<InjectionRule, number>();
  for (const h of hits) {
    const n = perRule.get(h.rule) ?? 0;
    if (n >= MAX_FINDINGS_PER_RULE) continue;
    perRule.set(h.rule, n + 1);
    const span = norm.toOriginal(h.start, h.end);
    let cls = classify(h, context);
    if (h.rule === 'R1' && escalate) cls = 'hard';
    const key = `${h.rule}:${span.start}:${span.end}`;
    if (seen.has(key)) continue;
    seen.add(key);
    findings.push({ rule: h.rule, class: cls, start: span.start, end: span.end, message: h.message });
  }
  findings.sort((a, b) => a.start - b.start || a.end - b.end);
  return findings;
}

/** Options for {@link assessInjection}. */
export interface AssessOptions extends ScanOptions {
  /** The submitter (or another assistant) flagged this text as an injection attempt. */
  injectionFlag?: boolean;
}

/**
 * Scans and decides: any hard finding → `reject`; two or more different soft families, or one soft family plus an
 * injection flag → `review`; otherwise `pass`.
 */
export function assessInjection(text: string, options: AssessOptions): InjectionAssessment {
  const findings = scanInjection(text, options);
  return { findings, decision: decide(findings, options.injectionFlag === true) };
}

/**
 * The aggregation rule of SECURITY.md §3 E applied to a list of findings. A text addressed to future readers
 * (R12) is never passed on its own: it goes to a human even as a single soft finding.
 */
export function decide(findings: readonly InjectionFinding[], injectionFlag = false): InjectionDecision {
  if (findings.some((f) => f.class === 'hard')) return 'reject';
  if (findings.some((f) => f.rule === 'R12')) return 'review';
  const soft = new Set(findings.filter((f) => f.class === 'soft').map((f) => f.rule));
  if (soft.size >= 2 || (soft.size >= 1 && injectionFlag)) return 'review';
  return 'pass';
}

export { OFFICIAL_DOMAINS, CALLBACK_HOSTS };
