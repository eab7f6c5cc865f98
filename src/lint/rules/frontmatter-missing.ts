import { skillDiagnostic, type SkillRule } from '../rule.js';

/** A SKILL.md starts with the YAML frontmatter the Agent Skills format requires. */
export const frontmatterMissing: SkillRule = {
  id: 'frontmatter-missing',
  scope: 'skill',
  description: 'Every SKILL.md starts with a YAML frontmatter block between `---` lines.',
  check(input) {
    if (input.parsed.frontmatter.present) return [];
    return [skillDiagnostic(input, 0, this.id, 'Expected a YAML frontmatter block between `---` lines at the top of SKILL.md, with name, description, license and metadata')];
  },
};
