/**
 * Connects a real MCP Client to `createServer` in-process (SDK testing pattern), so tests exercise the same
 * protocol path a desktop client does. Other suites reuse it: `const { client, close } = await connectInMemory()`.
 */
import { Client, InMemoryTransport } from '@modelcontextprotocol/client';
import type { Corpus } from '../../src/corpus/types.js';
import { createServer, type CreateServerOptions } from '../../src/mcp/server.js';
import type { ToolDeps } from '../../src/mcp/tools/deps.js';
import { fixtureCorpus } from './corpus.js';

/** Deps for tests: the fixture corpus, a fixed clock (2026-11-23 10:00 Brussels) and a test caller identity. */
export function testDeps(overrides: Partial<ToolDeps> & { corpus?: Corpus } = {}): ToolDeps {
  return {
    corpus: overrides.corpus ?? fixtureCorpus(),
    now: overrides.now ?? (() => new Date('2026-11-23T09:00:00Z')),
    client: overrides.client ?? { rateKey: 'test-rate', diversityKey: 'test-diversity' },
    ...(overrides.submissions ? { submissions: overrides.submissions } : {}),
  };
}

/** A connected client and a function that closes both ends. */
export interface Connected {
  client: Client;
  close: () => Promise<void>;
}

/** Starts `createServer(deps)` and connects a Client to it over a linked in-memory transport pair. */
export async function connectInMemory(deps: Partial<ToolDeps> = {}, options: CreateServerOptions = {}): Promise<Connected> {
  const server = createServer(testDeps(deps), options);
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: 'loket-test', version: '0.0.0' });
  await server.connect(serverTransport);
  await client.connect(clientTransport);
  return {
    client,
    close: async () => {
      await client.close();
      await server.close();
    },
  };
}

/** The text of a tool result's first content block. */
export function textOf(result: { content?: unknown }): string {
  const [first] = (result.content ?? []) as Array<{ type: string; text?: string }>;
  return first?.type === 'text' ? (first.text ?? '') : '';
}
