import { skillDiagnostic, type SkillRule } from '../rule.js';

/** Bracketed text that starts like a citation tag follows `[id]` or `[id, locator]`, so no claim loses its source. */
export const citationMalformed: SkillRule = {
  id: 'citation-malformed',
  scope: 'skill',
  description: 'Citation tags follow `[id]` or `[id, locator]`.',
  check(input) {
    return (input.parsed.body?.malformedTags ?? []).map((m) => skillDiagnostic(input, m.start, this.id, `Malformed citation tag \`${m.raw}\`: ${m.reason}`, { end: m.end }));
  },
};
