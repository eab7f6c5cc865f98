/**
 * Rule family R2, role or authority markup: tags and markers that imitate instructions from the system or the
 * model's control tokens (`<IMPORTANT>`, `[INST]`, `<|im_start|>`, "### SYSTEM", "SYSTEM:"), "developer mode" and
 * similar mode switches, and "you are now …" role reassignments.
 */
import { pattern, type ScanText } from '../scan-text.js';
import { patternHits, type MessagePattern, type RuleHit } from './shared.js';

const PATTERNS: readonly MessagePattern[] = [
  pattern({ re: /<\/?\s{0,3}(?:important|system|assistant|instructions?|admin|developer|sys|prompt)\s{0,3}>/gi, message: 'a role tag such as <IMPORTANT> or <system> that imitates instructions from the system' }),
  pattern({ re: /\[\/?(?:system|inst|sys|admin|assistant)\]/gi, message: 'a role marker such as [SYSTEM] or [INST] that imitates model control markup' }),
  pattern({ re: /<\|[a-z_]{2,20}\|>/gi, message: 'a chat-template token such as <|im_start|>' }),
  pattern({ re: /^[ \t>*_#-]{0,8}#{1,6}[ \t]{0,4}(?:system|assistant)\b/gim, gate: ['system', 'assistant'], message: 'a "### SYSTEM" heading that imitates a system message' }),
  pattern({ re: /^[ \t>*_-]{0,8}(?:system|assistant|developer)[ \t]{0,3}(?:prompt[ \t]{0,3})?:/gim, gate: ['system', 'assistant', 'developer'], message: 'a line starting with "SYSTEM:" that imitates a system message' }),
  pattern({ re: /\b(?:enable|enter|activate|switch (?:to|into)|turn on|go into|you are (?:now )?in|now in)\s{1,3}(?:the\s{1,3})?(?:developer|god|jailbreak|dan|debug|admin|unrestricted) mode\b|\b(?:developer|god|jailbreak|dan|admin) mode\s{0,3}(?:enabled|activated|on)\b|\b(?:god|jailbreak|dan) mode\b/gi, gate: ['mode'], message: 'a request to switch the assistant into "developer mode" or a similar mode' }),
  pattern({ re: /\b(?:you are now|you're now|from now on you are|je bent nu|vous êtes maintenant|tu es maintenant|du bist jetzt|sie sind jetzt)\s{1,3}(?:a |an |in |the |een |de |un |une |le |la |ein |eine |der |die |im )?(?:[\p{L}-]{1,20} ){0,2}(?:ai|assistant|model|bot|chatbot|dan|jailbroken|unrestricted|unfiltered|uncensored|administrator|admin|root|mode|agent|ki|ia|assistent|modus|sans restriction|zonder beperkingen|ohne einschränkungen)\b/giu, starts: ['you', 'from', 'je', 'vous', 'tu', 'du', 'sie'], message: 'a "you are now …" role reassignment' }),
  pattern({ re: /\b(?:act|pretend|behave) as (?:if you (?:were|are) )?(?:an? )?(?:unrestricted|unfiltered|jailbroken|different|new) (?:ai|assistant|model)\b/gi, starts: ['act', 'pretend', 'behave'], message: 'a request to act as an unrestricted assistant' }),
];

/** The R2 hits of a text. */
export function findRoleMarkup(t: ScanText, hits: RuleHit[]): void {
  patternHits(t, hits, 'R2', PATTERNS);
}
