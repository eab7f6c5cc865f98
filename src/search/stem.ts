import { stemmer as dutch } from '@orama/stemmers/dutch';
import { stemmer as english } from '@orama/stemmers/english';
import { stemmer as french } from '@orama/stemmers/french';
import { stemmer as german } from '@orama/stemmers/german';
import { fold } from './fold.js';

/**
 * The Snowball stemmers of the four languages a query may be written in. A query rarely says which language it
 * is in ("Anlage 19", "visa D", "Belgium"), so every word is stemmed in all four and a document matches through
 * any of the stems: "verlängern" and "verlangern" meet, so do "renouvellement" and "renouveler", "registration"
 * and "registering". A stem that is the word itself, or shorter than four letters, adds nothing and is dropped.
 */
const STEMMERS: ReadonlyArray<(word: string) => string> = [english, dutch, french, german];

/** Shortest stem kept: shorter ones conflate unrelated words (the French stemmer gives "vis" for both "visit" and "visa"). */
const MIN_STEM = 4;
/**
 * A long word keeps a stem of four letters or fewer only if it is short itself: stemmed as French, the German
 * "verlasse" and the Dutch "verlies" both give "verl", while "moving" → "move" is worth keeping.
 */
const SHORT_STEM = 5;
const SHORT_WORD = 7;

/**
 * Folded stems of a lower-cased word (accents kept, since the French and German stemmers read them), other
 * than the folded word itself. Stemming runs before folding so "déménagement" is stemmed as French.
 */
export function stemsOf(lowerWord: string): string[] {
  // A number has no ending to take off in any of the languages.
  if (isNumber(lowerWord)) return [];
  const folded = fold(lowerWord);
  const out: string[] = [];
  for (const stem of STEMMERS) {
    const s = fold(stem(lowerWord));
    if (s.length >= MIN_STEM && (s.length >= SHORT_STEM || folded.length <= SHORT_WORD) && s !== folded && !out.includes(s)) out.push(s);
  }
  return out;
}

/** Whether a word is ASCII digits only. */
function isNumber(word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return word.length > 0;
}

/** A word as the index keeps it: folded, and its folded stems. */
export interface WordForms {
  folded: string;
  stems: readonly string[];
}

/**
 * A memo of folding and stemming for building an index, where the same words recur thousands of times. Query
 * words go through `peek`, which reads the memo but never grows it, so arbitrary queries cannot fill memory.
 */
export function createStemCache(): { forms(lowerWord: string): WordForms; stems(lowerWord: string): readonly string[]; peek(lowerWord: string): readonly string[] } {
  const memo = new Map<string, WordForms>();
  const forms = (lowerWord: string): WordForms => {
    let f = memo.get(lowerWord);
    if (!f) {
      f = { folded: fold(lowerWord), stems: stemsOf(lowerWord) };
      memo.set(lowerWord, f);
    }
    return f;
  };
  return {
    forms,
    stems: (lowerWord) => forms(lowerWord).stems,
    peek: (lowerWord) => memo.get(lowerWord)?.stems ?? stemsOf(lowerWord),
  };
}
