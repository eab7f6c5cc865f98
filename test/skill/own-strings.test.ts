import { describe, expect, it } from 'vitest';
import { ownStrings } from '../../src/skill/own-strings.js';

describe('ownStrings', () => {
  it('gives back equal plain data, with strings cut from a larger text no longer sharing it', () => {
    const text = `title: ${'x'.repeat(40)}\nnotes:\n  - ${'a note that is long enough'}\n`;
    const value = { title: text.slice(7, 47), notes: [text.slice(text.indexOf('a note'), -1)], count: 3, flag: true, none: null };
    const copy = ownStrings(value);
    expect(copy).toEqual(value);
    expect(copy).not.toBe(value);
    expect(copy.notes).not.toBe(value.notes);
  });

  it('shares one copy between equal strings and leaves what is not plain data as it is', () => {
    const long = 'ref-ministerial-decree-0110';
    const date = new Date(0);
    const map = new Map([['k', long]]);
    const copy = ownStrings({ a: long, b: [long], date, map });
    expect(copy.a).toBe(copy.b[0]);
    expect(copy.date).toBe(date);
    expect(copy.map).toBe(map);
  });
});
