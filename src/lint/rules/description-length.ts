import { skillDiagnostic, type SkillRule } from '../rule.js';

/** The description is what an assistant reads to pick a skill; the Agent Skills format caps it at 1024 characters. */
export const descriptionLength: SkillRule = {
  id: 'description-length',
  scope: 'skill',
  description: 'The description is at most 1024 characters.',
  check(input) {
    return input.parsed.frontmatter.issues
      .filter((i) => i.path[0] === 'description' && i.code === 'too_big')
      .map((i) => skillDiagnostic(input, i.offset, this.id, `${i.path.join('.')}: ${i.message}`));
  },
};
