import * as z from 'zod';
import { citedText, CitedTextOutSchema, findSkill, renderCitations, resolveCitations, ResolvedCitationSchema, SkillNameSchema } from './common.js';
import { skillUri } from '../../skill/uri.js';
import { defineTool, fail, ok } from './define.js';
import { quarantineWarning, skillStatusOf } from '../status.js';

/** `get_stage`: one stage of a skill, so an assistant can walk a procedure one step at a time. */
export const getStageTool = defineTool({
  name: 'get_stage',
  title: 'Get one stage of a skill',
  description:
    'Returns one stage of a skill (1-based): its title, steps, deadline and outcome with their citations, the ' +
    'total number of stages and what comes next.',
  inputSchema: z.strictObject({
    skill: SkillNameSchema,
    stage: z.number().int().min(1).max(1000).describe('Stage number, starting at 1'),
  }),
  outputSchema: z.object({
    skill: z.string(),
    uri: z.string(),
    total: z.number().int(),
    stage: z.object({
      index: z.number().int(),
      title: z.string(),
      steps: z.array(CitedTextOutSchema),
      deadline: CitedTextOutSchema.optional(),
      outcome: CitedTextOutSchema.optional(),
      markdown: z.string(),
    }),
    next: z.object({ stage: z.number().int(), title: z.string() }).optional(),
    next_skills: z.array(z.object({ skill: z.string(), uri: z.string() })).optional(),
    citations: z.array(ResolvedCitationSchema),
    warning: z.string().optional(),
  }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  handler: async ({ skill: name, stage: index }, deps) => {
    const found = findSkill(name, deps.corpus);
    if ('error' in found) return fail(found.error);
    const { skill } = found;
    const total = skill.stages.length;
    const stage = skill.stages.find((s) => s.index === index);
    if (!stage) {
      return fail(
        total === 0
          ? `${skill.name} has no stages; use get_skill to read it`
          : `stage ${index} is out of range: ${skill.name} has ${total} stage${total === 1 ? '' : 's'} (1–${total})`,
      );
    }
    const following = skill.stages.find((s) => s.index === index + 1);
    const nextSkills = following
      ? undefined
      : (skill.meta.next ?? []).filter((n) => deps.corpus.getSkill(n)).map((n) => ({ skill: n, uri: skillUri(n) }));
    const citations = resolveCitations(stage.citations, deps.corpus);
    const warning = quarantineWarning(await skillStatusOf(deps, skill));
    const structured = {
      skill: skill.name,
      uri: skillUri(skill.name),
      total,
      stage: {
        index: stage.index,
        title: stage.title,
        steps: stage.steps.map(citedText),
        ...(stage.deadline ? { deadline: citedText(stage.deadline) } : {}),
        ...(stage.outcome ? { outcome: citedText(stage.outcome) } : {}),
        markdown: stage.markdown,
      },
      ...(following ? { next: { stage: following.index, title: following.title } } : {}),
      ...(nextSkills && nextSkills.length > 0 ? { next_skills: nextSkills } : {}),
      citations,
      ...(warning ? { warning } : {}),
    };
    const lines = [...(warning ? [`Warning: ${warning}`, ''] : []), `Stage ${stage.index} of ${total}: ${stage.title}`, '', stage.markdown.trim()];
    if (citations.length > 0) lines.push('', 'Sources:', renderCitations(citations));
    if (following) lines.push('', `Next: stage ${following.index} — ${following.title}`);
    else if (nextSkills && nextSkills.length > 0) lines.push('', `This was the last stage. Related skills: ${nextSkills.map((n) => n.skill).join(', ')}`);
    else lines.push('', 'This was the last stage.');
    return ok(structured, lines.join('\n'));
  },
});
