// What the server logs when the MCP handler refuses a request (the client's doing, anyone can send one) and when
// it fails (the server's doing): refusals as short printable lines under a per-minute cap, failures in full.
import { ProtocolError, ProtocolErrorCode } from '@modelcontextprotocol/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isRefusal, mcpErrorLog, REFUSALS_PER_MINUTE } from '../../src/http/refusal-log.js';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('mcpErrorLog', () => {
  it('tells refusals from failures', () => {
    expect(isRefusal(new ProtocolError(ProtocolErrorCode.InvalidRequest, 'Unsupported protocol version: 1999-01-01'))).toBe(true);
    expect(isRefusal(new Error('Rejected inbound request (invalid-json-rpc-body): Bad Request'))).toBe(true);
    expect(isRefusal(new TypeError('Cannot read properties of undefined'))).toBe(false);
    expect(isRefusal(new ProtocolError(ProtocolErrorCode.InternalError, 'handler failed'))).toBe(false);
    expect(isRefusal('a string')).toBe(false);
  });

  it('writes a refusal as one printable line without a stack, its quote cut short', () => {
    const lines: string[] = [];
    const log = mcpErrorLog((l) => lines.push(l), () => 0);
    log(new ProtocolError(ProtocolErrorCode.InvalidRequest, `Unsupported protocol version: \u001b[31mred\u0007 ${'x'.repeat(400)}\nsecond line`));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^loket: mcp: refused a request: .*Unsupported protocol version: \\u\{1b\}\[31mred\\u\{7\} x+…$/);
    expect(lines[0]!.length).toBeLessThan(260);
    expect(lines[0]).not.toContain('\n');
  });

  it(`writes at most ${REFUSALS_PER_MINUTE} refusals a minute and counts the others in the next line`, () => {
    const lines: string[] = [];
    let t = 0;
    const log = mcpErrorLog((l) => lines.push(l), () => t);
    for (let i = 0; i < 100; i++) log(new Error(`Rejected inbound request (invalid-json-rpc-body): number ${i}`));
    expect(lines).toHaveLength(REFUSALS_PER_MINUTE);
    t = 60_000;
    log(new Error('Rejected inbound request (invalid-json-rpc-body): after a minute'));
    expect(lines.at(-1)).toMatch(/after a minute \(90 more refused since the last line, not logged\)$/);
  });

  it('writes a failure of the server with its stack, whatever the cap', () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const lines: string[] = [];
    const log = mcpErrorLog((l) => lines.push(l), () => 0);
    for (let i = 0; i < 20; i++) log(new Error('Rejected inbound request (x): flood'));
    log(new TypeError('Cannot read properties of undefined'));
    const written = stderr.mock.calls.map((c) => String(c[0])).join('');
    expect(written).toMatch(/^loket: mcp: TypeError: Cannot read properties of undefined\n\s+at /);
  });
});
