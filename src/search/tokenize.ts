import { fold } from './fold.js';

/**
 * Words that carry no meaning for a search in NL, FR, DE or EN: articles, pronouns, auxiliaries, prepositions.
 * Kept to function words on purpose: BM25's idf already discounts frequent content words, this list stops a
 * sentence such as "where do I start" from matching on its grammar.
 */
const STOPWORDS = new Set(
  (
    // English
    'a an and are as at be been by can could do does did for from get got has have how i i\'m im if in into is it its ' +
    'just me my of on or our so should than that the their them then there they this to us was we what when where ' +
    'which who why will with would you your am want need about after before next last not don doesn didn isn ' +
    // Dutch
    'de het een en van in op te voor met is ik mijn wat hoe waar wanneer naar bij aan om dat die er als ben je jij ' +
    'we wij ze zij hij u uw moet moeten kan kun kunnen wil zijn was heb heeft hebben wordt worden ook nog niet of ' +
    'maar dan me mij ons onze zich hier daar welke wie waarom doen net al uit over tot na ' +
    // French
    'le la les un une des du et en au aux pour par sur dans je mon ma mes quoi comment ou que qui est l d j m n s ' +
    'qu c ce cette ces il elle nous vous ils elles son sa ses notre votre leur faut dois doit suis ai avec pas ne ' +
    'se y a où quand quel quelle faire être avoir chez vers ' +
    // German
    'der die das ein eine einen einem einer und in im zu zum zur für fur mit von vom auf ist ich mein meine meinen ' +
    'wie was wo wann den dem des bei beim an am aus nach bin sind hat habe haben muss müssen kann können will soll ' +
    'sie er es wir ihr mich mir sich nicht oder aber auch noch schon um welche welcher welches wer warum tun'
  ).split(/\s+/),
);

/** Words for "annex" in EN, FR, NL and DE (and their usual abbreviations and misspellings). */
const ANNEX_WORDS = 'annex|annexe|annexes|anexe|anex|annexen|bijlage|bijlagen|bijl|anlage|anlagen|ann';

/** `annex 3ter`, `annexe 3 ter`, `bijlage 19`, `Anlage 8ter`, `annex-3ter`, `annex3ter` (lower-cased text). */
const ANNEX_PATTERN = new RegExp(`(?<![\\p{L}\\p{N}])(?:${ANNEX_WORDS})[\\s\\-_.]*(\\d{1,2})(?:\\s*-?\\s*(bis|ter|quater|quinquies|sexies))?(?![\\p{L}\\p{N}])`, 'gu');

/** A bare `3ter`, `19bis` (the annex word left out). */
const NUMBER_SUFFIX = /(?<![\p{L}\p{N}])(\d{1,2})(bis|ter|quater|quinquies|sexies)(?![\p{L}\p{N}])/gu;

/** The commune's numbered forms: `model 8`, `modèle 2`, `Modell 8`. */
const MODEL_PATTERN = /(?<![\p{L}\p{N}])(?:model|modèle|modele|modell)[\s\-_]*(\d{1,2})(?![\p{L}\p{N}])/gu;

const CARD_WORDS = 'card|cards|kaart|kaarten|carte|cartes|karte|karten';
const VISA_WORDS = 'visa|visum|visas';

/** A card or visa letter before its word: `F card`, `F+-kaart`, `EU+ Karte`, `D-Visum`, `type D visa`. */
const CODE_BEFORE = new RegExp(`(?<![\\p{L}\\p{N}])(eu|[a-z])(\\s?\\+|\\s?plus)?([\\s\\-]?)(${CARD_WORDS}|${VISA_WORDS})(?![\\p{L}])`, 'giu');
/** A card or visa letter after its word: `carte F`, `carte EU+`, `visa D`, `visum D`. */
const CODE_AFTER = new RegExp(`(?<![\\p{L}\\p{N}])(${CARD_WORDS}|${VISA_WORDS})\\s(eu|[a-z])(\\s?\\+)?(?![\\p{L}\\p{N}+'’])`, 'giu');

