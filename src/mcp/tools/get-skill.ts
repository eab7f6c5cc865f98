import * as z from 'zod';
import type { Skill } from '../../skill/schema.js';
import { PLAN_VIEW_TOOL_META } from '../apps/plan.js';
import { quarantineWarning, skillStatusOf } from '../status.js';
import {
  citedText,
  CitedTextOutSchema,
  CitationTagSchema,
  findSkill,
  renderCitations,
  resolveCitations,
  ResolvedCitationSchema,
  SkillNameSchema,
  tags,
} from './common.js';
import { skillUri } from '../../skill/uri.js';
import { defineTool, fail, ok } from './define.js';

/** Which part of a skill to render as text; the structured output always carries the whole overview. */
const SECTION_KEYS = {
  overview: ['scope', 'who-and-when'],
  documents: ['documents'],
  stages: ['stages'],
  fees: ['fees'],
  surprises: ['surprises'],
  sources: ['legal-basis', 'verify-with'],
} as const;
const SectionSchema = z.enum(['overview', 'documents', 'stages', 'fees', 'surprises', 'sources', 'all']);

function sectionMarkdown(skill: Skill, section: z.infer<typeof SectionSchema>): string {
  if (section === 'all') return skill.body;
  const keys: readonly string[] = SECTION_KEYS[section];
  const parts = skill.sections.filter((s) => keys.includes(s.key)).map((s) => s.markdown.trim());
  return parts.length > 0 ? parts.join('\n\n') : `This skill has no ${section} section.`;
}

/** `get_skill`: one skill's overview, stages, documents, fees, surprises, contested points and sources. */
export const getSkillTool = defineTool({
  name: 'get_skill',
  title: 'Get a skill',
  description:
    'Returns one skill: title, version, status, digest, summary, the list of stages, documents to bring, fees, ' +
    'known surprises, contested points and every cited source. `section` selects which part is rendered as ' +
    'Markdown (default overview). Community status of the version is included when the server records it.',
  inputSchema: z.strictObject({
    skill: SkillNameSchema,
    section: SectionSchema.default('overview').describe('Part to render as text: overview, documents, stages, fees, surprises, sources or all'),
  }),
  outputSchema: z.object({
    skill: z.string(),
    uri: z.string(),
    title: z.string(),
    version: z.string(),
    status: z.string(),
    last_verified: z.string(),
    digest: z.string(),
    summary: z.string(),
    audience: z.array(z.string()),
    stages: z.array(z.object({ index: z.number().int(), title: z.string() })),
    documents: z.array(CitedTextOutSchema),
    fees: z.array(CitedTextOutSchema),
    surprises: z.array(CitedTextOutSchema),
    contested: z.array(z.object({ text: z.string(), section: z.string(), citations: z.array(CitationTagSchema) })),
    citations: z.array(ResolvedCitationSchema),
    next: z.array(z.object({ skill: z.string(), uri: z.string() })),
    section: SectionSchema,
    markdown: z.string(),
    skill_status: z.record(z.string(), z.unknown()).optional(),
    warning: z.string().optional(),
  }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  _meta: PLAN_VIEW_TOOL_META,
  handler: async ({ skill: name, section }, deps) => {
    const found = findSkill(name, deps.corpus);
    if ('error' in found) return fail(found.error);
    const { skill } = found;
    const status = await skillStatusOf(deps, skill);
    const warning = quarantineWarning(status);
    const citations = resolveCitations(skill.citations, deps.corpus);
    const markdown = sectionMarkdown(skill, section);
    const structured = {
      skill: skill.name,
      uri: skillUri(skill.name),
      title: skill.meta.title,
      version: skill.meta.version,
      status: skill.meta.status,
      last_verified: skill.meta['last-verified'],
      digest: skill.digest,
      summary: skill.summary,
      audience: [...(skill.meta.audience ?? [])],
      stages: skill.stages.map((s) => ({ index: s.index, title: s.title })),
      documents: skill.documents.map(citedText),
      fees: skill.fees.map(citedText),
      surprises: skill.surprises.map(citedText),
      contested: skill.contested.map((c) => ({ text: c.text, section: c.section, citations: tags(c.citations) })),
      citations,
      next: (skill.meta.next ?? []).filter((n) => deps.corpus.getSkill(n)).map((n) => ({ skill: n, uri: skillUri(n) })),
      section,
      markdown,
      ...(status ? { skill_status: status } : {}),
      ...(warning ? { warning } : {}),
    };
    const lines = [
      ...(warning ? [`Warning: ${warning}`, ''] : []),
      `# ${skill.meta.title}`,
      `${skill.name} ${skill.meta.version} (${skill.meta.status}), last verified ${skill.meta['last-verified']}`,
      '',
      skill.summary,
      '',
      `Stages: ${skill.stages.map((s) => `${s.index}. ${s.title}`).join('; ')}`,
    ];
    if (skill.contested.length > 0) {
      lines.push('', 'Contested points (present both readings to the user):', ...skill.contested.map((c) => `- ${c.text}`));
    }
    if (status) lines.push('', `Community status: ${JSON.stringify(status)}`);
    lines.push('', markdown, '', 'Sources:', renderCitations(citations));
    return ok(structured, lines.join('\n'));
  },
});
