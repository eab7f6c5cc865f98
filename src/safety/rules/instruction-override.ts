/**
 * Rule family R1, instruction override, in English, Dutch, French and German, in three forms:
 *
 * - "ignore / forget / disregard (all) (previous) instructions", built as verb × adjective × object (the
 *   rebuff-style generator) over word tokens, with OWASP's fuzzy typoglycemia check on long words. A phrase counts
 *   only when it carries a signal that it targets earlier instructions (an adjective such as "previous" / "alle" /
 *   "précédentes", or an object such as "prompt"), so civic sentences like "the commune will ignore incomplete
 *   files" or "vergeet uw paspoort niet" pass;
 * - "forget the above" / "vergeet het bovenstaande" / "oubliez ce qui précède" / "vergiss das Obige": an override
 *   that names no instructions, only the text before it;
 * - "ignore everything above" and "your new instructions are:".
 */
import { FuzzyLexicon } from '../fuzzy.js';
import { keywords, pattern, type ScanText } from '../scan-text.js';
import { alternation, MAX_HITS, type MessagePattern, type RuleHit } from './shared.js';

/** A span of normalised text matched by the override rule. */
export interface OverrideMatch {
  start: number;
  end: number;
  phrase: string;
}

const VERBS = new FuzzyLexicon([
  // EN
  'ignore', 'disregard', 'forget', 'skip', 'override', 'bypass', 'neglect', 'overlook', 'discard', 'abandon',
  // NL
  'negeer', 'negeren', 'vergeet', 'vergeten', 'passeer',
  // FR
  'ignorez', 'ignorer', 'ignores', 'oublie', 'oubliez', 'oublier', 'oublies', 'contournez',
  // DE
  'ignoriere', 'ignorieren', 'ignorier', 'vergiss', 'missachte', 'missachten', 'übergehe', 'umgehe',
]);

/** Verbs that override only when negated: "do not follow", "ne suivez pas", "befolge … nicht". */
const FOLLOW_VERBS = new FuzzyLexicon(['follow', 'obey', 'following', 'suivez', 'suivre', 'suis', 'respectez', 'befolge', 'befolgen', 'volg', 'volgen']);
/** Lower-case ASCII code of the first letter of every verb and following verb. */
const VERB_INITIALS = new Uint8Array(128);
for (const w of [...VERBS.words(), ...FOLLOW_VERBS.words()]) if (w.charCodeAt(0) < 0x80) VERB_INITIALS[w.charCodeAt(0)] = 1;
const NEGATIONS = new Set(['not', 't', 'stop', 'longer', 'never', 'ne', 'pas', 'plus', 'nicht', 'niet', 'nie', 'niemals', 'meer']);

const STRONG_FILLERS = new FuzzyLexicon([
  'all', 'previous', 'prior', 'above', 'earlier', 'preceding', 'former', 'original', 'your', 'any', 'system',
  'safety', 'developer', 'initial', 'existing', 'those', 'other',
  'alle', 'vorige', 'eerdere', 'bovenstaande', 'voorgaande', 'oorspronkelijke', 'je', 'jouw', 'uw', 'systeem', 'oude',
  'toutes', 'tous', 'précédentes', 'précédents', 'précédente', 'antérieures', 'vos', 'tes', 'ton', 'votre', 'anciennes', 'système',
  'vorherigen', 'bisherigen', 'obigen', 'vorigen', 'früheren', 'deine', 'ursprünglichen', 'alten', 'sämtliche', 'ihre',
]);
const WEAK_FILLERS = new Set([
  'the', 'of', 'my', 'these', 'every', 'given', 'current', 'de', 'het', 'deze', 'al', 'les', 'la', 'le', 'des',
  'mes', 'ces', 'die', 'der', 'den', 'dem', 'diese', 'und', 'and', 'et', 'en', 'or', 'ou', 'oder', 'of',
]);
const OBJECTS = new FuzzyLexicon([
  'instructions', 'instruction', 'rules', 'prompts', 'prompt', 'context', 'directions', 'directives', 'guidelines',
  'commands', 'constraints', 'restrictions', 'guardrails', 'messages', 'guidance',
  'instructies', 'instructie', 'opdrachten', 'opdracht', 'regels', 'richtlijnen', 'aanwijzingen', 'berichten',
  'consignes', 'règles', 'ordres', 'indications', 'contexte',
  'anweisungen', 'anweisung', 'regeln', 'instruktionen', 'vorgaben', 'befehle', 'richtlinien', 'anordnungen',
  'kontext', 'nachrichten', 'hinweise',
]);
const STRONG_OBJECTS = new Set(['prompt', 'prompts', 'guardrails']);
const POST_ADJECTIVES = new FuzzyLexicon([
  'précédentes', 'précédents', 'précédente', 'antérieures', 'ci', 'dessus', 'hierboven', 'hiervoor', 'above',
  'earlier', 'before', 'vorher', 'oben', 'zuvor',
]);