/** Cards named by their colour: "Blue Card", "blauwe kaart", "carte bleue", "Blaue Karte", "oranje kaart", "carte orange". */
const COLOURS: Readonly<Record<string, string>> = { blue: 'blue', blauwe: 'blue', blauw: 'blue', blaue: 'blue', bleue: 'blue', orange: 'orange', oranje: 'orange' };
const COLOUR_WORDS = Object.keys(COLOURS).join('|');
const COLOUR_BEFORE = new RegExp(`(?<![\\p{L}\\p{N}])(${COLOUR_WORDS})[\\s-]?(?:${CARD_WORDS})(?![\\p{L}])`, 'giu');
const COLOUR_AFTER = new RegExp(`(?<![\\p{L}\\p{N}])(?:${CARD_WORDS})\\s(${COLOUR_WORDS})(?![\\p{L}])`, 'giu');

/**
 * A visa named by its length rather than its letter: a long-stay (national) visa is a type D visa, in the four
 * languages ("long-stay visa", "visa de long séjour", "visum lang verblijf", "Visum für den längerfristigen
 * Aufenthalt", "Langzeitvisum").
 */
const LONG_STAY_VISA = /(?<![\p{L}\p{N}])(?:long[\s-]*(?:stay|term)[\s-]*visas?|visas?\s+(?:de\s+|d[e']\s*)?long[\s-]*s[ée]jour|visum\s+(?:voor\s+)?(?:een\s+)?lang\s+verblijf|visum\s+f[üu]r\s+(?:einen\s+|den\s+)?(?:l[äa]ngerfristigen|langfristigen)\s+aufenthalt|langzeitvisum|nationales\s+visum)(?![\p{L}\p{N}])/giu;

const HAS_CODE_WORD = new RegExp(`${CARD_WORDS}|${VISA_WORDS}`, 'i');
/** Annex and model names carry a number. */
const HAS_DIGIT = /\d/;

/** A token: a folded word, or a code for an official document (`doc:3ter`, `doc:model-8`, `card:f+`, `visa:d`). */
export type Token = string;

/** The document token for an annex number: `doc:3`, `doc:3ter`. */
export function documentToken(number: string, suffix = ''): Token {
  return `doc:${Number.parseInt(number, 10)}${suffix}`;
}

function codeToken(code: string, plus: boolean, word: string): Token {
  const kind = new RegExp(`^(?:${VISA_WORDS})$`, 'i').test(word) ? 'visa' : 'card';
  return `${kind}:${code.toLowerCase()}${plus ? '+' : ''}`;
}

/** Text split into document codes and lower-cased words (accents kept for the stemmers; stopwords dropped). */
export interface Analysis {
  codes: Token[];
  /** Lower-cased words in text order, accents kept. */
  words: string[];
}

/**
 * Splits text into document codes and words. Annex names in four languages become one code ("bijlage 3ter",
 * "annexe 3 ter" and "annex-3ter" all give `doc:3ter`, never `doc:3`), and the annex word and number are not
 * words as well. Card and visa letters become codes when the letter is written in capitals or attached to its word
 * ("F card", "EU+ Karte", "f-kaart", "carte F", "visa D"), so an English "a card" stays an article. With
 * `codes: false` the text is read for words only.
 */
export function analyze(text: string, options: { codes?: boolean } = {}): Analysis {
  const codes: Token[] = [];
  const withCodes = options.codes ?? true;
  let rest = text;
  // Cheap tests first: most sentences name no card, visa, annex or model, and the patterns below are costly.
  if (withCodes && HAS_CODE_WORD.test(rest)) {
    rest = rest.replace(LONG_STAY_VISA, () => {
      codes.push('visa:d');
      return ' ';
    });
    const colour = (_m: string, word: string) => {
      codes.push(`card:${COLOURS[word.toLowerCase()] ?? word.toLowerCase()}`);
      return ' ';
    };
    rest = rest.replace(COLOUR_BEFORE, colour).replace(COLOUR_AFTER, colour);
  }
  if (withCodes && HAS_CODE_WORD.test(rest)) rest = rest.replace(CODE_BEFORE, (match, code: string, plus: string | undefined, joint: string, word: string) => {
    const attached = joint === '-' || plus !== undefined;
    if (!attached && code !== code.toUpperCase()) return match;
    codes.push(codeToken(code, plus !== undefined, word));
    return ' ';
  });
  if (withCodes && HAS_CODE_WORD.test(rest)) {
    rest = rest.replace(CODE_AFTER, (_match, word: string, code: string, plus: string | undefined) => {
      codes.push(codeToken(code, plus !== undefined, word));
      return ' ';
    });
  }
  rest = rest.toLowerCase();
  const document = (_m: string, n: string, suffix: string | undefined) => {
    codes.push(documentToken(n, suffix ?? ''));
    return ' ';
  };
  if (withCodes && HAS_DIGIT.test(rest)) {
    rest = rest.replace(ANNEX_PATTERN, document).replace(NUMBER_SUFFIX, document);
    rest = rest.replace(MODEL_PATTERN, (_m, n: string) => {
      codes.push(`doc:model-${Number.parseInt(n, 10)}`);
      return ' ';
    });
  }
  const words: string[] = [];
  for (const word of rest.split(/[^\p{L}\p{N}]+/u)) {
    if (word.length === 0 || STOPWORDS.has(word)) continue;
    if (word.length === 1 && !/\d/.test(word)) continue;
    words.push(word);
  }
  return { codes, words };
}

/** Whether a lower-cased word is left out of matching: a function word, or a single letter. */
export function isStopword(lowerWord: string): boolean {
  return STOPWORDS.has(lowerWord) || (lowerWord.length === 1 && !/\d/.test(lowerWord));
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/**
 * Calls `each` with every run of letters and digits in `text`, in order, as written (not lower-cased, stopwords
 * kept): the words `analyze` reads, without building the intermediate arrays, for indexing long texts. ASCII is
 * classified by code; only other characters go through the Unicode test.
 */
export function forEachWord(text: string, each: (word: string) => void): void {
  const n = text.length;
  let start = -1;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    // A letter outside the Basic Multilingual Plane is two UTF-16 units.
    const width = c >= 0xd800 && c <= 0xdbff && i + 1 < n ? 2 : 1;
    const inWord = c < 128 ? (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) : LETTER_OR_DIGIT.test(text.slice(i, i + width));
    if (inWord) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      each(text.slice(start, i));
      start = -1;
    }
    i += width - 1;
  }
  if (start >= 0) each(text.slice(start));
}

/** Codes and folded words of a text: the plain tokens, without stems. */
export function tokenize(text: string): Token[] {
  const { codes, words } = analyze(text);
  return [...codes, ...words.map((w) => fold(w))];
}

/** Tokens of a document slug from skill metadata (`annex-3ter`, `model-8`, `f-plus-card`, `d-visa`, `eu-card`). */
export function documentSlugTokens(slug: string): Token[] {
  const annex = /^annex-(\d{1,2})([a-z]*)$/.exec(slug);
  if (annex) return [documentToken(annex[1] ?? '', annex[2] ?? '')];
  const model = /^model-(\d{1,2})$/.exec(slug);
  if (model) return [`doc:model-${Number.parseInt(model[1] ?? '', 10)}`];
  const code = /^(eu|[a-z])(-plus)?-(card|visa)$/.exec(slug);
  if (code) return [`${code[3]}:${code[1]}${code[2] ? '+' : ''}`];
  return tokenize(slug.replace(/-/g, ' '));
}
