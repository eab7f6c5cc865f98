import type { StandardSchemaWithJSON } from '@modelcontextprotocol/server';
import type * as z from 'zod';
import type { ToolDefinition } from './define.js';

type Std = StandardSchemaWithJSON['~standard'];
type JsonOptions = Parameters<Std['jsonSchema']['input']>[0];

/** The JSON Schema draft the SDK converts tool schemas to (`tools/list`). */
export const JSON_SCHEMA_TARGET = 'draft-2020-12';

/** A tool's JSON Schemas as `tools/list` shows them: its input schema as input, its output schema as output. */
export interface ToolJsonSchemas {
  input: Record<string, unknown>;
  output: Record<string, unknown>;
}

/**
 * Wraps a schema so its JSON Schema form is computed once per process instead of once per server. HTTP serving
 * builds a fresh server for every request (stateless), and converting zod schemas on each one dominated the cost
 * of a request; validation still runs through the schema itself.
 */
export function memoizedJsonSchema(schema: z.ZodType, seed?: { io: 'input' | 'output'; json: Record<string, unknown> }): StandardSchemaWithJSON {
  const std = (schema as unknown as StandardSchemaWithJSON)['~standard'];
  const cache = new Map<string, Record<string, unknown>>();
  if (seed) cache.set(`${seed.io}\u0000${JSON_SCHEMA_TARGET}`, seed.json);
  const convert = (io: 'input' | 'output') => (options: JsonOptions) => {
    const key = `${io}\u0000${String(options?.target ?? '')}`;
    let json = cache.get(key);
    if (!json) {
      json = std.jsonSchema[io](options) as Record<string, unknown>;
      cache.set(key, json);
    }
    return json;
  };
  const wrapped: Std = {
    version: 1,
    vendor: std.vendor,
    validate: (value: unknown) => std.validate(value),
    jsonSchema: { input: convert('input'), output: convert('output') },
  } as Std;
  return { '~standard': wrapped } as StandardSchemaWithJSON;
}

interface PreparedSchemas {
  input: StandardSchemaWithJSON;
  output: StandardSchemaWithJSON;
}

const prepared = new WeakMap<ToolDefinition, PreparedSchemas>();

/**
 * The schemas a tool is registered with: the input made strict (unknown keys rejected even if a tool was written
 * with a plain `z.object`) and both memoised. Built once per tool definition. `built` are its JSON Schemas computed
 * ahead of time (when dist/ was built, see `scripts/build.mjs`); validation always runs through the zod schemas.
 */
export function preparedSchemas(tool: ToolDefinition, built?: ToolJsonSchemas): PreparedSchemas {
  let schemas = prepared.get(tool);
  if (!schemas) {
    // An input that is already strict keeps its own messages (find_procedure lists the facts it knows).
    const strict = (tool.inputSchema.def.catchall as { def?: { type?: string } } | undefined)?.def?.type === 'never';
    schemas = {
      input: memoizedJsonSchema(strict ? tool.inputSchema : tool.inputSchema.strict(), built && { io: 'input', json: built.input }),
      output: memoizedJsonSchema(tool.outputSchema, built && { io: 'output', json: built.output }),
    };
    prepared.set(tool, schemas);
  }
  return schemas;
}

/** A tool's JSON Schemas, converted from its zod schemas exactly as `tools/list` converts them. */
export function toolJsonSchemas(tool: ToolDefinition): ToolJsonSchemas {
  const { input, output } = preparedSchemas(tool);
  return {
    input: input['~standard'].jsonSchema.input({ target: JSON_SCHEMA_TARGET }) as Record<string, unknown>,
    output: output['~standard'].jsonSchema.output({ target: JSON_SCHEMA_TARGET }) as Record<string, unknown>,
  };
}