// Word tokens are runs of letters and digits (\p{L}, \p{N}) of at most 60 code points, read by hand: a regex with
// Unicode property classes costs a third of a millisecond per 20 KB, run once per text.
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const BMP_CLASS = new Uint8Array(0x10000);
function isLetterOrDigit(cp: number): boolean {
  if (cp < 0x80) return (cp >= 0x61 && cp <= 0x7a) || (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x30 && cp <= 0x39);
  if (cp > 0xffff) return LETTER_OR_DIGIT.test(String.fromCodePoint(cp));
  let c = BMP_CLASS[cp]!;
  if (c === 0) BMP_CLASS[cp] = c = LETTER_OR_DIGIT.test(String.fromCharCode(cp)) ? 1 : 2;
  return c === 1;
}

/** 1 for an ASCII letter or digit, by code unit below 128. */
const ASCII_ALNUM = new Uint8Array(128);
for (let c = 0; c < 128; c++) ASCII_ALNUM[c] = isLetterOrDigit(c) ? 1 : 0;

/** End of the token (at most 60 code points) starting at `i`, a letter or digit. */
function tokenEnd(text: string, i: number): number {
  for (let count = 0; i < text.length && count < 60; count++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      if (ASCII_ALNUM[c] === 0) break;
      i++;
      continue;
    }
    const cp = text.codePointAt(i)!;
    if (!isLetterOrDigit(cp)) break;
    i += cp > 0xffff ? 2 : 1;
  }
  return i;
}

/** Start of the next token at or after `pos`, or -1 (its end is {@link tokenEnd} of the start). */
function nextTokenStart(text: string, pos: number): number {
  for (let i = pos; i < text.length; ) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      if (ASCII_ALNUM[c] === 1) return i;
      i++;
      continue;
    }
    const cp = text.codePointAt(i)!;
    if (isLetterOrDigit(cp)) return i;
    i += cp > 0xffff ? 2 : 1;
  }
  return -1;
}

/** Longest token that can match a verb (the longest verb plus one insertion). */
const MAX_VERB_TOKEN = Math.max(...[...VERBS.words(), ...FOLLOW_VERBS.words()].map((w) => w.length)) + 1;
/**
 * The shapes of the verbs and following verbs: (length, first unit, second or last unit), at every length a token
 * matching the verb can have. A token matches a word exactly, or (both five units or more, same first unit) as a
 * typoglycemia variant (same length and last unit) or at one edit: an edit at the second unit or earlier leaves
 * the last unit, one later leaves the second. So a token with neither shape matches no verb. Kept as bit sets:
 * for (length, second-or-last, first unit below 128), bit `unit % 32` is set for the second or last unit of every
 * verb of that shape (a set bit may stand for several units, which only costs a lookup).
 */
const VERB_SHAPES = new Uint32Array((MAX_VERB_TOKEN + 1) * 2 * 128);
for (const w of [...VERBS.words(), ...FOLLOW_VERBS.words()]) {
  const first = w.charCodeAt(0);
  // A verb starting outside ASCII is found by the lookup every such token gets.
  if (first >= 0x80) continue;
  const lengths = w.length >= 5 ? [w.length - 1, w.length, w.length + 1].filter((n) => n >= 5) : [w.length];
  for (const n of lengths) {
    VERB_SHAPES[((n * 2) * 128) + first]! |= 1 << (w.charCodeAt(1) & 31);
    VERB_SHAPES[((n * 2 + 1) * 128) + first]! |= 1 << (w.charCodeAt(w.length - 1) & 31);
  }
}

/** False when the lower-cased token `lower.slice(start, end)` can match no verb or following verb. */
function mayBeVerb(lower: string, start: number, end: number): boolean {
  const n = end - start;
  if (n > MAX_VERB_TOKEN) return false;
  const first = lower.charCodeAt(start);
  if (first >= 0x80) return true;
  return ((VERB_SHAPES[n * 256 + first]! >>> (lower.charCodeAt(start + 1) & 31)) & 1) === 1 || ((VERB_SHAPES[n * 256 + 128 + first]! >>> (lower.charCodeAt(end - 1) & 31)) & 1) === 1;
}

type Role = { verb: boolean; follow: boolean; strong: boolean; weak: boolean; neg: boolean; object: string | undefined; post: boolean };

const ROLE_CACHE = new Map<string, Role>();
const NONE: Role = { verb: false, follow: false, strong: false, weak: false, neg: false, object: undefined, post: false };

