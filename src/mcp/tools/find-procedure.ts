import * as z from 'zod';
import { ProcedureAnswerSchema, type ProcedureAnswer } from '../../guidance/answer.js';
import { todayInBrussels } from '../../guidance/dates.js';
import { findProcedure } from '../../guidance/engine.js';
import { factsInputSchema } from '../../guidance/facts.js';
import type { Guidance } from '../../guidance/guidance.js';
import { PLAN_VIEW_FIELDS, planViewFields } from '../apps/plan-data.js';
import { defineTool, fail, ok, type ToolDefinition } from './define.js';
import { findProcedurePresentation } from './find-procedure-listing.js';

// The plan view (an MCP App) reads the answer plus the stages, documents and sources of the skills it names.
const OutputSchema = ProcedureAnswerSchema.extend({ today: z.string().describe('The reference date used, YYYY-MM-DD'), ...PLAN_VIEW_FIELDS });

/** Renders an answer as text for clients that do not read structured content. */
export function procedureAnswerText(answer: ProcedureAnswer): string {
  const lines: string[] = [];
  answer.exemptions.forEach((e, i) => lines.push(i === 0 && answer.procedures.length === 0 ? `No procedure needed: ${e.reason}` : `Not needed${e.skill ? ` (${e.skill})` : ''}: ${e.reason}`));
  if (answer.out_of_scope) lines.push(`Out of scope here: ${answer.out_of_scope.reason} See ${answer.out_of_scope.uri}.`);
  for (const p of answer.procedures) {
    lines.push(`${p.title} — ${p.why}`);
    if (p.deadline) lines.push(`  Deadline: ${p.deadline.date}${p.deadline.safe_date ? ` (safe date: ${p.deadline.safe_date})` : ''}. ${p.deadline.rule}`);
    if (p.window) lines.push(`  Window: ${p.window.opens} to ${p.window.closes}.`);
    for (const [name, date] of Object.entries(p.dates ?? {})) lines.push(`  ${name.replace(/_/g, ' ')}: ${date}.`);
    lines.push(`  Skill: ${p.uri}`);
  }
  if (answer.needs.length > 0) lines.push(`Still needed for a precise answer: ${answer.needs.map((n) => `${n.fact} (${n.question})`).join('; ')}`);
  lines.push(...answer.notes.map((n) => `Note: ${n}`));
  if (lines.length === 0) lines.push('No commune procedure matches these facts.');
  return lines.join('\n');
}

const built = new WeakMap<Guidance, ToolDefinition>();

/**
 * find_procedure over a corpus's procedure files. Its input schema is generated from the corpus's fact vocabulary
 * (`facts.yaml`), so the tool is built per corpus, once.
 */
export function findProcedureTool(guidance: Guidance): ToolDefinition {
  const existing = built.get(guidance);
  if (existing) return existing;
  const tool = defineTool({
    ...findProcedurePresentation(guidance.vocabulary.names),
    inputSchema: factsInputSchema(guidance.vocabulary),
    outputSchema: OutputSchema,
    handler: (args, deps) => {
      const { today: given, ...facts } = args as Record<string, unknown> & { today?: string };
      const today = given ?? todayInBrussels(deps.now());
      const answer = findProcedure(guidance, facts, today);
      if ('code' in answer) return fail(answer.message);
      return ok({ today, ...answer, ...planViewFields(answer, deps.corpus) }, procedureAnswerText(answer));
    },
  });
  built.set(guidance, tool as unknown as ToolDefinition);
  return tool as unknown as ToolDefinition;
}
