// The frontmatter split against gray-matter, whose rules it follows: same YAML block, same body, same offsets.
import matter from 'gray-matter';
import { describe, expect, it } from 'vitest';
import { splitFrontmatter } from '../../src/skill/frontmatter.js';

/** What gray-matter makes of `text`, in the shape of {@link splitFrontmatter}. */
function grayMatter(text: string) {
  const file = matter(text, { engines: { yaml: () => ({}) } });
  const hasFrontmatter = /^---[ \t]*\r?\n/.test(text) && file.matter !== undefined && text.length !== file.content.length;
  if (!hasFrontmatter) return { hasFrontmatter: false, yaml: '', yamlOffset: 0, body: text, bodyOffset: 0 };
  return { hasFrontmatter: true, yaml: file.matter, yamlOffset: 3, body: file.content, bodyOffset: text.length - file.content.length };
}

const cases = [
  '---\nname: a\n---\n# Body\n',
  '---\nname: a\n---\n\n# Body after a blank line\n',
  '---\r\nname: a\r\n---\r\n# CRLF\r\n',
  '---\nname: a\n---',
  '---\nname: a\n---\n',
  '---\nname: a\nno closing fence\n',
  '---\n---\nempty block\n',
  '---\n# only a comment\n---\nbody\n',
  '---  \nname: a\n---\nspaces after the fence\n',
  '---\t\nname: a\n---\ntab after the fence\n',
  '----\nname: a\n---\nfour dashes\n',
  '---yaml\nname: a\n---\nlanguage\n',
  '--- \nx\n--- trailing\nbody\n',
  '---\nname: a\n----\nbody after four dashes\n',
  '---\nname: a\n---\r\rbody\n',
  '\uFEFF---\nname: a\n---\nbody after a byte-order mark\n',
  'no frontmatter\n',
  '',
  '\n---\nname: a\n---\n',
  '---\nname: a\n---\n---\nsecond block\n',
];

describe('splitFrontmatter', () => {
  it.each(cases)('splits %j as gray-matter does', (text) => {
    expect(splitFrontmatter(text)).toEqual(grayMatter(text));
  });
});
