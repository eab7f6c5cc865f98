import type { IncomingMessage, ServerResponse } from 'node:http';
import { isIP } from 'node:net';
import { guardMessage, requestId } from '../mcp/message-guard.js';

/**
 * Checks in front of the MCP endpoint (SECURITY §3 A). Each check answers the request itself when it fails and
 * returns `false`, so the caller stops; none of them echoes the request back.
 */

/** T5: request body cap on `/mcp`. */
export const MAX_BODY_BYTES = 64 * 1024;

/**
 * A JSON-RPC error, the shape every transport-level rejection uses: without an id (`null`) unless the rejection
 * concerns a request whose id is known.
 */
export function sendJsonRpcError(res: ServerResponse, status: number, code: number, message: string, headers: Record<string, string> = {}, id: string | number | null = null): void {
  const body = JSON.stringify({ jsonrpc: '2.0', id, error: { code, message } });
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), ...headers });
  res.end(body);
}

/** T2: the `Host` header must be on the allow-list (exact match, port included, case-insensitive). */
export function hostAllowed(host: string | undefined, allowed: ReadonlySet<string>): boolean {
  return host !== undefined && allowed.has(host.toLowerCase());
}

/** T1: a request without `Origin` passes (non-browser client); one with an Origin must be on the allow-list. */
export function originAllowed(origin: string | undefined, allowed: ReadonlySet<string>): boolean {
  if (origin === undefined) return true;
  return allowed.has(origin.toLowerCase());
}

/** T6: only `application/json` (parameters such as charset allowed). */
export function isJsonContentType(value: string | undefined): boolean {
  if (!value) return false;
  const [type] = value.split(';');
  return type?.trim().toLowerCase() === 'application/json';
}

/** T7: the Accept header must list both `application/json` and `text/event-stream`. */
export function acceptsMcp(value: string | undefined): boolean {
  if (!value) return false;
  const types = value.split(',').map((part) => part.split(';')[0]?.trim().toLowerCase());
  return types.includes('application/json') && types.includes('text/event-stream');
}

export type BodyResult = { ok: true; bytes: Buffer } | { ok: false; reason: 'too-large' | 'aborted' };

/**
 * T5: reads at most `limit` bytes. A declared Content-Length over the limit fails before anything is read; a
 * streamed (chunked) body fails as soon as the byte after the limit arrives.
 */
export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<BodyResult> {
  const declared = req.headers['content-length'];
  if (declared !== undefined && (!/^\d+$/.test(declared) || Number(declared) > limit)) {
    return Promise.resolve({ ok: false, reason: 'too-large' });
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (result: BodyResult) => {
      if (done) return;
      done = true;
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('aborted', onError);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) finish({ ok: false, reason: 'too-large' });
      else chunks.push(chunk);
    };
    const onEnd = () => finish({ ok: true, bytes: Buffer.concat(chunks, size) });
    const onError = () => finish({ ok: false, reason: 'aborted' });
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('aborted', onError);
  });
}

/**
 * After an early rejection the rest of the body is discarded (not buffered) and the connection closed, so the
 * client still receives the status instead of a reset.
 */
export function discardRest(req: IncomingMessage, res: ServerResponse): void {
  req.on('data', () => {});
  req.on('error', () => {});
  req.resume();
  const timer = setTimeout(() => req.socket.destroy(), 5_000);
  timer.unref();
  res.on('close', () => clearTimeout(timer));
}

export type MessageCheck = { ok: true; message: Record<string, unknown> } | { ok: false; status: number; code: number; message: string; id?: string | number };

/** Strict UTF-8: an invalid byte sequence is an error, not a replacement character; a BOM is kept (and fails JSON). */
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

const isId = (value: unknown) => typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value));

/**
 * T8/T9, Z3, Z6: the body must be one JSON-RPC 2.0 message in valid UTF-8. Invalid UTF-8 or JSON → -32700; any
 * array (batch, even `[]`) or anything that is not a request, notification or response → -32600; nesting beyond
 * the depth cap → -32600; a `__proto__` / `constructor` / `prototype` key in params → -32602 naming it (with the
 * request's id). Always HTTP 400, never a 5xx.
 */
export function checkMessage(bytes: Buffer): MessageCheck {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return { ok: false, status: 400, code: -32700, message: 'Parse error: the body is not valid UTF-8' };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, status: 400, code: -32700, message: 'Parse error: the body is not valid JSON' };
  }
  if (Array.isArray(value)) {
    return { ok: false, status: 400, code: -32600, message: 'Invalid Request: send one JSON-RPC message per POST; batches are not supported' };
  }
  if (value === null || typeof value !== 'object') {
    return { ok: false, status: 400, code: -32600, message: 'Invalid Request: expected a JSON-RPC 2.0 object' };
  }
  const message = value as Record<string, unknown>;
  const valid =
    message.jsonrpc === '2.0' &&
    ((typeof message.method === 'string' && message.method.length > 0 && (!('id' in message) || isId(message.id)) &&
      (message.params === undefined || (typeof message.params === 'object' && message.params !== null))) ||
      (!('method' in message) && (isId(message.id) || message.id === null) && ('result' in message || 'error' in message)));
  if (!valid) return { ok: false, status: 400, code: -32600, message: 'Invalid Request: not a JSON-RPC 2.0 request, notification or response' };
  const guard = guardMessage(message);
  if (!guard.ok) {
    const id = requestId(message);
    return { ok: false, status: 400, code: guard.code, message: guard.message, ...(id !== undefined ? { id } : {}) };
  }
  return { ok: true, message };
}

/**
 * One address as a proxy writes it: bare, `ip:port` (IPv4) or `[v6]:port` / `[v6]` (IPv6), IPv4-mapped IPv6
 * reduced to IPv4. A hop that carries a port is still the address it names, never a reason to skip it.
 */
export function normalizeIp(ip: string): string {
  let trimmed = ip.trim().replace(/^"|"$/g, '');
  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(trimmed);
  if (bracketed) trimmed = bracketed[1] as string;
  else {
    const withPort = /^(\d{1,3}(?:\.\d{1,3}){3}):\d{1,5}$/.exec(trimmed);
    if (withPort) trimmed = withPort[1] as string;
  }
  return trimmed.toLowerCase().startsWith('::ffff:') && isIP(trimmed.slice(7)) === 4 ? trimmed.slice(7) : trimmed;
}

/**
 * T16: the caller's address. `X-Forwarded-For` counts only when the direct peer is a configured trusted proxy;
 * then the rightmost address that is not a trusted proxy is the client, so a forged header from a direct client
 * changes nothing.
 */
export function clientAddress(req: IncomingMessage, trustedProxies: ReadonlySet<string>): string {
  const remote = normalizeIp(req.socket.remoteAddress ?? '');
  if (trustedProxies.size === 0 || !trustedProxies.has(remote)) return remote;
  const header = req.headers['x-forwarded-for'];
  const forwarded = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map(normalizeIp)
    .filter((ip) => isIP(ip) !== 0);
  const chain = [...forwarded, remote];
  for (let i = chain.length - 1; i >= 0; i--) {
    const ip = chain[i];
    if (ip !== undefined && !trustedProxies.has(ip)) return ip;
  }
  return chain[0] ?? remote;
}
