/**
 * `loket serve --stdio` with a submission store: the server answers `initialize` before it opens the store, so a
 * submission sent straight after `initialize` must still wait for the store and come back with a stored
 * receipt, and a store that cannot be opened (an unwritable folder, or a SQLite module built for another Node.js,
 * as in an MCP Bundle run by a desktop app's own Node) must leave the server read-only, saying so in one log line,
 * instead of failing the call.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NODE_LINES_REQUIRED, otherNodeLine } from '../helpers/node-lines.js';
import { repoRoot } from '../helpers/paths.js';

const OBSERVATION = {
  skill: 'arrival-in-belgium',
  kind: 'caveat',
  text: 'The commune asked for an extra passport photo at the desk this week.',
};

interface Connected {
  client: Client;
  /** Everything the server wrote to stderr so far. */
  log: () => string;
}

async function connect(db: string, node: string = process.execPath): Promise<Connected> {
  const client = new Client({ name: 'loket-stdio-store-test', version: '0.0.0' });
  const transport = new StdioClientTransport({ command: node, args: ['--import', 'tsx', 'src/cli.ts', 'serve', '--stdio', '--db', db], cwd: repoRoot, stderr: 'pipe' });
  let log = '';
  transport.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString('utf8')));
  await client.connect(transport);
  return { client, log: () => log };
}

/** The server's warning lines about the store. */
const storeWarnings = (log: string) => log.split('\n').filter((line) => line.includes('submission store'));

describe('stdio with a store', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'loket-stdio-store-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('records a submission sent right after initialize and returns its receipt', async () => {
    const { client, log } = await connect(join(dir, 'loket.db'));
    try {
      const result = await client.callTool({ name: 'submit_observation', arguments: OBSERVATION });
      expect(result.isError, log()).not.toBe(true);
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
    const { client, log } = await connect(join(file, 'loket.db'));
    try {
      const submit = await client.callTool({ name: 'submit_observation', arguments: OBSERVATION });
      expect(submit.isError).toBe(true);
      expect(JSON.stringify(submit.content)).toContain('submissions are not enabled');
      const read = await client.callTool({ name: 'get_skill', arguments: { skill: 'arrival-in-belgium' } });
      expect(read.isError).not.toBe(true);
      const warnings = storeWarnings(log());
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(/^loket: warning: cannot open the submission store: .*; serving read-only \(reporting off\); pass --db PATH/);
    } finally {
      await client.close();
    }
  });

  // Needs a Node.js of another line (`bash .ci/node-lines.sh install`); CI always has one.
  it.skipIf(!otherNodeLine() && !NODE_LINES_REQUIRED)('serves read-only, with one clear log line, when the SQLite module was built for another Node.js', async () => {
    const node = otherNodeLine();
    if (!node) throw new Error('no Node.js of another line under .ci/node-lines: run bash .ci/node-lines.sh install');
    const { client, log } = await connect(join(dir, 'other-node.db'), node);
    try {
      const tools = await client.listTools();
      expect(tools.tools.map((t) => t.name)).toContain('get_stage');
      const submit = await client.callTool({ name: 'submit_observation', arguments: OBSERVATION });
      expect(submit.isError).toBe(true);
      expect(JSON.stringify(submit.content)).toContain('submissions are not enabled');
      const read = await client.callTool({ name: 'get_stage', arguments: { skill: 'arrival-in-belgium', stage: 1 } });
      expect(read.isError).not.toBe(true);
      const warnings = storeWarnings(log());
      expect(warnings).toEqual([
        expect.stringMatching(/^loket: warning: cannot open the submission store: the SQLite module \(better-sqlite3\) was built for another Node\.js or platform and cannot be loaded by Node\.js v\d+\.\d+\.\d+ on linux-x64; serving read-only \(reporting off\); reinstall loket with this Node\.js/),
      ]);
      expect(log()).not.toMatch(/NODE_MODULE_VERSION|\n\s+at /);
    } finally {
      await client.close();
    }
  });
});
