import { fold } from './fold.js';

/**
 * Words that carry no meaning for a search in NL, FR, DE or EN. Kept short on purpose: BM25's idf already
 * discounts frequent words, this list only stops them from producing snippets and prefix matches.
 */
const STOPWORDS = new Set(
  (
    'a an and are as at be by for from how i in is it my of on or the to what when where which who with do does ' +
    'de het een en van in op te voor met is ik mijn wat hoe waar wanneer naar bij aan om dat die er als ' +
    'le la les un une des du et en au aux pour par sur dans je mon ma mes quoi comment ou que qui est l d ' +
    'der die das ein eine und in im zu zum zur fur mit von auf ist ich mein wie was wo wann den dem des'
  ).split(/\s+/),
);

/** Words for "annex" in EN, FR, NL and DE: an annex number after one of them is a document name. */
const ANNEX_WORDS = 'annex|annexe|annexes|annexen|bijlage|bijlagen|anlage|anlagen|bijl|ann';

/** `annex 3ter`, `annexe 3 ter`, `bijlage 19`, `Anlage 8ter`, `annex-3ter` (after folding). */
const ANNEX_PATTERN = new RegExp(`\\b(?:${ANNEX_WORDS})[\\s\\-_.]*(\\d{1,2})(?:\\s*-?\\s*(bis|ter|quater|quinquies|sexies))?\\b`, 'g');

/** Latin suffixes written after an annex number ("3ter"). */
const NUMBER_SUFFIX = /^(\d{1,2})(bis|ter|quater|quinquies|sexies)$/;

/** A token is a folded word, or `doc:<number><suffix>` for an official document such as annex 3ter. */
export type Token = string;

/** The document token for an annex number: `doc:3`, `doc:3ter`. */
export function documentToken(number: string, suffix = ''): Token {
  return `doc:${Number.parseInt(number, 10)}${suffix}`;
}

/**
 * Splits text into search tokens: folded words (stopwords dropped) plus one `doc:` token per annex name, so
 * "bijlage 3ter", "annexe 3 ter" and "annex-3ter" all meet on `doc:3ter` and never on `doc:3`.
 */
export function tokenize(text: string): Token[] {
  const folded = fold(text);
  const tokens: Token[] = [];
  for (const match of folded.matchAll(ANNEX_PATTERN)) {
    tokens.push(documentToken(match[1] ?? '', match[2] ?? ''));
  }
  for (const word of folded.split(/[^\p{L}\p{N}]+/u)) {
    if (word.length === 0 || STOPWORDS.has(word)) continue;
    const numbered = NUMBER_SUFFIX.exec(word);
    // A bare "3ter" is already a document token; keep the word form as well for literal matches.
    if (numbered) tokens.push(documentToken(numbered[1] ?? '', numbered[2] ?? ''));
    tokens.push(word);
  }
  return tokens;
}

/** Tokens of a document slug from skill metadata (`annex-3ter`, `eu-card`). */
export function documentSlugTokens(slug: string): Token[] {
  const annex = /^annex-(\d{1,2})([a-z]*)$/.exec(slug);
  if (annex) return [documentToken(annex[1] ?? '', annex[2] ?? '')];
  return tokenize(slug.replace(/-/g, ' '));
}
