import { SECTIONS } from '../../skill/schema.js';
import { skillDiagnostic, type SkillRule } from '../rule.js';

/** Every `##` heading is one of the fixed sections; anything else is a `###` inside one of them. */
export const unknownSection: SkillRule = {
  id: 'unknown-section',
  scope: 'skill',
  description: 'Every `##` heading names one of the fixed sections.',
  check(input) {
    const titles = SECTIONS.map((d) => d.title).join(', ');
    return (input.parsed.body?.outline.headings ?? [])
      .filter((h) => !h.key)
      .map((h) => skillDiagnostic(input, h.offset, this.id, `Unexpected section \`## ${h.title}\`; the sections are ${titles} — use a \`###\` heading inside one of them instead`));
  },
};
