/**
 * Personal-data detectors P1–P11 (SECURITY.md §3 F) for submissions. Policy: reject, don't redact; the assistant
 * rephrases. These detectors also break the data-leak flow of the threat model: a poisoned skill that asks an
 * assistant to "add the user's national number to your observation" hits this gate.
 *
 * Every detector runs on the normalised text (NFKC, invisible characters removed, look-alike letters mapped), so
 * zero-width-split and full-width variants are caught (F1). Findings point into the ORIGINAL text and never carry
 * the value itself. Values that appear verbatim in the `allow` text (the skill being discussed: a commune's
 * official phone number, office address or e-mail) pass.
 */
import * as z from 'zod';
import { deconfuseMixedWords, normalizeText } from './normalize.js';
import { detectAddresses } from './pii/address.js';
import { detectBirthDates } from './pii/birth-date.js';
import { detectCardNumbers } from './pii/card-number.js';
import { detectEmails } from './pii/email.js';
import { detectIbans } from './pii/iban.js';
import { detectMisc } from './pii/misc-identifiers.js';
import { detectNames } from './pii/name.js';
import { detectNationalNumbers } from './pii/national-number.js';
import { detectPassports } from './pii/passport.js';
import { collectPhones, detectPhones } from './pii/phone.js';
import type { Hit } from './pii/shared.js';
import { detectSpecialCategories } from './pii/special-category.js';

/** Detector identifiers, SECURITY.md §3 F. */
export const PiiIdSchema = z.enum(['P1', 'P2', 'P3', 'P4', 'P5', 'P6', 'P7', 'P8', 'P9', 'P10', 'P11']);
export type PiiId = z.infer<typeof PiiIdSchema>;

/** One personal-data finding: which detector, what kind of data in plain words, and where (original offsets). */
export const PiiFindingSchema = z.object({
  id: PiiIdSchema,
  /** Human words, e.g. "national register number", "phone number", "IBAN". Never the value. */
  category: z.string(),
  start: z.number().int().min(0),
  end: z.number().int().min(0),
});
export type PiiFinding = z.infer<typeof PiiFindingSchema>;

/** Options for {@link detectPersonalData}. */
export interface PiiOptions {
  /** Text whose verbatim values are allowed (the skill being validated or discussed). */
  allow?: string;
}

/** At most this many findings per detector; one is enough to reject, the cap bounds work on hostile input. */
export const MAX_FINDINGS_PER_DETECTOR = 200;

const PRIORITY: Record<PiiId, number> = { P1: 0, P2: 1, P3: 2, P10: 3, P4: 4, P5: 5, P6: 6, P7: 7, P8: 8, P9: 9, P11: 10 };

function canon(s: string): string {
  return s.toLowerCase().replace(/[\s.\-/()'’,]/g, '');
}

/**
 * Finds personal data in `text` (detectors P1–P11). Returns one finding per detected value, with offsets into
 * `text` as given and a category in plain words; never the value. Values present verbatim in `options.allow`
 * pass, except mobile numbers, dates of birth and special-category data, which are always personal.
 */
export function detectPersonalData(text: string, options: PiiOptions = {}): PiiFinding[] {
  const norm = normalizeText(text);
  const scan = deconfuseMixedWords(norm.text).text;
  const raw: Hit[] = [];
  detectNationalNumbers(scan, raw);
  detectCardNumbers(scan, raw);
  detectIbans(scan, raw);
  detectMisc(scan, raw);
  detectPhones(scan, raw);
  detectEmails(scan, raw);
  detectPassports(scan, raw);
  detectBirthDates(scan, raw);
  detectAddresses(scan, raw);
  detectNames(scan, raw);
  detectSpecialCategories(scan, raw);

  let allowCanon = '';
  const allowPhones = new Set<string>();
  if (options.allow) {
    const allowNorm = deconfuseMixedWords(normalizeText(options.allow).text).text;
    allowCanon = canon(allowNorm);
    for (const p of collectPhones(allowNorm)) allowPhones.add(p.e164);
  }
  const allowed = (h: Hit): boolean => {
    if (!options.allow) return false;
    if (h.e164 !== undefined) return allowPhones.has(h.e164);
    if (h.allowKey === undefined) return false;
    const k = canon(h.allowKey);
    return k.length > 0 && allowCanon.includes(k);
  };

  raw.sort((a, b) => PRIORITY[a.id] - PRIORITY[b.id] || a.start - b.start);
  // Per character: which detectors already claimed it (any hit) and which reported it (kept hits), as bit masks.
  const claimedMask = new Uint16Array(scan.length + 1);
  const keptMask = new Uint16Array(scan.length + 1);
  const kept: Hit[] = [];
  const perId = new Map<PiiId, number>();
  for (const h of raw) {
    if ((perId.get(h.id) ?? 0) >= MAX_FINDINGS_PER_DETECTOR) continue;
    const bit = 1 << PRIORITY[h.id];
    let clash = false;
    for (let i = h.start; i < h.end && !clash; i++) {
      // A span already explained by a stronger identifier detector (or allowed) is not reported twice.
      if (bit & NUMERIC_BITS && (claimedMask[i] as number) & NUMERIC_BITS & ~bit) clash = true;
      if ((keptMask[i] as number) & bit) clash = true;
    }
    if (clash) continue;
    for (let i = h.start; i < h.end; i++) claimedMask[i] = (claimedMask[i] as number) | bit;
    if (allowed(h)) continue;
    for (let i = h.start; i < h.end; i++) keptMask[i] = (keptMask[i] as number) | bit;
    perId.set(h.id, (perId.get(h.id) ?? 0) + 1);
    kept.push(h);
  }
  return kept
    .map((h) => {
      const span = norm.toOriginal(h.start, h.end);
      return { id: h.id, category: h.category, start: span.start, end: span.end };
    })
    .sort((a, b) => a.start - b.start || a.end - b.end);
}

/** Identifier detectors claim their digits; context detectors (address, name, special categories) may overlap. */
const NUMERIC_BITS = (['P1', 'P2', 'P3', 'P4', 'P10'] as const).reduce((m, id) => m | (1 << PRIORITY[id]), 0);
