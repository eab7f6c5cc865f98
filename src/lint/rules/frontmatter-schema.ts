import { skillDiagnostic, type SkillRule } from '../rule.js';

/**
 * The frontmatter is a map whose Agent Skills keys have the types and forms SPEC §2 gives. A `metadata` value that
 * is not a string is `metadata-not-string`'s, an over-long description `description-length`'s.
 */
export const frontmatterSchema: SkillRule = {
  id: 'frontmatter-schema',
  scope: 'skill',
  description: 'The frontmatter is a map of the Agent Skills keys with valid values.',
  check(input) {
    const fm = input.parsed.frontmatter;
    if (fm.present && fm.yamlErrors.length === 0 && !fm.isMap) {
      return [skillDiagnostic(input, fm.yamlOffset, this.id, 'The frontmatter must be a YAML map with name, description, license and metadata')];
    }
    return fm.issues
      .filter((i) => !(i.path[0] === 'metadata' && i.path.length === 2 && i.code === 'invalid_type'))
      .filter((i) => !(i.path[0] === 'description' && i.code === 'too_big'))
      .map((i) => skillDiagnostic(input, i.offset, this.id, `${i.path.join('.') || 'frontmatter'}: ${i.message}`));
  },
};
