import { SECTIONS } from '../../skill/schema.js';
import { skillDiagnostic, type SkillRule } from '../rule.js';

/** Every skill has the sections an assistant relies on; only Fees and Known surprises may be left out. */
export const requiredSections: SkillRule = {
  id: 'required-sections',
  scope: 'skill',
  description: 'Scope, Legal basis, Who and when, Documents, Stages and Verify with are present.',
  check(input) {
    const outline = input.parsed.body?.outline;
    if (!outline) return [];
    const present = new Set(outline.headings.map((h) => h.key));
    const required = SECTIONS.filter((d) => !d.optional);
    return required
      .filter((d) => !present.has(d.key))
      .map((d) => skillDiagnostic(input, outline.end, this.id, `Missing section \`## ${d.title}\`; every skill has ${required.map((r) => r.title).join(', ')} in that order`));
  },
};
