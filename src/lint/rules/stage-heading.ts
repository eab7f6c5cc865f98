import { skillDiagnostic, type SkillRule } from '../rule.js';

/** Stages are `### Stage N — Title`, numbered 1, 2, 3 … in order: an assistant walks them one at a time. */
export const stageHeading: SkillRule = {
  id: 'stage-heading',
  scope: 'skill',
  description: 'The Stages section holds `### Stage N — Title` headings, numbered in order.',
  check(input) {
    const body = input.parsed.body;
    if (!body) return [];
    const { stages, strayHeadings } = body.stages;
    const out = strayHeadings.map((h) => skillDiagnostic(input, h.offset, this.id, `Unexpected heading \`### ${h.title}\` in Stages; write \`### Stage ${h.expected} — Title\``));
    const section = body.outline.headings.find((h) => h.key === 'stages');
    if (section && stages.length === 0) {
      out.push(skillDiagnostic(input, section.offset, this.id, 'The Stages section has no `### Stage 1 — Title` headings; an assistant walks stages one at a time'));
    }
    stages.forEach((s, i) => {
      if (s.number !== i + 1) out.push(skillDiagnostic(input, s.offset, this.id, `Stage numbered ${s.number}, expected ${i + 1}: number stages 1, 2, 3 … in order`));
    });
    return out;
  },
};
