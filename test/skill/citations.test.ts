// Citation tags in Markdown source: which bracket pairs are tags, which are malformed tags, which are prose, and
// which lie in ranges (code, HTML) where brackets are not tags.
import { describe, expect, it } from 'vitest';
import { prng } from '../../bench/generate.js';
import { findCitationTags } from '../../src/skill/citations.js';

/** The bracket grammar as a regular expression: the pairs the scanner must find, in order. */
const BRACKET = /(?<![\\!\]])\[([^[\]\n]{1,300})\](?![([:])/g;

describe('findCitationTags', () => {
  it('reads bare ids and ids with a locator, with their offsets', () => {
    const text = 'Register within 8 days [law-a]. Bring a photo [guide-b, §2] and [law-a,art. 5 ].';
    const { tags, malformed } = findCitationTags(text);
    expect(malformed).toEqual([]);
    expect(tags).toEqual([
      { id: 'law-a', locator: undefined, start: 23, end: 30 },
      { id: 'guide-b', locator: '§2', start: 46, end: 59 },
      { id: 'law-a', locator: 'art. 5', start: 64, end: 79 },
    ]);
    for (const t of tags) expect(text.slice(t.start, t.end).startsWith('[')).toBe(true);
  });

  it('leaves links, images, references, footnotes, task boxes, escapes and prose alone', () => {
    const text = [
      'A [link](https://example.org) and ![photo](x.png) and [ref][1] and [def]: and [^1] and [x] and [ ].',
      'An escaped \\[law-a] and prose [see below, or above].',
    ].join('\n');
    const { tags, malformed } = findCitationTags(text);
    expect(malformed).toEqual([]);
    expect(tags).toEqual([]);
    // In doubled brackets the inner pair is the tag.
    expect(findCitationTags('[[law-a]]').tags).toEqual([{ id: 'law-a', locator: undefined, start: 1, end: 8 }]);
  });

  it('says what is wrong with a tag that breaks the grammar', () => {
    const reasons = (text: string) => findCitationTags(text).malformed.map((m) => [m.raw, m.reason]);
    expect(reasons('[law-a, ]')).toEqual([['[law-a, ]', 'the locator after the comma is empty']]);
    expect(reasons('[Law-A]')).toEqual([['[Law-A]', 'reference ids are lowercase']]);
    expect(reasons('[law_a]')).toEqual([['[law_a]', 'reference ids use hyphens, not underscores or dots']]);
    expect(reasons('[ law-a]')).toEqual([['[ law-a]', 'remove the spaces inside the brackets']]);
  });

  it('skips pairs that start inside a skipped range, in order or not', () => {
    const text = '`[law-a]` then [law-b] then <b>[law-c]</b> then [law-d]';
    const code: [number, number] = [0, 9];
    const html: [number, number] = [text.indexOf('<b>'), text.indexOf('</b>') + 4];
    expect(findCitationTags(text, [code, html]).tags.map((t) => t.id)).toEqual(['law-b', 'law-d']);
    expect(findCitationTags(text, [html, code]).tags.map((t) => t.id)).toEqual(['law-b', 'law-d']);
  });

  it('accepts at most 300 characters between the brackets', () => {
    expect(findCitationTags(`[law-a, ${'x'.repeat(293)}]`).tags).toHaveLength(1);
    expect(findCitationTags(`[law-a, ${'x'.repeat(294)}]`).tags).toHaveLength(0);
  });

  it('finds exactly the bracket pairs of the grammar in generated bracket-heavy text', () => {
    // A seeded generator, so a failing case can be replayed.
    const next = prng(20261130);
    const alphabet = ['[', ']', '(', ':', '!', '\\', '\n', ' ', ',', 'a', 'law-a', '§2', 'x'];
    for (let run = 0; run < 2000; run++) {
      let text = '';
      const length = 1 + Math.floor(next() * 40);
      for (let i = 0; i < length; i++) text += alphabet[Math.floor(next() * alphabet.length)]!;
      // Occasionally a long run, to reach the 300-character bound.
      if (next() < 0.05) text = `[${'a'.repeat(295 + Math.floor(next() * 10))}]${text}`;
      // Each pair the grammar finds, read on its own, is what the scan reads at that place.
      const expected = { tags: [] as unknown[], malformed: [] as unknown[] };
      for (const m of text.matchAll(BRACKET)) {
        const alone = findCitationTags(m[0]);
        expected.tags.push(...alone.tags.map((t) => ({ ...t, start: t.start + m.index, end: t.end + m.index })));
        expected.malformed.push(...alone.malformed.map((t) => ({ ...t, start: t.start + m.index, end: t.end + m.index })));
      }
      expect(findCitationTags(text), JSON.stringify(text)).toEqual(expected);
    }
  });
});
