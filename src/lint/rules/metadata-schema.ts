import { skillDiagnostic, type SkillRule } from '../rule.js';

/** The project metadata (title, version, status, last-verified, jurisdiction …) is present and well formed. */
export const metadataSchema: SkillRule = {
  id: 'metadata-schema',
  scope: 'skill',
  description: 'The metadata keys SPEC §2 requires are present, with valid values.',
  check(input) {
    return input.parsed.frontmatter.metadataIssues
      .filter((i) => !i.present || i.isString)
      .map((i) => skillDiagnostic(input, i.offset, this.id, i.present ? `metadata.${i.key}: ${i.message}` : `metadata.${i.key} is required`));
  },
};
