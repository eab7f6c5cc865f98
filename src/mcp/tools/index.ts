import type { McpServer } from '@modelcontextprotocol/server';
import type { ToolDefinition } from './define.js';
import type { ToolDeps } from './deps.js';
import type { Corpus } from '../../corpus/types.js';
import { createGuidance, type Guidance } from '../../guidance/guidance.js';
import { FIND_PROCEDURE } from './find-procedure-listing.js';
import { getSkillTool } from './get-skill.js';
import { getStageTool } from './get-stage.js';
import { builtListings, listedAnnotations, listingOf, registerOne, type ToolListing } from './listing.js';
import { runTool } from './run.js';
import { preparedSchemas, type ToolJsonSchemas } from './schemas.js';
import { resolveCitationTool } from './resolve-citation.js';
import { searchSkillsTool } from './search-skills.js';
import { computeDeadlineTool } from './compute-deadline.js';
import { findProcedureTool } from './find-procedure.js';
import { schengenStayTool } from './schengen-stay.js';
import { submitObservationTool } from './submit-observation.js';
import { submitValidationTool } from './submit-validation.js';

/** The tools that do not depend on the corpus, in `tools/list` order around find_procedure. */
const BEFORE = [searchSkillsTool] as unknown as readonly ToolDefinition[];
const AFTER = [getSkillTool, getStageTool, resolveCitationTool, computeDeadlineTool, schengenStayTool, submitValidationTool, submitObservationTool] as unknown as readonly ToolDefinition[];

const forCorpus = new WeakMap<Corpus, readonly ToolDefinition[]>();

/**
 * The JSON Schemas of the tools that do not depend on the corpus, by tool name, computed when the start-up bundle
 * is built (see {@link builtListings}); absent elsewhere, where the first `tools/list` converts them.
 */
const BUILT_JSON_SCHEMAS: Readonly<Record<string, ToolJsonSchemas>> | undefined = (() => {
  const built = builtListings();
  return built && Object.fromEntries(built.filter((l) => l.name !== FIND_PROCEDURE).map((l) => [l.name, { input: l.input, output: l.output }]));
})();
const CORPUS_INDEPENDENT = new Set<ToolDefinition>([...BEFORE, ...AFTER]);

/**
 * What `tools/list` shows of every tool, in its order, over `vocabulary` (find_procedure's input schema and
 * description depend on it; `listedTools` replaces those two for the vocabulary a server lists). The build computes
 * them ahead for the start-up bundle, over the empty vocabulary.
 */
export function corpusIndependentListings(vocabulary: Guidance['vocabulary']): ToolListing[] {
  return toolsForVocabulary(vocabulary).map(listingOf);
}

/**
 * Every tool the server offers over a corpus, in the order `tools/list` shows them (discovery first, then
 * reading, then reporting). find_procedure's input schema comes from the corpus's fact vocabulary, so the list is
 * built per corpus, once.
 */
export function toolsFor(corpus: Corpus): readonly ToolDefinition[] {
  let tools = forCorpus.get(corpus);
  if (!tools) {
    tools = Object.freeze([...BEFORE, findProcedureTool(corpus.guidance), ...AFTER]);
    forCorpus.set(corpus, tools);
  }
  return tools;
}

/**
 * The same tools as {@link toolsFor}, listed before the corpus is loaded: find_procedure's schema and description
 * come from `vocabulary` (the one the corpus will have, see `loadVocabulary`), and its calls are answered from the
 * guidance of the corpus in `deps`, so they must not run before that corpus is loaded.
 */
export function toolsForVocabulary(vocabulary: Guidance['vocabulary']): readonly ToolDefinition[] {
  const listed = findProcedureTool(createGuidance(vocabulary, []));
  const findProcedure: ToolDefinition = { ...listed, handler: (args, deps) => findProcedureTool(deps.corpus.guidance).handler(args, deps) };
  return Object.freeze([...BEFORE, findProcedure, ...AFTER]);
}

/**
 * Registers tools on a server. Input schemas are made strict here as well, so a tool written with a plain
 * `z.object` still rejects unknown keys (the SDK answers `isError` with the zod message naming the key); their
 * JSON Schema forms are computed once per process (see `schemas.ts`).
 */
export function registerTools(server: McpServer, deps: ToolDeps, tools: readonly ToolDefinition[] = toolsFor(deps.corpus)): void {
  for (const tool of tools) {
    const schemas = preparedSchemas(tool, CORPUS_INDEPENDENT.has(tool) ? BUILT_JSON_SCHEMAS?.[tool.name] : undefined);
    const config = {
      title: tool.title,
      description: tool.description,
      inputSchema: schemas.input,
      outputSchema: schemas.output,
      annotations: listedAnnotations(tool),
    };
    registerOne(server, tool.name, config, tool._meta, (args) => runTool(tool, args, deps));
  }
}

export { runTool };