function role(w: string): Role {
  let r = ROLE_CACHE.get(w);
  if (!r) {
    r = {
      verb: VERBS.match(w) !== undefined,
      follow: FOLLOW_VERBS.match(w) !== undefined,
      strong: STRONG_FILLERS.match(w) !== undefined,
      weak: WEAK_FILLERS.has(w),
      neg: NEGATIONS.has(w),
      object: OBJECTS.match(w),
      post: POST_ADJECTIVES.match(w) !== undefined,
    };
    const interesting = r.verb || r.follow || r.strong || r.weak || r.neg || r.object !== undefined || r.post;
    if (!interesting) r = NONE;
    // Bound the cache: adversarial input can hold millions of distinct tokens.
    if (ROLE_CACHE.size > 50_000) ROLE_CACHE.clear();
    ROLE_CACHE.set(w, r);
  }
  return r;
}

/** The next word token starting at most 4 separator characters after `pos`, or undefined. */
function tokenAt(text: string, pos: number): { w: string; start: number; end: number } | undefined {
  let i = pos;
  for (let k = 0; k < 4 && i < text.length; k++) {
    const cp = text.codePointAt(i)!;
    if (isLetterOrDigit(cp)) break;
    i += cp > 0xffff ? 2 : 1;
  }
  if (i >= text.length || !isLetterOrDigit(text.codePointAt(i)!)) return undefined;
  const end = tokenEnd(text, i);
  return { w: text.slice(i, end).toLowerCase(), start: i, end };
}

/**
 * Finds override phrases in already-normalised text. `lowered` is `text.toLowerCase()` when the caller has it.
 */
export function findOverrides(text: string, lowered?: string): OverrideMatch[] {
  const out: OverrideMatch[] = [];
  const lower = lowered ?? text.toLowerCase();
  // Where lower-casing keeps every offset, a token's lower-cased form is the same slice of `lower` (up to the final
  // sigma, which matches no word of the lexicons either way).
  const aligned = lower.length === text.length;
  // The two tokens before the current one, as ranges (read only when a following verb needs its negation). Plain
  // numbers, not a tuple per token: this loop visits every word of every served text.
  let prev1Start = 0;
  let prev1End = 0;
  let prev2Start = 0;
  let prev2End = 0;
  const word = (from: number, to: number) => text.slice(from, to).toLowerCase();
  let resume = 0;
  for (let start = nextTokenStart(text, 0); start >= 0; start = nextTokenStart(text, resume)) {
    const end = tokenEnd(text, start);
    resume = end;
    let isVerb = false;
    // Every verb has at least four letters (fuzzy matches at least five) and a match keeps the first letter:
    // shorter tokens, and tokens whose first ASCII letter starts no verb, need no lookup.
    const first = text.charCodeAt(start);
    if (end - start > 3 && (first >= 0x80 || VERB_INITIALS[first | 0x20] === 1) && (!aligned || mayBeVerb(lower, start, end))) {
      const r = role(aligned ? lower.slice(start, end) : word(start, end));
      isVerb = r.verb;
      if (!isVerb && r.follow) {
        // A following verb counts only when negated ("do not follow", "ne suivez pas", "befolge … nicht").
        if (NEGATIONS.has(word(prev1Start, prev1End)) || NEGATIONS.has(word(prev2Start, prev2End))) isVerb = true;
        const next = tokenAt(text, resume);
        if (next && (next.w === 'pas' || next.w === 'nicht' || next.w === 'niet')) isVerb = true;
      }
    }
    prev2Start = prev1Start;
    prev2End = prev1End;
    prev1Start = start;
    prev1End = end;
    if (!isVerb) continue;
    let strong = false;
    let pos = resume;
    let fillers = 0;
    let obj: { w: string; start: number; end: number } | undefined;
    while (fillers <= 5) {
      const tok = tokenAt(text, pos);
      if (!tok) break;
      const rr = role(tok.w);
      if (rr.object !== undefined) {
        obj = tok;
        break;
      }
      if (fillers === 5) break;
      if (rr.strong) strong = true;
      else if (!rr.weak && !rr.neg) break;
      fillers++;
      pos = tok.end;
    }
    if (!obj) continue;
    const objWord = role(obj.w).object as string;
    let matchEnd = obj.end;
    const after = tokenAt(text, obj.end);
    if (after && after.start - obj.end <= 3 && role(after.w).post) {
      strong = true;
      matchEnd = after.end;
    }
    if (!strong && !STRONG_OBJECTS.has(objWord)) continue;
    out.push({ start, end: matchEnd, phrase: text.slice(start, matchEnd) });
    resume = matchEnd;
    prev1Start = prev1End = prev2Start = prev2End = 0;
  }
  return out;
}

