/**
 * The per-request server of stateless HTTP: a `tools/call` of a known tool is answered by a server that registers
 * only that tool (`serverOptionsFor`), and its answers are the whole server's, results and errors alike; every
 * other message gets the whole server.
 */
import { describe, expect, it } from 'vitest';
import { serverOptionsFor } from '../../src/mcp/server.js';
import { toolsFor } from '../../src/mcp/tools/index.js';
import { fixtureCorpus } from '../helpers/corpus.js';
import { connectInMemory } from '../helpers/connect.js';

const corpus = fixtureCorpus();
const tools = toolsFor(corpus);
const call = (name: string, args: Record<string, unknown>) => ({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name, arguments: args } });

async function answer(message: ReturnType<typeof call>, narrowed: boolean) {
  const { client, close } = await connectInMemory({ corpus }, narrowed ? serverOptionsFor(message, tools) : {});
  try {
    return await client.callTool(message.params);
  } finally {
    await close();
  }
}

describe('serverOptionsFor', () => {
  it('narrows a tools/call of a known tool to that tool, and nothing else', () => {
    expect(serverOptionsFor(call('get_stage', {}), tools)).toEqual({ tools: [tools.find((t) => t.name === 'get_stage')], toolsOnly: true });
    expect(serverOptionsFor(call('no_such_tool', {}), tools)).toEqual({});
    expect(serverOptionsFor({ jsonrpc: '2.0', id: 1, method: 'tools/list' }, tools)).toEqual({});
    expect(serverOptionsFor({ jsonrpc: '2.0', id: 1, method: 'resources/read', params: { uri: 'skill://x/SKILL.md' } }, tools)).toEqual({});
    expect(serverOptionsFor(undefined, tools)).toEqual({});
  });

  it('the narrowed server answers every call as the whole server does', async () => {
    const calls = [
      call('get_stage', { skill: 'annex-3-arrival-declaration', stage: 2 }),
      call('get_stage', { skill: 'annex-3-arrival-declaration', stage: 99 }),
      call('get_skill', { skill: 'no-such-skill' }),
      call('search_skills', { query: 'bijlage 3' }),
      call('compute_deadline', { from: '2026-04-03', amount: 3, unit: 'working-days' }),
      call('resolve_citation', { ids: ['loi-1980-12-15-etrangers, art. 5'], extra: true }),
    ];
    for (const message of calls) {
      expect(await answer(message, true), JSON.stringify(message.params)).toEqual(await answer(message, false));
    }
  });
});
