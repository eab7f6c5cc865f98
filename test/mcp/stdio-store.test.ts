/**
 * `loket serve --stdio` with a submission store: the server answers `initialize` before it opens the store, so a
 * submission sent straight after `initialize` must still wait for the store and come back with a stored
 * receipt, and a store that cannot be opened must leave the server read-only instead of failing the call.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/paths.js';

const OBSERVATION = {
  skill: 'arrival-in-belgium',
  kind: 'caveat',
  text: 'The commune asked for an extra passport photo at the desk this week.',
};

async function connect(db: string): Promise<Client> {
  const client = new Client({ name: 'loket-stdio-store-test', version: '0.0.0' });
  await client.connect(
    new StdioClientTransport({ command: process.execPath, args: ['--import', 'tsx', 'src/cli.ts', 'serve', '--stdio', '--db', db], cwd: repoRoot, stderr: 'pipe' }),
  );
  return client;
}

describe('stdio with a store', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'loket-stdio-store-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('records a submission sent right after initialize and returns its receipt', async () => {
    const client = await connect(join(dir, 'loket.db'));
    try {
      const result = await client.callTool({ name: 'submit_observation', arguments: OBSERVATION });
      expect(result.isError).not.toBe(true);
      const structured = result.structuredContent as { receipt: { id: string; status: string } };
      expect(structured.receipt.status).toBe('recorded');
      const again = await client.callTool({ name: 'submit_observation', arguments: { ...OBSERVATION, text: `${OBSERVATION.text} Also a rental contract.` } });
      expect((again.structuredContent as { receipt: { id: string } }).receipt.id).not.toBe(structured.receipt.id);
    } finally {
      await client.close();
    }
  });

  it('serves read-only when the store cannot be opened', async () => {
    const file = join(dir, 'not-a-folder');
    await writeFile(file, '');
    const client = await connect(join(file, 'loket.db'));
    try {
      const submit = await client.callTool({ name: 'submit_observation', arguments: OBSERVATION });
      expect(submit.isError).toBe(true);
      expect(JSON.stringify(submit.content)).toContain('submissions are not enabled');
      const read = await client.callTool({ name: 'get_skill', arguments: { skill: 'arrival-in-belgium' } });
      expect(read.isError).not.toBe(true);
    } finally {
      await client.close();
    }
  });
});
