/**
 * The index reads section text without copying it: citation tags and references to other skills are skipped in
 * place (`ownTextBlanks`) and words are numbered straight from the text (`WordTable`). These tests pin that both
 * read exactly the words of the plain path, `forEachWord(ownText(text))`, on awkward text and on every section of
 * the shipped skills.
 */
import { describe, expect, it } from 'vitest';
import { ownText, ownTextBlanks } from '../../src/search/fields.js';
import { forEachWord } from '../../src/search/tokenize.js';
import { WordTable } from '../../src/search/word-table.js';
import { shippedCorpus } from '../helpers/corpus.js';

const NAMES = new Set(['registration-non-eu', 'address-change', 'annex-19', 'a1-b2']);

/** Words of a text as the plain path reads them. */
function plainWords(text: string, names: ReadonlySet<string>): string[] {
  const out: string[] = [];
  forEachWord(ownText(text, names, false), (w) => out.push(w));
  return out;
}

/** Words of a text read between its blanks through a word table, turned back into words by their numbers. */
function tableWords(text: string, names: ReadonlySet<string>, table = newTable()): string[] {
  const out: string[] = [];
  const blanks = ownTextBlanks(text, names);
  let from = 0;
  for (let b = 0; b <= blanks.length; b += 2) {
    table.table.forEach(text, from, b < blanks.length ? blanks[b]! : text.length, (n) => out.push(table.words[n]!));
    from = blanks[b + 1]!;
  }
  return out;
}

function newTable(): { table: WordTable; words: string[] } {
  const words: string[] = [];
  return { words, table: new WordTable((word) => words.push(word) - 1) };
}

const AWKWARD = [
  'Register within 8 days [ref-commune-page, §2] at the town hall.',
  'See registration-non-eu first; then address-change.',
  'Tags [ref-a] [ref-b,locator] [ref-c, line\nbreak] and [Ref-d] and [ref--e] and [ref-f-] stay or go.',
  'A tag that never closes [ref-open, page 2 and annex-19 after it',
  'Nested [ref-a, see [ref-b]] brackets and x[annex-19 glued.',
  'Kebab next to letters: annex-19é, éannex-19, annex-19α, αannex-19, Annex-19, annex-19-, -annex-19, annex--19.',
  'Kebab in punctuation: (annex-19), "a1-b2", a1-b2.',
  'registration-non-eu-extra and pre-registration-non-eu are other words.',
  'Accents and ligatures: déclaration, Straße, œuvre, İstanbul, ĲSSEL, ΣΟΦΙΑ.',
  'Outside the BMP: 𝐀𝐁𝐂 mathematical letters, an emoji 🙂 between words, 𝟙𝟚 digits.',
  'Numbers 2024 and 3ter, e-mail, co-ordination — dash – and hyphen-minus.',
  '',
  '[ref-only]',
  'a1-b2',
];

describe('reading section words in place', () => {
  it.each(AWKWARD)('reads the words of the plain path: %j', (text) => {
    expect(tableWords(text, NAMES)).toEqual(plainWords(text, NAMES));
  });

  it('blanks citation tags and references to other skills only', () => {
    const text = 'Bring the form [ref-x, §1] or see address-change, not e-mail.';
    const blanks = ownTextBlanks(text, NAMES);
    const cut: string[] = [];
    for (let b = 0; b < blanks.length; b += 2) cut.push(text.slice(blanks[b], blanks[b + 1]));
    expect(cut).toEqual(['[ref-x, §1]', 'address-change']);
  });

  it('gives a word written alike the same number, and differently written words their own', () => {
    const { table, words } = newTable();
    const numbers: number[] = [];
    for (const text of ['Visa visa VISA', 'visa déclaration Déclaration', 'visas visa']) table.forEach(text, 0, text.length, (n) => numbers.push(n));
    expect(numbers.map((n) => words[n])).toEqual(['Visa', 'visa', 'VISA', 'visa', 'déclaration', 'Déclaration', 'visas', 'visa']);
    expect(new Set(numbers).size).toBe(6);
  });

  it('reads every section of the shipped skills as the plain path does', async () => {
    const corpus = await shippedCorpus();
    const names = new Set(corpus.skills.map((s) => s.name));
    const shared = newTable();
    let words = 0;
    for (const skill of corpus.skills) {
      for (const section of skill.sections) {
        const plain = plainWords(section.text, names);
        expect(tableWords(section.text, names, shared)).toEqual(plain);
        words += plain.length;
      }
    }
    expect(words).toBeGreaterThan(1000);
  });
});
