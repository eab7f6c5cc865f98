import { ProtocolError, ProtocolErrorCode } from '@modelcontextprotocol/server';
import { logError, type LogLine } from '../log.js';

/**
 * What the MCP handler reports while it serves: a request it refused (a protocol version it does not speak, a body
 * that is not JSON-RPC, headers that contradict the body) or a failure of the server itself. A refusal is the
 * client's doing and anyone can send one, so it is logged as one short line, without a stack, and at most
 * {@link REFUSALS_PER_MINUTE} times a minute (a flood of bad requests cannot flood the log); what it quotes of the
 * request is cut short and kept printable. A failure of the server is logged in full, as every unexpected error is.
 */

/** Refusal lines written per minute at most; the rest are counted and the count is written with the next line. */
export const REFUSALS_PER_MINUTE = 10;
/** Characters of a refusal's message kept in its line. */
const MESSAGE_CHARS = 160;

/**
 * Whether an error the MCP handler reports is a request it refused rather than a failure of the server (a protocol
 * error other than an internal one).
 */
export function isRefusal(error: unknown): boolean {
  if (error instanceof ProtocolError) return error.code !== ProtocolErrorCode.InternalError;
  return error instanceof Error && error.message.startsWith('Rejected inbound request');
}

/** A refusal's message as one printable line of bounded length. */
function printable(message: string): string {
  const flat = message.replace(/[^\x20-\x7e]/g, (c) => (c === '\n' || c === '\r' || c === '\t' ? ' ' : `\\u{${c.codePointAt(0)!.toString(16)}}`));
  return flat.length > MESSAGE_CHARS ? `${flat.slice(0, MESSAGE_CHARS)}…` : flat;
}

/**
 * The `onerror` of the MCP handler: refusals to `write` as short lines under a per-minute cap, anything else to
 * the error log with its stack. `now` is the clock (tests pass their own).
 */
export function mcpErrorLog(write: LogLine, now: () => number = Date.now): (error: unknown) => void {
  let windowStart = -Infinity;
  let written = 0;
  let dropped = 0;
  return (error) => {
    if (!isRefusal(error)) {
      logError('mcp', error);
      return;
    }
    const t = now();
    if (t - windowStart >= 60_000) {
      windowStart = t;
      written = 0;
    }
    if (written >= REFUSALS_PER_MINUTE) {
      dropped++;
      return;
    }
    written++;
    const more = dropped > 0 ? ` (${dropped} more refused since the last line, not logged)` : '';
    dropped = 0;
    write(`loket: mcp: refused a request: ${printable((error as Error).message)}${more}`);
  };
}
