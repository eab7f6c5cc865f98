import { describe, expect, it } from 'vitest';
import { normalizeText, skeleton } from '../../src/safety/index.js';

describe('normalizeText (F1, R0)', () => {
  it('F1: NFKC folds full-width letters and digits, and spans map back to the original', () => {
    const input = 'nr ９０１ ok';
    const n = normalizeText(input);
    expect(n.text).toBe('nr 901 ok');
    const at = n.text.indexOf('901');
    expect(n.toOriginal(at, at + 3)).toEqual({ start: 3, end: 6 });
  });

  it('F1: an NFKC expansion maps all its output onto the one original character', () => {
    const n = normalizeText('a\uFB01b'); // "ﬁ" ligature → "fi"
    expect(n.text).toBe('afib');
    expect(n.toOriginal(1, 3)).toEqual({ start: 1, end: 2 });
    expect(n.toOriginal(3, 4)).toEqual({ start: 2, end: 3 });
  });

  it('F1: combining sequences compose (e + U+0301 → é) and keep their original span', () => {
    const n = normalizeText('cafe\u0301!');
    expect(n.text).toBe('café!');
    expect(n.toOriginal(3, 4)).toEqual({ start: 3, end: 5 });
    expect(n.toOriginal(4, 5)).toEqual({ start: 5, end: 6 });
  });

  it('R0: invisible characters are removed and reported at their original offsets', () => {
    const n = normalizeText('ab\u200B\u200Bcd\u2066e');
    expect(n.text).toBe('abcde');
    expect(n.invisible).toEqual([
      { start: 2, end: 4, kind: 'zero-width character' },
      { start: 6, end: 7, kind: 'bidirectional control character' },
    ]);
    expect(n.toOriginal(2, 4)).toEqual({ start: 4, end: 6 });
  });

  it('R0: NBSP and narrow NBSP become spaces, soft hyphen and an initial BOM vanish, none are reported', () => {
    const n = normalizeText('\uFEFF5\u00A0euro 3\u202Fdagen ge\u00ADmeente');
    expect(n.text).toBe('5 euro 3 dagen gemeente');
    expect(n.invisible).toEqual([]);
  });

  it('R0: a Braille run of 7 or more is reported, a shorter one is not', () => {
    expect(normalizeText('⠁⠂⠃⠄⠅⠆').invisible).toEqual([]);
    expect(normalizeText('x ⠁⠂⠃⠄⠅⠆⠇ y').invisible).toEqual([{ start: 2, end: 9, kind: 'run of Braille pattern characters' }]);
  });

  it('R0: private-use and supplementary tag characters are reported with surrogate-pair spans', () => {
    const n = normalizeText('a\u{E0041}b\uE000');
    expect(n.text).toBe('ab');
    expect(n.invisible.map((h) => [h.start, h.end])).toEqual([
      [1, 3],
      [4, 5],
    ]);
  });

  it('R5: the confusable skeleton maps Cyrillic and Greek look-alikes to Latin, length-preserving', () => {
    expect(skeleton('іbz.be')).toBe('ibz.be');
    expect(skeleton('fgοv.be')).toBe('fgov.be');
    expect(skeleton('раураl')).toHaveLength('раураl'.length);
    expect(skeleton('plain')).toBe('plain');
  });
});
