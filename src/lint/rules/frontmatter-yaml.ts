import { skillDiagnostic, type SkillRule } from '../rule.js';

/** The frontmatter is YAML a parser accepts. */
export const frontmatterYaml: SkillRule = {
  id: 'frontmatter-yaml',
  scope: 'skill',
  description: 'The frontmatter is valid YAML.',
  check(input) {
    return input.parsed.frontmatter.yamlErrors.map((e) => skillDiagnostic(input, e.offset, this.id, `The frontmatter is not valid YAML: ${e.message}`));
  },
};
