// Pins each corpus lint rule: it fires on its deliberately broken fixture, at the line and column an author
// needs, with the rule id and severity the CLI prints.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintSkillText } from '../../src/lint/index.js';
import { fixtures } from '../helpers/paths.js';

function lint(name: string) {
  const text = readFileSync(resolve(fixtures, 'broken', name, 'SKILL.md'), 'utf8');
  const { skill, diagnostics } = lintSkillText(`skills/${name}/SKILL.md`, text);
  return { skill, found: diagnostics.map((d) => `${d.line}:${d.column} ${d.severity} ${d.ruleId}`), diagnostics };
}

describe('lint rules on broken fixtures', () => {
  it('frontmatter-yaml: malformed YAML is a problem line, not a crash', () => {
    const { skill, found, diagnostics } = lint('bad-yaml');
    expect(skill).toBeUndefined();
    expect(found).toEqual(['4:1 error frontmatter-yaml']);
    expect(diagnostics[0]!.message).toMatch(/not valid YAML/);
  });

  it('metadata-not-string: an unquoted number is an error at the value, with the fix', () => {
    const { found, diagnostics } = lint('non-string-metadata');
    expect(found).toEqual(['7:12 error metadata-not-string']);
    expect(diagnostics[0]!.message).toContain('version: "1.2"');
  });

  it('frontmatter-unknown-key: allowed-tools is not an Agent Skills key here', () => {
    const { found } = lint('frontmatter-keys');
    expect(found).toEqual(['5:1 error frontmatter-unknown-key']);
  });

  it('description-length: over 1024 characters', () => {
    expect(lint('long-description').found).toEqual(['3:14 error description-length']);
  });

  it('metadata-schema: a missing key and a value outside the enum', () => {
    const { found, diagnostics } = lint('missing-metadata');
    expect(found).toEqual(['6:3 error metadata-schema', '7:11 error metadata-schema']);
    expect(diagnostics[0]!.message).toBe('metadata.title is required');
    expect(diagnostics[1]!.message).toMatch(/status/);
  });

  it('section-order, unknown-section and required-sections', () => {
    const { found, diagnostics } = lint('sections');
    expect(found).toEqual(['37:1 error section-order', '56:1 error unknown-section', '63:1 error required-sections']);
    expect(diagnostics[2]!.message).toMatch(/Missing section `## Documents`/);
  });

  it('stage-heading and stage-without-steps', () => {
    const { found } = lint('stages');
    expect(found).toEqual([
      '40:1 error stage-without-steps',
      '42:1 error stage-heading',
      '49:1 error stage-heading',
      '49:1 error stage-without-steps',
    ]);
  });

  it('citation-malformed: uppercase id and empty locator, with the span of the tag', () => {
    const { found, diagnostics } = lint('citations');
    expect(found).toEqual(['36:13 error citation-malformed', '36:31 error citation-malformed']);
    expect(diagnostics[0]).toMatchObject({ endLine: 36, endColumn: 26 });
    expect(diagnostics[1]!.message).toMatch(/locator after the comma is empty/);
  });

  it('frontmatter-missing: a file without frontmatter', () => {
    const { diagnostics } = lintSkillText('skills/x/SKILL.md', '## Scope\n\nHello.\n');
    expect(diagnostics.map((d) => `${d.line}:${d.column} ${d.ruleId}`)).toEqual(['1:1 frontmatter-missing']);
  });
});
