import { skillDiagnostic, type SkillRule } from '../rule.js';

/** A stage says what the person does: a list of steps. */
export const stageWithoutSteps: SkillRule = {
  id: 'stage-without-steps',
  scope: 'skill',
  description: 'Every stage has a list of steps.',
  check(input) {
    return (input.parsed.body?.stages.stages ?? [])
      .filter((s) => s.steps.length === 0)
      .map((s) => skillDiagnostic(input, s.offset, this.id, `Stage ${s.number} "${s.title}" has no steps; add a list of what the person does`));
  },
};
