import { registerAppTool } from '@modelcontextprotocol/ext-apps/server';
import type { McpServer, StandardSchemaWithJSON } from '@modelcontextprotocol/server';
import { factsInputSchema } from '../../guidance/facts.js';
import type { Guidance } from '../../guidance/guidance.js';
import type { ToolDefinition } from './define.js';
import type { ToolDeps } from './deps.js';
import { FIND_PROCEDURE, findProcedurePresentation } from './find-procedure-listing.js';
import { runTool, toolFailed, type ToolCallResult } from './run.js';
import { JSON_SCHEMA_TARGET, preparedSchemas, toolJsonSchemas } from './schemas.js';

/** What `tools/list` shows of a tool: its presentation and its JSON Schemas (input and output). */
export interface ToolListing {
  name: string;
  title: string;
  description: string;
  annotations: Record<string, unknown>;
  _meta?: ToolDefinition['_meta'];
  input: Record<string, unknown>;
  output: Record<string, unknown>;
}

/** The annotations a tool is listed with: its title, then its hints. */
export function listedAnnotations(tool: Pick<ToolDefinition, 'title' | 'annotations'>): Record<string, unknown> {
  return { title: tool.title, ...tool.annotations };
}

/** A tool's listing, its JSON Schemas converted from its zod schemas exactly as `tools/list` converts them. */
export function listingOf(tool: ToolDefinition): ToolListing {
  return {
    name: tool.name,
    title: tool.title,
    description: tool.description,
    annotations: listedAnnotations(tool),
    ...(tool._meta ? { _meta: tool._meta } : {}),
    ...toolJsonSchemas(tool),
  };
}

/**
 * Every tool's listing over the empty fact vocabulary, in `tools/list` order, computed when the start-up bundle is
 * built (`scripts/build.mjs` defines this constant, as JSON text, with `corpusIndependentListings`); absent
 * elsewhere.
 */
declare const LOKET_TOOL_LISTINGS: string | undefined;
let built: readonly ToolListing[] | undefined;

/** The listings the build computed ahead (see {@link LOKET_TOOL_LISTINGS}), or undefined outside the bundle. */
export function builtListings(): readonly ToolListing[] | undefined {
  if (built === undefined && typeof LOKET_TOOL_LISTINGS === 'string') built = JSON.parse(LOKET_TOOL_LISTINGS) as ToolListing[];
  return built;
}

/** A tool known by its listing; its definition (zod schemas and handler) is loaded on first use. */
export interface ListedTool {
  listing: ToolListing;
  load(): Promise<ToolDefinition>;
}

/**
 * Every tool over `vocabulary` (as `toolsForVocabulary` makes them), by listing: the stdio server lists them before
 * it loads the tool modules, whose zod schemas take a while to build, and loads those on the first call or the
 * first check of a call's arguments. find_procedure's input schema and description come from the vocabulary here;
 * every other listing is the one the build computed, or, without a build, computed from the tools now.
 */
export async function listedTools(vocabulary: Guidance['vocabulary']): Promise<ListedTool[]> {
  let tools: Promise<readonly ToolDefinition[]> | undefined;
  const definitions = () => (tools ??= import('./index.js').then((m) => m.toolsForVocabulary(vocabulary)));
  const listings = builtListings() ?? (await import('./index.js')).corpusIndependentListings(vocabulary);
  return listings.map((listing) => ({
    listing: listing.name === FIND_PROCEDURE ? findProcedureListing(listing, vocabulary) : listing,
    load: async () => {
      const tool = (await definitions()).find((t) => t.name === listing.name);
      if (!tool) throw new Error(`tool ${listing.name} is listed but not defined`);
      return tool;
    },
  }));
}

/** find_procedure's listing over `vocabulary`: `listing` (over the empty one) with its input and description. */
function findProcedureListing(listing: ToolListing, vocabulary: Guidance['vocabulary']): ToolListing {
  const { description } = findProcedurePresentation(vocabulary.names);
  const input = (factsInputSchema(vocabulary) as unknown as StandardSchemaWithJSON)['~standard'].jsonSchema.input({ target: JSON_SCHEMA_TARGET });
  return { ...listing, description, input: input as Record<string, unknown> };
}

/**
 * A schema that shows `json` as its JSON Schema and validates with the schema `load` gives, loaded on the first
 * value to check. Only the JSON Schema target the SDK converts to is known ahead; another one is an error.
 */
function schemaLoadedOnUse(json: Record<string, unknown>, io: 'input' | 'output', load: () => Promise<StandardSchemaWithJSON>): StandardSchemaWithJSON {
  const convert = (as: 'input' | 'output') => (options?: { target?: unknown }) => {
    if (as !== io || options?.target !== JSON_SCHEMA_TARGET) throw new Error(`only the ${io} JSON Schema (${JSON_SCHEMA_TARGET}) of this tool is known before it is loaded`);
    return json;
  };
  const std = {
    version: 1,
    vendor: 'zod',
    validate: async (value: unknown) => (await load())['~standard'].validate(value),
    jsonSchema: { input: convert('input'), output: convert('output') },
  };
  return { '~standard': std } as unknown as StandardSchemaWithJSON;
}

/**
 * Registers tools by their listings: `tools/list` shows the listings, and a call loads its tool, checks its
 * arguments with the tool's zod schemas (made strict, as `registerTools` does) and runs it as `registerTools` would.
 */
export function registerListedTools(server: McpServer, deps: ToolDeps, tools: readonly ListedTool[]): void {
  for (const { listing, load } of tools) {
    const schemas = () => load().then((tool) => preparedSchemas(tool));
    const config = {
      title: listing.title,
      description: listing.description,
      inputSchema: schemaLoadedOnUse(listing.input, 'input', async () => (await schemas()).input),
      outputSchema: schemaLoadedOnUse(listing.output, 'output', async () => (await schemas()).output),
      annotations: listing.annotations,
    };
    const handler = (args: unknown) => load().then((tool) => runTool(tool, args, deps), (error: unknown) => toolFailed(listing.name, error));
    registerOne(server, listing.name, config, listing._meta, handler);
  }
}

/** The configuration a tool is registered with (what `tools/list` shows of it but its name and `_meta`). */
export interface ToolConfig {
  title: string;
  description: string;
  inputSchema: StandardSchemaWithJSON;
  outputSchema: StandardSchemaWithJSON;
  annotations: Record<string, unknown>;
}

/**
 * Registers one tool. A tool with an MCP App view goes through the ext-apps helper, which also writes the older
 * `ui/resourceUri` key; every other tool is registered as it is.
 */
export function registerOne(server: McpServer, name: string, config: ToolConfig, meta: ToolDefinition['_meta'], handler: (args: unknown) => Promise<ToolCallResult>): void {
  if (meta?.ui) registerAppTool(server, name, { ...config, _meta: meta }, handler);
  else server.registerTool(name, config, handler);
}
