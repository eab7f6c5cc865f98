import { SECTIONS } from '../../skill/schema.js';
import { skillDiagnostic, type SkillRule } from '../rule.js';

/** The fixed sections come once each, in SPEC §2 order, with nothing before the first. */
export const sectionOrder: SkillRule = {
  id: 'section-order',
  scope: 'skill',
  description: 'The body starts with `## Scope` and the sections appear once, in order.',
  check(input) {
    const outline = input.parsed.body?.outline;
    if (!outline) return [];
    const out = [];
    if (outline.preface !== undefined) {
      out.push(skillDiagnostic(input, outline.preface, this.id, 'Content before the first section: start the body with `## Scope` (an optional `# Title` may come first)'));
    }
    const seen = new Set<string>();
    let expected = 0;
    for (const h of outline.headings) {
      if (!h.key) continue;
      const idx = SECTIONS.findIndex((d) => d.key === h.key);
      const def = SECTIONS[idx]!;
      if (seen.has(def.key)) {
        out.push(skillDiagnostic(input, h.offset, this.id, `Section \`## ${def.title}\` appears twice; merge the two`));
        continue;
      }
      if (idx < expected) {
        out.push(skillDiagnostic(input, h.offset, this.id, `Section \`## ${def.title}\` is out of order: expected it before \`## ${SECTIONS[expected - 1]!.title}\` (order: ${SECTIONS.map((d) => d.title).join(', ')})`));
      }
      seen.add(def.key);
      expected = Math.max(expected, idx + 1);
    }
    return out;
  },
};
