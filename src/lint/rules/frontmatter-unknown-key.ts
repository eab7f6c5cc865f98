import { FRONTMATTER_KEYS } from '../../skill/schema.js';
import { skillDiagnostic, type SkillRule } from '../rule.js';

/** Only the Agent Skills keys sit at the top of the frontmatter; project fields go under `metadata`. */
export const frontmatterUnknownKey: SkillRule = {
  id: 'frontmatter-unknown-key',
  scope: 'skill',
  description: 'The frontmatter holds only the Agent Skills keys.',
  check(input) {
    const allowed = FRONTMATTER_KEYS.map((k) => `\`${k}\``).join(', ');
    return input.parsed.frontmatter.unknownKeys.map((k) =>
      skillDiagnostic(input, k.offset, this.id, `Unexpected frontmatter key \`${k.key}\`: only the Agent Skills keys ${allowed} are allowed; put project fields under \`metadata\``),
    );
  },
};
