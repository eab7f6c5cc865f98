/**
 * The stdio server lists its tools from their listings (`listedTools`) and loads the tool modules on the first call:
 * what it lists and how it answers calls must be exactly what the server built from the tool definitions does.
 */
import { Client, InMemoryTransport } from '@modelcontextprotocol/client';
import type { McpServer } from '@modelcontextprotocol/server';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Corpus } from '../../src/corpus/types.js';
import { loadCorpus } from '../../src/load-corpus.js';
import { createListedServer } from '../../src/mcp/compose.js';
import { createServer } from '../../src/mcp/server.js';
import { listedTools } from '../../src/mcp/tools/listing.js';
import { testDeps } from '../helpers/connect.js';
import { repoRoot } from '../helpers/paths.js';

async function connect(server: McpServer) {
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: 'loket-test', version: '0.0.0' });
  await server.connect(serverTransport);
  await client.connect(clientTransport);
  return { client, close: async () => (await client.close(), await server.close()) };
}

/** The same requests to the server built from definitions and to the one built from listings. */
async function both<T>(corpus: Corpus, ask: (client: Client) => Promise<T>): Promise<[T, T]> {
  const deps = testDeps({ corpus });
  const eager = await connect(createServer(deps));
  const listed = await connect(createListedServer(deps, await listedTools(corpus.guidance.vocabulary)));
  try {
    return [await ask(eager.client), await ask(listed.client)];
  } finally {
    await eager.close();
    await listed.close();
  }
}

describe('tools registered by their listings', () => {
  let corpus: Corpus;
  beforeAll(async () => {
    corpus = await loadCorpus(repoRoot);
  });

  it('are listed exactly as the tools built from their definitions, find_procedure over the corpus facts included', async () => {
    const [eager, listed] = await both(corpus, (c) => c.listTools());
    expect(JSON.stringify(listed)).toBe(JSON.stringify(eager));
    const findProcedure = listed.tools.find((t) => t.name === 'find_procedure')!;
    expect(Object.keys(findProcedure.inputSchema.properties ?? {})).toEqual([...corpus.guidance.vocabulary.names, 'today']);
    expect(findProcedure.description).toContain(corpus.guidance.vocabulary.names[0]);
  });

  it('answer valid calls as those tools do', async () => {
    const calls = [
      { name: 'get_stage', arguments: { skill: 'annex-3-arrival-declaration', stage: 1 } },
      { name: 'find_procedure', arguments: { nationality: 'NL', today: '2026-03-02' } },
      { name: 'compute_deadline', arguments: { from: '2026-03-02', amount: 8, unit: 'working-days' } },
    ];
    for (const call of calls) {
      const [eager, listed] = await both(corpus, (c) => c.callTool(call));
      expect(listed, call.name).toEqual(eager);
      expect(listed.isError, call.name).toBeFalsy();
    }
  });

  it('refuse invalid arguments with the same messages: unknown keys, unknown facts, wrong types', async () => {
    const calls = [
      { name: 'get_stage', arguments: { skill: 'annex-3-arrival-declaration', stage: 1, extra: true } },
      { name: 'get_stage', arguments: { skill: 'annex-3-arrival-declaration', stage: 'one' } },
      { name: 'find_procedure', arguments: { no_such_fact: 1 } },
      { name: 'submit_observation', arguments: {} },
    ];
    for (const call of calls) {
      const [eager, listed] = await both(corpus, (c) => c.callTool(call));
      expect(listed, call.name).toEqual(eager);
      expect(listed.isError, call.name).toBe(true);
    }
  });
});
