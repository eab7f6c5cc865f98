import type * as z from 'zod';
import { INTERNAL_ERROR_MESSAGE, logError } from '../../log.js';
import type { ToolDefinition } from './define.js';
import type { ToolDeps } from './deps.js';

/** The MCP result of a tool call. */
export interface ToolCallResult {
  [key: string]: unknown;
  content: Array<{ type: 'text'; text: string }>;
  structuredContent?: Record<string, unknown>;
  isError?: boolean;
}

/**
 * Runs a tool definition's handler and turns its outcome into an MCP result. An unexpected exception becomes
 * a fixed message (the detail goes to stderr), so no stack trace or internal message reaches a client.
 */
export async function runTool(tool: ToolDefinition, args: unknown, deps: ToolDeps): Promise<ToolCallResult> {
  try {
    if (deps.whenReady) await deps.whenReady();
    const outcome = await tool.handler(args as z.infer<typeof tool.inputSchema>, deps);
    if (outcome.ok) {
      return { content: [{ type: 'text', text: outcome.text }], structuredContent: outcome.structured as Record<string, unknown> };
    }
    return { content: [{ type: 'text', text: outcome.error }], isError: true };
  } catch (error) {
    return toolFailed(tool.name, error);
  }
}

/** The MCP result of a tool call that failed unexpectedly: a fixed message; the detail goes to stderr. */
export function toolFailed(name: string, error: unknown): ToolCallResult {
  logError(`tool ${name} failed`, error);
  return { content: [{ type: 'text', text: INTERNAL_ERROR_MESSAGE }], isError: true };
}
