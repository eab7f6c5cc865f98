// The fast Markdown parser (src/skill/markdown-subset.ts) against micromark: for shipped skills, generated skills
// and hand-written edge cases, it either declines (undefined) or gives the same tree in every field the skill
// parser reads (type, depth, value, children, start and end offsets).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTempCorpus, prng } from '../../bench/generate.js';
import { parseSubset } from '../../src/skill/markdown-subset.js';
import { joinPlainText, parseMarkdown, parseMarkdownExact, plainTextOf, plainTextRanges, type MdNode } from '../../src/skill/markdown.js';
import { splitFrontmatter } from '../../src/skill/frontmatter.js';
import { repoRoot } from '../helpers/paths.js';

/**
 * The fields of a node the project reads: type, depth, value, children, and the offsets of every node but text,
 * emphasis and strong (whose positions nothing reads, and which the fast parser does not set).
 */
interface Shape {
  type: string;
  depth?: number;
  value?: string;
  start?: number;
  end?: number;
  children?: Shape[];
}

const INLINE_WITHOUT_POSITION = new Set(['text', 'emphasis', 'strong']);

function shape(node: MdNode): Shape {
  const out: Shape = { type: node.type };
  if (node.depth !== undefined) out.depth = node.depth;
  if (node.value !== undefined) out.value = node.value;
  if (node.position && !INLINE_WITHOUT_POSITION.has(node.type)) {
    out.start = node.position.start.offset;
    out.end = node.position.end.offset;
  }
  if (node.children) out.children = node.children.map(shape);
  return out;
}

/** The subset parser's tree, or undefined when it declines; throws (via expect) when it differs from micromark. */
function compare(md: string): Shape | undefined {
  const fast = parseSubset(md);
  if (!fast) return undefined;
  const exact = shape(parseMarkdownExact(md));
  expect(shape(fast), JSON.stringify(md)).toEqual(exact);
  return exact;
}

const bodyOf = (text: string) => splitFrontmatter(text).body;

