import { McpServer } from '@modelcontextprotocol/server';
import { registerPlanView } from './apps/plan.js';
import { attachSkills } from './extensions/skills.js';
import { INSTRUCTIONS } from './instructions.js';
import { registerRegisterInBelgiumPrompt } from './prompts/register-in-belgium.js';
import { registerWalkThroughPrompt } from './prompts/walk-through.js';
import { registerReferenceResources } from './resources/references.js';
import type { ToolDeps } from './tools/deps.js';
import { type ListedTool, registerListedTools } from './tools/listing.js';

/** Name and version clients see in `initialize`. */
export const SERVER_INFO = { name: 'loket', title: 'loket — Belgian commune procedures', version: '0.1.0' } as const;

/** Upper bound on array/object elements in tool arguments; far above any real call, far below abuse. */
const MAX_TOOL_INPUT_ELEMENTS = 2000;

/** A new MCP server with loket's identity, instructions, capabilities and limits, and nothing registered yet. */
export function newMcpServer(): McpServer {
  return new McpServer(SERVER_INFO, {
    instructions: INSTRUCTIONS,
    capabilities: { tools: { listChanged: false }, resources: { listChanged: false }, prompts: { listChanged: false }, completions: {}, logging: {} },
    maxToolInputElements: MAX_TOOL_INPUT_ELEMENTS,
  });
}

/** Registers everything but the tools: the Skills extension (`skill://`), `reference://` resources, the plan view, prompts. */
export function registerSurface(server: McpServer, deps: ToolDeps): void {
  attachSkills(server, deps);
  registerReferenceResources(server, deps.corpus);
  registerPlanView(server);
  registerWalkThroughPrompt(server, deps);
  registerRegisterInBelgiumPrompt(server, deps);
}

/**
 * The same server as `createServer` (in `server.ts`), with its tools registered by their listings (`listedTools`):
 * the tool modules are loaded on the first call, not to answer `tools/list`. The stdio server starts with it.
 */
export function createListedServer(deps: ToolDeps, tools: readonly ListedTool[]): McpServer {
  const server = newMcpServer();
  registerListedTools(server, deps, tools);
  registerSurface(server, deps);
  return server;
}
