import type { McpServer } from '@modelcontextprotocol/server';
import { newMcpServer, registerSurface } from './compose.js';
import type { ToolDefinition } from './tools/define.js';
import type { ToolDeps } from './tools/deps.js';
import { registerTools, toolsFor } from './tools/index.js';

export { SERVER_INFO } from './compose.js';

/** Options for tests and embedding: which tools to offer (default: every tool, `toolsFor(corpus)`). */
export interface CreateServerOptions {
  tools?: readonly ToolDefinition[];
  /**
   * Register the tools only: no resources, prompts, Skills extension or plan view. For a server that answers a
   * single `tools/call` (stateless HTTP builds one per request), where nothing else can be asked of it.
   */
  toolsOnly?: boolean;
}

/**
 * The server options for answering one JSON-RPC message: a `tools/call` of a known tool needs only that tool, so
 * the per-request server registers just it (registering every tool, resource and prompt cost about 0.5 ms a
 * request, most of a `get_stage` call's own work); any other message gets the whole server.
 */
export function serverOptionsFor(message: unknown, tools: readonly ToolDefinition[]): CreateServerOptions {
  const { method, params } = (message ?? {}) as { method?: unknown; params?: { name?: unknown } };
  if (method !== 'tools/call' || typeof params?.name !== 'string') return {};
  const tool = tools.find((t) => t.name === params.name);
  return tool ? { tools: [tool], toolsOnly: true } : {};
}

/**
 * Builds one MCP server over the shared, immutable corpus: tools, the Skills extension (`skill://`),
 * `reference://` resources, prompts with skill-name completion, and `instructions`. Cheap enough to call per
 * HTTP request (stateless serving); nothing here reads files.
 */
export function createServer(deps: ToolDeps, options: CreateServerOptions = {}): McpServer {
  const server = newMcpServer();
  registerTools(server, deps, options.tools ?? toolsFor(deps.corpus));
  if (options.toolsOnly) return server;
  registerSurface(server, deps);
  return server;
}
