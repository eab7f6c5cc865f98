// The transforms in front of the SDK's stdio transport: the message guard answers a refused request itself and
// passes nothing of it on, and reports every message it lets through (the serve command starts its deferred
// set-up when the first `tools/list` goes by).
import { describe, expect, it } from 'vitest';
import { MessageGuard } from '../../src/mcp/stdio.js';

async function through(lines: string[]): Promise<{ passed: string; replies: string[]; seen: unknown[] }> {
  const replies: string[] = [];
  const seen: unknown[] = [];
  const guard = new MessageGuard((line) => replies.push(line), (message) => seen.push(message));
  let passed = '';
  guard.on('data', (chunk: Buffer) => (passed += chunk.toString('utf8')));
  const done = new Promise((resolve) => guard.on('end', resolve));
  for (const line of lines) guard.write(Buffer.from(line));
  guard.end();
  await done;
  return { passed, replies, seen };
}

describe('MessageGuard', () => {
  it('passes well-formed messages on unchanged and reports each one', async () => {
    const list = `${JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list' })}\n`;
    const note = `${JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' })}\n`;
    const { passed, replies, seen } = await through([note, list]);
    expect(passed).toBe(note + list);
    expect(replies).toEqual([]);
    expect(seen).toEqual([{ jsonrpc: '2.0', method: 'notifications/initialized' }, { jsonrpc: '2.0', id: 2, method: 'tools/list' }]);
  });

  it('Z6: answers a request with a "__proto__" key itself; the SDK and the observer never see it', async () => {
    const bad = '{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"get_stage","arguments":{"__proto__":{"x":1}}}}\n';
    const { passed, replies, seen } = await through([bad]);
    expect(passed).toBe('');
    expect(seen).toEqual([]);
    expect(JSON.parse(replies[0]!)).toMatchObject({ id: 7, error: { code: -32602 } });
  });

  it('passes a line that is not JSON on for the SDK to answer, without reporting it', async () => {
    const { passed, seen } = await through(['{not json\n']);
    expect(passed).toBe('{not json\n');
    expect(seen).toEqual([]);
  });
});