/** True when the text contains a ROT13-encoded override verb (cheap gate before decoding the whole text). */
export function mayContainRot13Override(t: ScanText): boolean {
  return t.has(ROT13_VERBS) && ROT13_VERB_RE.test(t.text);
}

function rot13Word(w: string): string {
  return w.replace(/[a-z]/g, (c) => String.fromCharCode(((c.charCodeAt(0) - 97 + 13) % 26) + 97));
}

const ROT13_VERBS = keywords(['ignore', 'disregard', 'forget', 'override', 'bypass', 'negeer', 'vergeet', 'ignorez', 'oubliez', 'oublie', 'ignoriere', 'vergiss', 'follow'].map(rot13Word));
const ROT13_VERB_RE = new RegExp(`(?<![a-z])(?:${ROT13_VERBS.join('|')})(?![a-z])`, 'i');

const L = '[\\p{L}\\p{N}]';
const W0 = `(?<!${L})`;
const W1 = `(?!${L})`;

const ABOVE_RE = new RegExp(
  alternation([
    // EN
    `${W0}(?:forget|ignore|disregard|skip|drop|discard) (?:all (?:of )?|everything )?(?:the |what(?:'s| is| was)? )?(?:above|preceding|foregoing|(?:said|written|stated) above|came before)${W1}`,
    `${W0}(?:forget|ignore|disregard|discard) (?:all |everything in )?the (?:previous|earlier|prior) (?:section|text|part|paragraph|content)s?${W1}`,
    // NL
    `${W0}(?:vergeet|negeer) (?:al |alles |ook )?(?:het |wat )?(?:bovenstaande|voorgaande|hierboven staat|hiervoor staat|hiervoor stond|hierboven stond)${W1}`,
    // FR
    `${W0}(?:oubliez|oublie|ignorez|ignore) (?:tout )?(?:ce qui (?:précède|est écrit ci-dessus|a été dit|est au-dessus)|le texte (?:précédent|ci-dessus))${W1}`,
    // DE
    `${W0}(?:vergiss|vergessen sie|ignoriere|ignorieren sie|missachte) (?:alles )?(?:das )?(?:obige|vorherige|vorige|bisherige|was oben steht|oben gesagte|vorangehende)${W1}`,
  ]),
  'giu',
);

/** Override phrases that point back at the text before them. */
const ABOVE = pattern({
  re: ABOVE_RE,
  starts: ['forget', 'ignore', 'ignori', 'disregard', 'skip', 'drop', 'discard', 'vergeet', 'negeer', 'oublie', 'vergiss', 'vergessen', 'missachte'],
});

const IGNORE_EVERYTHING: MessagePattern = pattern({
  re: /\b(?:ignore|disregard|forget|negeer|vergeet|oubliez|oublie|ignorez|vergiss|ignoriere) (?:everything|all|anything|alles|tout|alles) (?:above|before|said|you were told|you have been told|hierboven|hiervoor|ci-dessus|précédemment|oben|vorher|davor)\b/giu,
  starts: ['ignore', 'ignori', 'disregard', 'forget', 'negeer', 'vergeet', 'oublie', 'vergiss'],
  message: 'an instruction override telling the assistant to forget what came before',
});

const NEW_INSTRUCTIONS: MessagePattern = pattern({
  re: /\b(?:your|je|jouw|vos|tes|deine|ihre) (?:new|real|true|actual|nieuwe|echte|nouvelles|vraies|neuen|wahren) (?:instructions|task|role|goal|instructies|taak|opdracht|consignes|tâche|anweisungen|aufgabe)\b(?: (?:are|is|zijn|is|sont|est|sind|ist))?\s{0,2}:/giu,
  starts: ['your', 'je', 'jouw', 'vos', 'tes', 'deine', 'ihre'],
  gate: [':'],
  message: 'a replacement instruction block ("your new instructions are:")',
});

/** The R1 hits of a text, in the order the scanner caps them: token phrases, the two regexes, "the above". */
export function findInstructionOverrides(t: ScanText): RuleHit[] {
  const hits: RuleHit[] = findOverrides(t.text, t.lower()).map((o) => ({ rule: 'R1', start: o.start, end: o.end, message: `an instruction override ("${o.phrase.slice(0, 60)}") telling the assistant to drop its instructions` }));
  for (const p of [IGNORE_EVERYTHING, NEW_INSTRUCTIONS]) t.each(p, (m) => void hits.push({ rule: 'R1', start: m.index, end: m.index + m[0].length, message: p.message }));
  t.each(ABOVE, (m) => void hits.push({ rule: 'R1', start: m.index, end: m.index + m[0].length, message: `an instruction override ("${m[0].slice(0, 60)}") telling the assistant to drop the text before it` }), MAX_HITS);
  return hits;
}