describe('the subset Markdown parser', () => {
  it('gives micromark’s tree for every shipped skill, and takes the fast path for all of them', () => {
    const dir = join(repoRoot, 'skills');
    const names = readdirSync(dir).filter((n) => !n.startsWith('.'));
    expect(names.length).toBeGreaterThan(0);
    const fallbacks: string[] = [];
    for (const name of names) {
      const body = bodyOf(readFileSync(join(dir, name, 'SKILL.md'), 'utf8'));
      if (!compare(body)) fallbacks.push(name);
    }
    expect(fallbacks).toEqual([]);
  });

  describe('on generated skills', () => {
    const corpora: Awaited<ReturnType<typeof generateTempCorpus>>[] = [];
    beforeAll(async () => {
      for (const seed of [1, 7, 42]) corpora.push(await generateTempCorpus(12, { seed, today: '2026-11-01' }));
    });
    afterAll(async () => {
      for (const c of corpora) await c.cleanup();
    });

    it('gives micromark’s tree for each, on the fast path', () => {
      let fast = 0;
      for (const c of corpora) {
        for (const name of c.skills) {
          const body = bodyOf(readFileSync(join(c.root, 'skills', name, 'SKILL.md'), 'utf8'));
          if (compare(body)) fast++;
        }
      }
      expect(fast).toBe(corpora.reduce((n, c) => n + c.skills.length, 0));
    });
  });

  // Each case: Markdown, and whether the fast path must take it (true), must decline it (false), or may do either
  // (undefined) — in every case a tree it returns must equal micromark's.
  const cases: Array<[string, boolean | undefined]> = [
    // Headings
    ['# Title\n\n## Scope\n\nText.\n', true],
    ['## Heading with *emphasis* and `code`\n', true],
    ['##\n', undefined],
    ['## Closing hashes ##\n', false],
    ['#NoSpace\n', undefined],
    ['####### seven\n', undefined],
    ['Setext\n===\n', false],
    ['Setext\n---\n', false],
    ['  ## indented\n', false],
    // Paragraphs and line endings
    ['One\ntwo\nthree\n\nfour\n', true],
    ['no trailing newline', true],
    ['', true],
    ['\n\n\n', true],
    ['trailing spaces  \nhard break\n', false],
    ['trailing space \nnext\n', false],
    ['backslash break\\\nnext\n', false],
    ['crlf\r\nline\r\n', false],
    ['tab\there\n', false],
    ['    indented code\n', false],
    ['para\n    continuation\n', false],
    // Emphasis
    ['*a* _b_ **c** __d__ ***e*** ___f___\n', true],
    ['**bold *nested* bold**\n', true],
    ['*a **b** c*\n', true],
    ['**a*\n', undefined],
    ['*a**\n', undefined],
    ['a*b*c a_b_c\n', true],
    ['snake_case_word and 2*3*4\n', true],
    ['* not a list because no text after? *\n', undefined],
    ['foo*bar**baz*\n', undefined],
    ['*foo**bar**baz*\n', undefined],
    ['**foo "*bar*" foo**\n', undefined],
    ['*(*foo*)*\n', undefined],
    ['_foo_bar_\n', undefined],
    ['__foo, __bar__, baz__\n', undefined],
    ['*foo\nbar*\n', undefined],
    ['a *\nb*\n', undefined],
    ['**Contested:** reading one [a] and two [b].\n', true],
    ['“*quoted*” and (*paren*) and *end*.\n', true],
    ['*€5* and *5 €* and **€**\n', undefined],
    ['émigré *café* **naïve**\n', true],
    ['***strong emph***\n', undefined],
    ['****four****\n', undefined],
    ['* * *\n', false],
    ['***\n', false],
    ['___\n', false],
    ['- - -\n', false],
    // Code spans
    ['`code` and ``co`de`` and ` spaced ` and `  `\n', undefined],
    ['unclosed `code\n', undefined],
    ['`a\nb`\n', undefined],
    ['`*not emphasis*`\n', true],
    ['*emphasis `with code` inside*\n', true],
    ['```\nfenced\n```\n', false],
    ['~~~\nfenced\n~~~\n', false],
    // Lists
    ['- one\n- two\n- three\n', true],
    ['- one\n\n- two\n', true],
    ['1. one\n2. two\n', true],
    ['1) one\n2) two\n', true],
    ['3. starts at three\n4. four\n', true],
    ['- one\n* other marker\n', undefined],
    ['- item\ncontinued lazily\n', true],
    ['- item\n  continued indented\n', false],
    ['- item\n\n  second paragraph\n', false],
    ['- outer\n  - nested\n', false],
    ['-\n', false],
    ['- \n', false],
    ['-  two spaces\n', undefined],
    ['-     five spaces\n', undefined],
    ['- # heading in item\n', false],
    ['- > quote in item\n', false],
    ['para\n- list interrupts\n', true],
    ['para\n2. does not interrupt\n', undefined],
    ['para\n1. interrupts\n', true],
    ['para\n01. does not interrupt\n', undefined],
    ['01. a\n02. b\n', true],
    ['- a\n\npara after\n', true],
    ['- a\n## heading after\n', true],
    ['- a\n> quote after\n', true],
    ['1234567890. too long\n', undefined],
    ['- **Label:** text [ref-a, p. 3].\n- **Other:** more.\n', true],
    // Blockquotes
    ['> quoted\n> more\n', true],
    ['> **Contested:** one [a]; other [b].\n>\n> Do this.\n', true],
    ['> lazy\ncontinuation\n', true],
    ['>no space\n', true],
    ['>  two spaces\n', false],
    ['> # heading in quote\n', false],
    ['> - list in quote\n', false],
    ['> > nested\n', false],
    ['> quote\n- list after\n', undefined],
    ['> quote\n\nafter\n', true],
    ['>\n', true],
    ['> a\n>\n>\n> b\n', true],
    // HTML, links, escapes, entities
    ['<div>html</div>\n', false],
    ['text <span>inline</span>\n', false],
    ['[link](https://example.org)\n', false],
    ['![image](x.png)\n', false],
    ['[ref]: https://example.org\n', false],
    ['[ref-a] and [ref-b, art. 3]\n', true],
    ['\\*escaped\\*\n', false],
    ['&amp; &#123; &copy;\n', false],
    ['AT&T and a & b\n', undefined],
    ['a & b\n', true],
    ['https://example.org/path_with_underscores_here\n', undefined],
    // Mixed documents
    ['# T\n\n## Stages\n\n### Stage 1 — Go\n\n1. Step [a].\n2. Step [b].\n\nDeadline: 8 days [a].\nOutcome: done.\n\n> **Contested:** x [a] y [b].\n', true],
  ];

  it.each(cases)('%j', (md, fastPath) => {
    const got = compare(md);
    if (fastPath === true) expect(got, 'takes the fast path').toBeDefined();
    if (fastPath === false) expect(got, 'declines').toBeUndefined();
  });

  it('agrees with micromark on random text built from Markdown’s significant pieces', () => {
    const pieces = ['*', '**', '_', '__', '`', '``', ' ', ' ', 'a', 'word', 'é', '.', ',', '(', ')', '“', '”', '€', '\n', '\n', '\n\n', '- ', '1. ', '2) ', '> ', '>', '## ', '### ', '# ', '[x]', '[', ']', ':', '-', '+ ', '3', '&', '#'];
    const rand = prng(19);
    let fast = 0;
    for (let n = 0; n < 4000; n++) {
      let md = '';
      const len = 1 + Math.floor(rand() * 24);
      for (let k = 0; k < len; k++) md += pieces[Math.floor(rand() * pieces.length)];
      if (compare(md)) fast++;
    }
    // The fast path takes a good share of them, so the comparison is not vacuous.
    expect(fast).toBeGreaterThan(400);
  });

  it('parseMarkdown gives micromark’s tree whichever path it takes', () => {
    for (const [md] of cases) expect(shape(parseMarkdown(md))).toEqual(shape(parseMarkdownExact(md)));
  });
});

