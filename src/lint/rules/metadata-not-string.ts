import { skillDiagnostic, type SkillRule } from '../rule.js';

/** `metadata` maps strings to strings (SPEC §2): an unquoted number, date or list is an authoring error. */
export const metadataNotString: SkillRule = {
  id: 'metadata-not-string',
  scope: 'skill',
  description: 'Every metadata value is a string.',
  check(input) {
    return input.parsed.frontmatter.nonStringMetadata.map((m) =>
      skillDiagnostic(input, m.offset, this.id, `metadata.${m.key} must be a string, found ${m.found}; quote the value, e.g. ${m.key}: "${m.quoted}"`),
    );
  },
};
