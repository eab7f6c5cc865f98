import type * as z from 'zod';
import type { ToolDeps } from './deps.js';

/** What a tool handler returns: structured output plus its text rendering, or an error that says what to fix. */
export type ToolOutcome<O> =
  | { ok: true; structured: O; text: string }
  | { ok: false; error: string };

/**
 * A tool as data: name, title, description, strict input schema, output schema, annotations, and a handler that
 * receives validated arguments and the shared dependencies. `src/mcp/tools/index.ts` registers the list.
 */
export interface ToolDefinition<I extends z.ZodObject = z.ZodObject, O extends z.ZodObject = z.ZodObject> {
  name: string;
  title: string;
  description: string;
  inputSchema: I;
  outputSchema: O;
  annotations: {
    readOnlyHint: boolean;
    destructiveHint?: boolean;
    idempotentHint?: boolean;
    openWorldHint?: boolean;
  };
  /** Tool metadata published in `tools/list`, e.g. `ui.resourceUri` naming the MCP App view of its results. */
  _meta?: { ui?: { resourceUri: string } };
  handler: (args: z.infer<I>, deps: ToolDeps) => ToolOutcome<z.infer<O>> | Promise<ToolOutcome<z.infer<O>>>;
}

/** Identity helper that keeps the generic types of a tool definition. */
export function defineTool<I extends z.ZodObject, O extends z.ZodObject>(def: ToolDefinition<I, O>): ToolDefinition<I, O> {
  return def;
}

/** A successful outcome. */
export function ok<O>(structured: O, text: string): ToolOutcome<O> {
  return { ok: true, structured, text };
}

/** An error outcome: `message` tells the caller what to fix; it never carries internals. */
export function fail(message: string): ToolOutcome<never> {
  return { ok: false, error: message };
}
