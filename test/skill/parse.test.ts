// Pins the typed shape of a parsed skill (parsed, checked by the skill rules, built): metadata typed from strings, stages with steps, Deadline/Outcome,
// citations with locators and positions, contested notes, documents, fees and surprises.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintSkillText } from '../../src/lint/index.js';
import { fixtures } from '../helpers/paths.js';

const path = 'skills/valid-skill/SKILL.md';
const text = readFileSync(resolve(fixtures, 'corpus', path), 'utf8');
const lineOf = (needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length;
const columnOf = (needle: string) => text.indexOf(needle) - text.lastIndexOf('\n', text.indexOf(needle) - 1);

describe('a valid skill, parsed', () => {
  const { skill, diagnostics } = lintSkillText(path, text);

  it('reports no problems and returns a skill', () => {
    expect(diagnostics).toEqual([]);
    expect(skill).toBeDefined();
  });

  it('types the metadata from its string form', () => {
    expect(skill!.meta).toMatchObject({
      title: 'Declare something (example)',
      version: '1.2.0',
      status: 'alpha',
      'last-verified': '2026-10-01',
      audience: ['non-eu-national', 'eu-citizen'],
      documents: ['annex-3', 'annex-15'],
      aliases: ['aankomstverklaring', "déclaration d'arrivée", 'bijlage 3'],
      next: ['second-skill'],
    });
    expect(skill!.metadata.version).toBe('1.2.0');
  });

  it('splits the fixed sections in order', () => {
    expect(skill!.sections.map((s) => s.key)).toEqual(['scope', 'legal-basis', 'who-and-when', 'documents', 'stages', 'fees', 'surprises', 'verify-with']);
    expect(skill!.summary).toBe('This skill is for people who stay a short time. It is not for residents.');
  });

  it('gives each section its plain text (markup stripped, tags kept) as an ordinary frozen property', () => {
    const scope = skill!.sections.find((s) => s.key === 'scope')!;
    expect(scope.text).toBe('This skill is for people who stay a short time [law-a, art. 5]. It is not for residents [guide-b].');
    expect(scope.markdown.startsWith('## Scope')).toBe(true);
    expect(Object.keys(scope)).toEqual(expect.arrayContaining(['key', 'title', 'line', 'markdown', 'text']));
    expect({ ...scope }.text).toBe(scope.text);
    expect(JSON.parse(JSON.stringify(scope)).text).toBe(scope.text);
    expect(Object.isFrozen(scope)).toBe(true);
    for (const s of skill!.sections) expect(s.text).toBe(s.text.trim());
  });

  it('parses stages with steps, deadline and outcome', () => {
    expect(skill!.stages.map((s) => [s.index, s.title, s.steps.length])).toEqual([
      [1, 'Prepare', 2],
      [2, 'Visit the commune', 1],
    ]);
    const [one, two] = skill!.stages;
    expect(one!.steps[0]!.text).toBe('Gather the documents [guide-b].');
    expect(one!.deadline).toEqual({ text: '3 working days after entry [law-a, art. 5].', citations: [expect.objectContaining({ id: 'law-a', locator: 'art. 5' })] });
    expect(one!.outcome).toBeUndefined();
    expect(two!.outcome?.text).toBe('You receive the annex [law-a, art. 5].');
    expect(two!.line).toBe(lineOf('### Stage 2'));
  });

  it('finds every citation with its locator and position', () => {
    const photo = skill!.citations.find((c) => c.locator === '§2');
    expect(photo).toMatchObject({ id: 'guide-b', line: lineOf('[guide-b, §2]'), column: columnOf('[guide-b, §2]') });
    expect(skill!.citations.filter((c) => c.id === 'law-a' && c.locator === 'art. 5')).toHaveLength(6);
    expect(skill!.citations).toHaveLength(text.match(/\[(law-a|guide-b)[\],]/g)!.length);
  });

  it('exposes contested notes with both citations', () => {
    expect(skill!.contested).toHaveLength(1);
    expect(skill!.contested[0]).toMatchObject({
      section: 'who-and-when',
      line: lineOf('> **Contested:**'),
      text: 'Some communes say 8 days [guide-b]; the law says 3 working days [law-a, art. 5]. Ask the commune.',
    });
    expect(skill!.contested[0]!.citations.map((c) => c.id)).toEqual(['guide-b', 'law-a']);
  });

  it('lists documents, fees and surprises with their citations', () => {
    expect(skill!.documents.map((d) => d.text)).toEqual(['Passport [guide-b].', 'One photo [guide-b, §2].']);
    expect(skill!.fees[0]!.citations[0]!.id).toBe('guide-b');
    expect(skill!.surprises).toHaveLength(1);
  });

  it('digests the exact bytes as sha256', () => {
    expect(skill!.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(skill!.files[0]).toMatchObject({ path: 'SKILL.md', size: Buffer.byteLength(text) });
  });

  it('returns an immutable skill', () => {
    expect(Object.isFrozen(skill)).toBe(true);
    expect(Object.isFrozen(skill!.stages[0])).toBe(true);
  });
});

describe('citation tags', () => {
  const wrap = (body: string) => text.replace('This skill is for people who stay a short time [law-a, art. 5].', body);

  it('ignores brackets in code, links, images, footnotes and task boxes', () => {
    const { skill } = lintSkillText(path, wrap('See `[not-a-tag]`, [the page](https://dofi.ibz.be/x), a note[^1], and [ ] boxes [law-a, art. 5].'));
    const scope = skill!.citations.filter((c) => c.line === lineOf('This skill is for'));
    expect(scope.map((c) => c.id)).toEqual(['law-a', 'guide-b']);
  });

  it('keeps prose in brackets out of citations', () => {
    const { diagnostics } = lintSkillText(path, wrap('The fee [EUR 200] applies [law-a, art. 5].'));
    expect(diagnostics).toEqual([]);
  });

  it('accepts locators with spaces, paragraphs and sub-points', () => {
    const { skill } = lintSkillText(path, wrap('Rule [law-a, art. 33 §1, 2°] applies.'));
    expect(skill!.citations.find((c) => c.locator?.startsWith('art. 33'))?.locator).toBe('art. 33 §1, 2°');
  });
});

describe('metadata values', () => {
  it('accepts an unquoted ISO date (YAML 1.2 keeps it a string)', () => {
    const { diagnostics } = lintSkillText(path, text.replace('last-verified: "2026-10-01"', 'last-verified: 2026-10-01'));
    expect(diagnostics).toEqual([]);
  });

  it('rejects an unquoted number, which YAML reads as a number', () => {
    const { diagnostics } = lintSkillText(path, text.replace('version: "1.2.0"', 'version: 1.2'));
    expect(diagnostics.map((d) => d.ruleId)).toEqual(['metadata-not-string']);
  });
});
