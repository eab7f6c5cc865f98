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
  'commands', 'constraints', 'restrictions', 'guardrails', 'messages',
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

interface Tok {
  w: string;
  start: number;
  end: number;
}

function tokenize(text: string): Tok[] {
  const toks: Tok[] = [];
  TOKEN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TOKEN.exec(text))) toks.push({ w: m[0].toLowerCase(), start: m.index, end: m.index + m[0].length });
  return toks;
}

type Role = { verb: boolean; follow: boolean; strong: boolean; weak: boolean; object: string | undefined; post: boolean };

/** Finds override phrases in already-normalised text. */
export function findOverrides(text: string): OverrideMatch[] {
  const toks = tokenize(text);
  const cache = new Map<string, Role>();
  const role = (w: string): Role => {
    let r = cache.get(w);
    if (!r) {
      r = {
        verb: VERBS.match(w) !== undefined,
        follow: FOLLOW_VERBS.match(w) !== undefined,
        strong: STRONG_FILLERS.match(w) !== undefined,
        weak: WEAK_FILLERS.has(w),
        object: OBJECTS.match(w),
        post: POST_ADJECTIVES.match(w) !== undefined,
      };
      cache.set(w, r);
    }
    return r;
  };
  const out: OverrideMatch[] = [];
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i] as Tok;
    const r = role(t.w);
    let isVerb = r.verb;
    if (!isVerb && r.follow) {
      // A following verb counts only when negated just before it ("do not follow", "ne suivez pas").
      for (let k = Math.max(0, i - 2); k < i; k++) if (NEGATIONS.has((toks[k] as Tok).w)) isVerb = true;
      const next = toks[i + 1];
      if (next && (next.w === 'pas' || next.w === 'nicht' || next.w === 'niet')) isVerb = true;
    }
    if (!isVerb) continue;
    let strong = false;
    let j = i + 1;
    let fillers = 0;
    while (j < toks.length && fillers < 5) {
      const tok = toks[j] as Tok;
      if (tok.start - (toks[j - 1] as Tok).end > 4) break;
      const rr = role(tok.w);
      if (rr.object !== undefined) break;
      if (rr.strong) strong = true;
      else if (!rr.weak && !NEGATIONS.has(tok.w)) break;
      fillers++;
      j++;
    }
    const obj = toks[j];
    if (!obj || obj.start - (toks[j - 1] as Tok).end > 4) continue;
    const objWord = role(obj.w).object;
    if (objWord === undefined) continue;
    let end = obj.end;
    const after = toks[j + 1];
    if (after && after.start - obj.end <= 3 && role(after.w).post) {
      strong = true;
      end = after.end;
    }
    if (!strong && !STRONG_OBJECTS.has(objWord)) continue;
    out.push({ start: t.start, end, phrase: text.slice(t.start, end) });
    i = j;
  }
  return out;
}
