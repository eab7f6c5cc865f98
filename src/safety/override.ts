/**
 * Rule family R1: "ignore / forget / disregard (all) (previous) instructions" in English, Dutch, French and
 * German, built as verb × adjective × object (the rebuff-style generator) over word tokens, with OWASP's fuzzy
 * typoglycemia check on long words. A phrase counts only when it carries a signal that it targets earlier
 * instructions (an adjective such as "previous" / "alle" / "précédentes", or an object such as "prompt"), so
 * civic sentences like "the commune will ignore incomplete files" or "vergeet uw paspoort niet" pass.
 */
import { FuzzyLexicon } from './fuzzy.js';

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

const TOKEN = /[\p{L}\p{N}]{1,60}/gu;
const TOKEN_AT = /[^\p{L}\p{N}]{0,4}([\p{L}\p{N}]{1,60})/uy;

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
  TOKEN_AT.lastIndex = pos;
  const m = TOKEN_AT.exec(text);
  if (!m) return undefined;
  const w = m[1] as string;
  const end = TOKEN_AT.lastIndex;
  return { w: w.toLowerCase(), start: end - w.length, end };
}

/** Finds override phrases in already-normalised text. */
export function findOverrides(text: string): OverrideMatch[] {
  const out: OverrideMatch[] = [];
  let prev1 = '';
  let prev2 = '';
  TOKEN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TOKEN.exec(text))) {
    const w = m[0].toLowerCase();
    const start = m.index;
    const r = role(w);
    let isVerb = r.verb;
    if (!isVerb && r.follow) {
      // A following verb counts only when negated ("do not follow", "ne suivez pas", "befolge … nicht").
      if (NEGATIONS.has(prev1) || NEGATIONS.has(prev2)) isVerb = true;
      const next = tokenAt(text, TOKEN.lastIndex);
      if (next && (next.w === 'pas' || next.w === 'nicht' || next.w === 'niet')) isVerb = true;
    }
    prev2 = prev1;
    prev1 = w;
    if (!isVerb) continue;
    let strong = false;
    let pos = TOKEN.lastIndex;
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
    let end = obj.end;
    const after = tokenAt(text, obj.end);
    if (after && after.start - obj.end <= 3 && role(after.w).post) {
      strong = true;
      end = after.end;
    }
    if (!strong && !STRONG_OBJECTS.has(objWord)) continue;
    out.push({ start, end, phrase: text.slice(start, end) });
    TOKEN.lastIndex = end;
    prev1 = '';
    prev2 = '';
  }
  return out;
}

/** True when the text contains a ROT13-encoded override verb (cheap gate before decoding the whole text). */
export function mayContainRot13Override(text: string): boolean {
  return ROT13_VERB_RE.test(text);
}

function rot13Word(w: string): string {
  return w.replace(/[a-z]/g, (c) => String.fromCharCode(((c.charCodeAt(0) - 97 + 13) % 26) + 97));
}

const ROT13_VERB_RE = new RegExp(
  `(?<![a-z])(?:${['ignore', 'disregard', 'forget', 'override', 'bypass', 'negeer', 'vergeet', 'ignorez', 'oubliez', 'oublie', 'ignoriere', 'vergiss', 'follow']
    .map(rot13Word)
    .join('|')})(?![a-z])`,
  'i',
);
