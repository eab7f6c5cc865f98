import * as z from 'zod';
import { ProcedureFileSchema, VocabularySchema } from './schema.js';

/**
 * JSON Schemas of the procedure file and the fact vocabulary, generated from their zod schemas, so editors can
 * complete and check `procedure.yaml` and `facts.yaml`. Published under `docs/schema/` and at `/schema/<name>.json`.
 */
export function procedureJsonSchema(): Record<string, unknown> {
  return { ...z.toJSONSchema(ProcedureFileSchema, { io: 'input', unrepresentable: 'any' }), title: 'loket procedure file (skills/<name>/procedure.yaml)' };
}

export function factsJsonSchema(): Record<string, unknown> {
  return { ...z.toJSONSchema(VocabularySchema, { io: 'input', unrepresentable: 'any' }), title: 'loket fact vocabulary (facts.yaml)' };
}

/** The published schemas by file name. */
export const JSON_SCHEMAS: Readonly<Record<string, () => Record<string, unknown>>> = {
  'procedure.schema.json': procedureJsonSchema,
  'facts.schema.json': factsJsonSchema,
};
