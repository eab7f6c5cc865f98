/**
 * Pins Accept negotiation: q-values decide, the most specific matching range sets a type's quality, ties go to
 * the server's order, q=0 excludes, malformed ranges are ignored.
 */
import { describe, expect, it } from 'vitest';
import { negotiate, parseAccept, qualityOf } from '../../src/web/negotiate.js';

const PAGE = ['text/html', 'text/markdown', 'text/plain'] as const;

describe('negotiate', () => {
  it('takes the first offer when the client sends no Accept or */*', () => {
    expect(negotiate(undefined, PAGE)).toBe('text/html');
    expect(negotiate('', PAGE)).toBe('text/html');
    expect(negotiate('*/*', PAGE)).toBe('text/html');
  });

  it('follows q-values', () => {
    expect(negotiate('text/html;q=0.4, text/markdown;q=0.8', PAGE)).toBe('text/markdown');
    expect(negotiate('text/markdown;q=0.1, text/html', PAGE)).toBe('text/html');
    expect(negotiate('text/*;q=0.5, text/plain', PAGE)).toBe('text/plain');
  });

  it('lets a specific range override a wildcard for the same type', () => {
    expect(negotiate('*/*, text/html;q=0', PAGE)).toBe('text/markdown');
    expect(negotiate('text/*;q=0.9, text/markdown;q=0.1', PAGE)).toBe('text/html');
  });

  it('breaks ties in the server’s order', () => {
    expect(negotiate('text/markdown, text/html', PAGE)).toBe('text/html');
    expect(negotiate('text/markdown', PAGE)).toBe('text/markdown');
  });

  it('returns undefined when nothing offered is acceptable', () => {
    expect(negotiate('image/png', PAGE)).toBeUndefined();
    expect(negotiate('text/html;q=0', ['text/html'])).toBeUndefined();
  });

  it('is case-insensitive and tolerant of spaces and extra parameters', () => {
    expect(negotiate(' Text/Markdown ; charset=utf-8 ; Q=0.9 , text/html;q=0.1', PAGE)).toBe('text/markdown');
  });

  it('ignores malformed ranges and q-values', () => {
    expect(parseAccept('text, /html, */markdown, text/html;q=2, text/plain;q=0.5')).toEqual([
      { type: 'text', subtype: 'html', q: 0, index: 3 },
      { type: 'text', subtype: 'plain', q: 0.5, index: 4 },
    ]);
    expect(qualityOf(parseAccept('text/plain;q=abc'), 'text/plain')).toBe(0);
  });

  it('survives an absurdly long header', () => {
    const header = Array.from({ length: 5000 }, (_, i) => `x/y${i};q=0.1`).join(',');
    expect(negotiate(`${header},text/markdown`, PAGE)).toBeUndefined();
    expect(negotiate(`text/markdown,${header}`, PAGE)).toBe('text/markdown');
  });
});