// A section's plain text is kept as ranges of the file (plainTextRanges) and joined when read: the join must give
// exactly the string plainTextOf gives, whatever the Markdown and whichever parser built the tree.
describe('plain text as ranges of the source', () => {
  const prefix = '---\nname: x\n---\n';
  /** Checks every top-level block list of `md` (the whole body, and each `##` section) under both parsers. */
  function check(md: string): { ranges: number; literals: number } {
    let ranges = 0;
    let literals = 0;
    const file = prefix + md;
    for (const tree of [parseMarkdown(md), parseMarkdownExact(md)]) {
      const children = tree.children ?? [];
      const lists = [children, ...children.map((_, i) => children.slice(i, i + 3))];
      for (const nodes of lists) {
        const plain = plainTextRanges(nodes, md, 0);
        expect(joinPlainText(plain, md), JSON.stringify(md)).toBe(plainTextOf(nodes));
        // With the body at an offset of the file, as a SKILL.md after its frontmatter.
        const shifted = plainTextRanges(nodes, file, prefix.length);
        expect(joinPlainText(shifted, file), JSON.stringify(md)).toBe(plainTextOf(nodes));
        ranges += plain.filter((p) => typeof p === 'number').length;
        literals += plain.filter((p) => typeof p === 'string').length;
      }
    }
    return { ranges, literals };
  }

  it('joins to the plain text of every shipped skill, from ranges alone', () => {
    const dir = join(repoRoot, 'skills');
    for (const name of readdirSync(dir).filter((n) => !n.startsWith('.'))) {
      const { literals, ranges } = check(bodyOf(readFileSync(join(dir, name, 'SKILL.md'), 'utf8')));
      expect(ranges).toBeGreaterThan(0);
      expect(literals, name).toBe(0);
    }
  });

  it.each([
    '# T\n\n## Stages\n\n### Stage 1 — Go\n\n1. Step *one* [a].\n2. Step `two` [b].\n\nDeadline: 8 days [a].\n',
    '> **Contested:** one line\n> and a second line of the quote\n> third\n',
    'a &amp; b &#233; c\n',
    'escaped \\* star and \\_ underscore\n',
    'a [link](https://example.org/x) and ![image](i.png) here\n',
    'inline <b>html</b> and\n\n<div>\nblock\n</div>\n\nafter\n',
    'hard  \nbreak and\\\nanother\n',
    '- a\n\n\n\n\n- b\n\n      indented code\n',
    '```\nfenced\n```\n\nafter fence\n',
    'crlf\r\nline\r\n\r\nnext\r\n',
    'x\n',
    '',
  ])('%j', (md) => {
    check(md);
  });

  it('joins to the plain text of random Markdown built from its significant pieces', () => {
    const pieces = ['*', '**', '_', '`', ' ', 'a', 'word', 'é', '“', '\n', '\n\n', '- ', '1. ', '> ', '## ', '[x]', '](u)', '&amp;', '\\*', '<b>', '\t', '    '];
    const rand = prng(23);
    for (let n = 0; n < 1500; n++) {
      let md = '';
      const len = 1 + Math.floor(rand() * 30);
      for (let k = 0; k < len; k++) md += pieces[Math.floor(rand() * pieces.length)];
      check(md);
    }
  });
});
