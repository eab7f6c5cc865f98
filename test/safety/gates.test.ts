// Pins the keyword gates written next to the injection patterns (src/safety/scan-text.ts): a pattern runs only where
// one of its start words begins, or only on text holding one of its gate words, and must still find exactly what
// a plain global scan of its regex finds — over the attack and benign fixtures, the shipped skills, and variants
// of them in upper case, glued to other words and cut into clauses. A start word left out of a list fails here.
import { describe, expect, it } from 'vitest';
import '../../src/safety/index.js';
import { clauses } from '../../src/safety/rules/shared.js';
import { definedPatterns, globalScan, ScanText, type Pattern } from '../../src/safety/scan-text.js';
import { safetyFixtureStrings, shippedSkillTexts } from '../helpers/safety-texts.js';

const strings = safetyFixtureStrings();
const skills = shippedSkillTexts();
const short = strings.filter((s) => s.length < 2000);
const texts = [
  ...strings,
  ...skills,
  ...short.map((s) => s.toUpperCase()),
  // Glued to the word before (a start word inside a word is no start) and after an underscore (it is one).
  ...short.map((s) => s.replace(/ /g, 'x ').replace(/\b/g, '_')),
  ...short.map((s) => `Intro: ${s.replace(/ /g, '  ')}`),
  short.join('\n'),
];

const plain = (p: Pattern, text: string): string[] => {
  const out: string[] = [];
  globalScan(p.re, text, (m) => void out.push(`${m.index}:${m[0]}`));
  return out;
};
const gated = (p: Pattern, t: ScanText): string[] => {
  const out: string[] = [];
  t.each(p, (m) => void out.push(`${m.index}:${m[0]}`));
  return out;
};

describe('injection pattern gates', () => {
  const patterns = definedPatterns();

  it('every pattern is a global regex, and its start and gate words are lower case', () => {
    expect(patterns.length).toBeGreaterThan(90);
    for (const p of patterns) {
      expect(p.re.global, p.re.source).toBe(true);
      for (const w of [...(p.starts ?? []), ...(p.before ?? []), ...(p.gate ?? [])]) {
        expect(w, p.re.source).toBe(w.toLowerCase());
        expect(w.length, p.re.source).toBeGreaterThan(0);
      }
    }
  });

  it('a gated scan finds exactly what a plain scan finds, in every text', () => {
    let matches = 0;
    for (const text of texts) {
      const t = new ScanText(text);
      for (const p of patterns) {
        const want = plain(p, text);
        matches += want.length;
        expect(gated(p, t), `${p.re.source.slice(0, 80)} on ${JSON.stringify(text.slice(0, 80))}`).toEqual(want);
      }
    }
    // The texts exercise the patterns: attacks match, so a dropped start word would show.
    expect(matches).toBeGreaterThan(500);
  });

  it('a clause scanned on its own finds what a plain scan of the clause finds', () => {
    const withStarts = patterns.filter((p) => p.starts);
    for (const text of short.slice(0, 200)) {
      const t = new ScanText(text);
      for (const span of clauses(text, 40)) {
        const clause = text.slice(span.start, span.end);
        for (const p of withStarts) {
          const got: string[] = [];
          if (t.mayMatchIn(p, span.start, span.end)) t.eachIn(p, span.start, clause, (m) => void got.push(`${m.index}:${m[0]}`));
          expect(got, `${p.re.source.slice(0, 80)} on ${JSON.stringify(clause)}`).toEqual(plain(p, clause));
        }
      }
    }
  });
});
