import { Client, InMemoryTransport } from '@modelcontextprotocol/client';
import * as z from 'zod';
import type { Corpus } from '../corpus/types.js';
import { formatUtcDate } from '../guidance/dates.js';
import { createServer } from '../mcp/server.js';
import type { ToolDefinition } from '../mcp/tools/define.js';
import { toolsFor } from '../mcp/tools/index.js';
import { pickLanguage } from '../views/plan/i18n.js';
import { planICalendar } from '../views/plan/ics.js';
import { readPlan } from '../views/plan/model.js';

/**
 * `GET /plan.ics?<facts>`: the dates of a `find_procedure` answer as an iCalendar file, for people whose assistant
 * does not show the plan view and who want the deadlines in their own calendar (or to subscribe to them). The
 * query carries the same facts as the tool's arguments (`nationality=US&arrival_date=2026-03-02`, nested ones
 * dotted: `residence_card.type=B`), and the tool itself answers them through an in-process MCP client, so the
 * validation and its messages are exactly the tool's. The calendar is the one the plan view offers.
 */

const TOOL = 'find_procedure';

/** The answer for one request: the calendar, or a status and the message that says what to fix. */
export type PlanIcsResult = { ok: true; ics: string } | { ok: false; status: 400 | 422; message: string };

export interface PlanIcsOptions {
  corpus: Corpus;
  now: () => Date;
  /** The tool to ask (default: the server's `find_procedure`). */
  tools?: readonly ToolDefinition[];
}

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
}

function typesOf(schema: JsonSchema | undefined): string[] {
  return [schema?.type ?? []].flat();
}

/** A query value typed as the input schema declares it; values that do not parse stay strings for the tool to reject. */
function coerce(value: string, schema: JsonSchema | undefined): unknown {
  const types = typesOf(schema);
  if ((types.includes('integer') || types.includes('number')) && /^-?\d+(?:\.\d+)?$/.test(value)) return Number(value);
  if (types.includes('boolean') && (value === 'true' || value === 'false')) return value === 'true';
  return value;
}

/**
 * Tool arguments from a query string, typed by the tool's JSON Schema: `a.b=…` fills nested objects. Unknown
 * names pass through unchanged, so the tool's strict schema names them in its error.
 */
export function argumentsFromQuery(query: URLSearchParams, schema: JsonSchema): { args: Record<string, unknown> } | { error: string } {
  const args: Record<string, unknown> = {};
  const seen = new Set<string>();
  for (const [name, value] of query) {
    if (seen.has(name)) return { error: `give each fact once; ${name} appears more than once` };
    seen.add(name);
    const path = name.split('.');
    let target = args;
    let shape: JsonSchema | undefined = schema;
    for (const [i, key] of path.entries()) {
      if (key === '__proto__' || key === 'constructor' || key === 'prototype' || key === '') return { error: `unknown fact ${name}` };
      const field: JsonSchema | undefined = shape?.properties?.[key];
      if (i === path.length - 1) {
        target[key] = coerce(value, field);
      } else {
        const next = target[key];
        if (next !== undefined && (typeof next !== 'object' || next === null)) return { error: `${path.slice(0, i + 1).join('.')} cannot be given both as a value and with sub-fields` };
        target = (next as Record<string, unknown> | undefined) ?? (target[key] = {} as Record<string, unknown>);
        shape = field;
      }
    }
  }
  return { args };
}

function textOf(result: { content?: unknown }): string {
  return ((result.content ?? []) as Array<{ type: string; text?: string }>)
    .filter((c) => c.type === 'text')
    .map((c) => c.text ?? '')
    .join('\n');
}

const inputSchemas = new WeakMap<ToolDefinition, JsonSchema>();

/** The tool's input as JSON Schema (what `tools/list` publishes), computed once per tool definition. */
function inputSchemaOf(tool: ToolDefinition): JsonSchema {
  let schema = inputSchemas.get(tool);
  if (!schema) {
    schema = z.toJSONSchema(tool.inputSchema) as JsonSchema;
    inputSchemas.set(tool, schema);
  }
  return schema;
}

/** Answers one `/plan.ics` request. */
export async function planIcs(query: URLSearchParams, acceptLanguage: string | undefined, options: PlanIcsOptions): Promise<PlanIcsResult> {
  const tools = options.tools ?? toolsFor(options.corpus);
  const tool = tools.find((t) => t.name === TOOL);
  if (!tool) throw new Error(`${TOOL} is not offered`);
  const parsed = argumentsFromQuery(query, inputSchemaOf(tool));
  if ('error' in parsed) return { ok: false, status: 400, message: parsed.error };
  // The call goes through an MCP client without listing the tools first: the client then skips compiling an
  // output validator per request, and the server still validates the arguments exactly as for any client.
  const server = createServer({ corpus: options.corpus, now: options.now, client: { rateKey: 'http-plan-ics', diversityKey: 'http-plan-ics' } }, { tools: [tool], toolsOnly: true });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: 'loket-plan-ics', version: '1.0.0' });
  await server.connect(serverSide);
  await client.connect(clientSide);
  try {
    const result = await client.callTool({ name: TOOL, arguments: parsed.args });
    if (result.isError) return { ok: false, status: 400, message: textOf(result) };
    const plan = readPlan(result.structuredContent);
    if (!plan) throw new Error(`${TOOL} answered with content the plan reader cannot read`);
    const ics = planICalendar(plan, pickLanguage(acceptLanguage), formatUtcDate(options.now()));
    if (!ics) {
      const needs = plan.needs.map((n) => n.fact);
      const reason = plan.exempt ? ` ${plan.exempt.reason}` : plan.outOfScope ? ` ${plan.outOfScope.reason}` : '';
      return {
        ok: false,
        status: 422,
        message: `These facts give no dates to put in a calendar.${reason}${needs.length > 0 ? ` Still needed for dates: ${needs.join(', ')}.` : ''}`,
      };
    }
    return { ok: true, ics };
  } finally {
    await client.close();
    await server.close();
  }
}
