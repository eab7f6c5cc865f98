import { AsyncLocalStorage } from 'node:async_hooks';
import { createHmac, randomBytes } from 'node:crypto';
import { createServer as createNodeServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { toNodeHandler } from '@modelcontextprotocol/node';
import { createMcpHandler } from '@modelcontextprotocol/server';
import type { Corpus } from '../corpus/types.js';
import { INTERNAL_ERROR_MESSAGE, logError, writeLogLine } from '../log.js';
import { mcpErrorLog } from './refusal-log.js';
import { isLoopbackHost, loopbackHosts } from '../hosts.js';
import { createReadLimiter, READ_LIMIT_PER_MINUTE } from './read-limit.js';
import { createServer, serverOptionsFor } from '../mcp/server.js';
import { toolsFor } from '../mcp/tools/index.js';
import type { ToolDeps } from '../mcp/tools/deps.js';
import {
  acceptsMcp,
  checkMessage,
  clientAddress,
  discardRest,
  hostAllowed,
  isJsonContentType,
  MAX_BODY_BYTES,
  originAllowed,
  readBody,
  sendJsonRpcError,
} from './transport-guards.js';

/** Rate-limit and vote-diversity identity of a caller (never the raw IP). */
export interface ClientKeys {
  rateKey: string;
  diversityKey: string;
}

/** Options of {@link createHttpApp}. */
export interface HttpAppOptions {
  /** The shared, immutable corpus every request reads. */
  corpus: Corpus;
  /** Submission service, when the server runs with a store. */
  submissions?: ToolDeps['submissions'];
  /** Clock (tests inject a fixed one). */
  now?: () => Date;
  /** Bind address; loopback means local mode (T2). Default 127.0.0.1. */
  host?: string;
  /** Port the allow-lists use; 0 or absent means "the port the server is bound to". */
  port?: number;
  /** Public hostname(s) (optionally with port) a deployment answers to, e.g. `loket.example.org`. */
  publicHost?: string | readonly string[];
  /** Extra `Host` values to accept (exact, port included). */
  allowedHosts?: readonly string[];
  /** Extra `Origin` values to accept, e.g. `https://inspector.example`. */
  allowedOrigins?: readonly string[];
  /** Addresses of reverse proxies whose `X-Forwarded-For` is honoured (T16). */
  trustedProxies?: readonly string[];
  /** Caller identity from its address; defaults to HMACs under a per-process random key. */
  clientKeys?: (ip: string) => ClientKeys | Promise<ClientKeys>;
  /** Other routes (the web surface); returns true when it answered the request. */
  routes?: (req: IncomingMessage, res: ServerResponse) => Promise<boolean> | boolean;
  /** Body cap on /mcp (default 64 KiB, T5). */
  maxBodyBytes?: number;
  /** Requests per minute per caller network on every path but /healthz (default 120, G2); 0 turns it off. */
  readLimitPerMinute?: number;
}

/** T14: slow-client limits. */
const TIMEOUTS = { headersTimeout: 10_000, requestTimeout: 30_000, keepAliveTimeout: 5_000 } as const;

function defaultClientKeys(): (ip: string) => ClientKeys {
  const key = randomBytes(32);
  const mac = (purpose: string, value: string) => createHmac('sha256', key).update(`${purpose}|${value}`).digest('hex');
  return (ip) => {
    // /24 (IPv4) or /48 (IPv6) for diversity, the address itself for rate limits; never stored raw.
    const diversity = ip.includes(':') ? ip.split(':').slice(0, 3).join(':') : ip.split('.').slice(0, 3).join('.');
    return { rateKey: mac('rate', ip), diversityKey: mac('diversity', diversity) };
  };
}

function sendText(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'content-length': String(Buffer.byteLength(text)), ...headers });
  res.end(text);
}

function pathOf(url: string | undefined): string {
  const raw = url ?? '/';
  const query = raw.indexOf('?');
  return query === -1 ? raw : raw.slice(0, query);
}

/**
 * The HTTP surface: `POST /mcp` (MCP Streamable HTTP, stateless: a fresh server per request over the shared
 * corpus), `GET /healthz`, and the optional `routes` hook for everything else; a plain 404 otherwise. Host and
 * Origin allow-lists, body cap, content negotiation and single-message checks run before the SDK sees a byte.
 * Returns a `node:http` server that is not yet listening.
 */
export function createHttpApp(options: HttpAppOptions): Server {
  const bindHost = options.host ?? '127.0.0.1';
  const local = isLoopbackHost(bindHost);
  const now = options.now ?? (() => new Date());
  const maxBody = options.maxBodyBytes ?? MAX_BODY_BYTES;
  const trusted = new Set(options.trustedProxies ?? []);
  const keysFor = options.clientKeys ?? defaultClientKeys();
  const publicHosts = [options.publicHost ?? []].flat().map((h) => h.toLowerCase());
  const perMinute = options.readLimitPerMinute ?? READ_LIMIT_PER_MINUTE;
  const readLimiter = perMinute > 0 ? createReadLimiter(perMinute, () => now().getTime()) : undefined;
  const requestContext = new AsyncLocalStorage<{ deps: ToolDeps; message: unknown }>();
  const tools = toolsFor(options.corpus);

  let allowed: { hosts: Set<string>; origins: Set<string> } | undefined;
  const allowLists = (server: Server) => {
    if (allowed) return allowed;
    const port = options.port || (server.address() as AddressInfo | null)?.port || 0;
    const hosts = new Set<string>((options.allowedHosts ?? []).map((h) => h.toLowerCase()));
    const origins = new Set<string>((options.allowedOrigins ?? []).map((o) => o.toLowerCase()));
    if (local || publicHosts.length === 0) {
      for (const host of loopbackHosts(port)) {
        hosts.add(host);
        origins.add(`http://${host}`);
      }
    }
    for (const host of publicHosts) {
      hosts.add(host);
      origins.add(`https://${host}`);
    }
    allowed = { hosts, origins };
    return allowed;
  };

  const onMcpError = mcpErrorLog(writeLogLine);
  const mcp = createMcpHandler(
    () => {
      const context = requestContext.getStore();
      if (!context) throw new Error('MCP request outside a request context');
      return createServer(context.deps, serverOptionsFor(context.message, tools));
    },
    { legacy: 'stateless', maxRequestBodySize: maxBody, onerror: onMcpError },
  );
  const mcpNode = toNodeHandler(mcp, { maxRequestBodySize: maxBody, onerror: onMcpError });

  async function handleMcp(req: IncomingMessage, res: ServerResponse, origins: Set<string>): Promise<void> {
    if (!originAllowed(req.headers.origin, origins)) {
      sendJsonRpcError(res, 403, -32000, 'Forbidden: origin not allowed');
      return;
    }
    if (req.method !== 'POST') {
      sendJsonRpcError(res, 405, -32000, 'Method not allowed: use POST', { allow: 'POST' });
      return;
    }
    if (!isJsonContentType(req.headers['content-type'])) {
      sendJsonRpcError(res, 415, -32000, 'Unsupported Media Type: Content-Type must be application/json', { connection: 'close' });
      discardRest(req, res);
      return;
    }
    if (!acceptsMcp(req.headers.accept)) {
      sendJsonRpcError(res, 406, -32000, 'Not Acceptable: Accept must list application/json and text/event-stream', { connection: 'close' });
      discardRest(req, res);
      return;
    }
    const body = await readBody(req, maxBody);
    if (!body.ok) {
      if (body.reason === 'too-large') {
        sendJsonRpcError(res, 413, -32000, `Payload Too Large: the body limit is ${maxBody} bytes`, { connection: 'close' });
        discardRest(req, res);
      } else {
        res.destroy();
      }
      return;
    }
    const check = checkMessage(body.bytes);
    if (!check.ok) {
      sendJsonRpcError(res, check.status, check.code, check.message, {}, check.id ?? null);
      return;
    }
    // T15: credentials are never forwarded to handlers or logged.
    delete req.headers.authorization;
    const ip = clientAddress(req, trusted);
    const client = await keysFor(ip);
    const deps: ToolDeps = {
      corpus: options.corpus,
      now,
      client: { rateKey: client.rateKey, diversityKey: client.diversityKey },
      ...(options.submissions ? { submissions: options.submissions } : {}),
    };
    await requestContext.run({ deps, message: check.message }, () => mcpNode(req, res, check.message));
  }

  const server = createNodeServer(async (req, res) => {
    try {
      const lists = allowLists(server);
      if (!hostAllowed(req.headers.host, lists.hosts)) {
        sendText(res, 403, 'Forbidden: host not allowed\n', { connection: 'close' });
        discardRest(req, res);
        return;
      }
      const path = pathOf(req.url);
      if (readLimiter && path !== '/healthz') {
        const verdict = readLimiter.take(clientAddress(req, trusted));
        if (!verdict.allowed) {
          const headers = { 'retry-after': String(verdict.retryAfterSeconds), connection: 'close' };
          const message = `Too Many Requests: at most ${perMinute} requests a minute from one network; retry after ${verdict.retryAfterSeconds} s`;
          if (path === '/mcp') sendJsonRpcError(res, 429, -32000, message, headers);
          else sendText(res, 429, `${message}\n`, headers);
          discardRest(req, res);
          return;
        }
      }
      if (path === '/mcp') {
        await handleMcp(req, res, lists.origins);
        return;
      }
      if (path === '/healthz') {
        if (req.method !== 'GET' && req.method !== 'HEAD') {
          sendText(res, 405, 'Method not allowed\n', { allow: 'GET, HEAD' });
          return;
        }
        const body = JSON.stringify({ status: 'ok', skills: options.corpus.skills.length, references: options.corpus.registry.size });
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), 'cache-control': 'no-store' });
        res.end(req.method === 'HEAD' ? undefined : body);
        return;
      }
      if (options.routes && (await options.routes(req, res))) return;
      sendText(res, 404, 'Not found\n');
    } catch (error) {
      logError(`http ${req.method ?? '?'} ${pathOf(req.url).slice(0, 100)}`, error);
      if (!res.headersSent) sendJsonRpcError(res, 500, -32603, INTERNAL_ERROR_MESSAGE);
      else res.destroy();
    }
  });
  server.headersTimeout = TIMEOUTS.headersTimeout;
  server.requestTimeout = TIMEOUTS.requestTimeout;
  server.keepAliveTimeout = TIMEOUTS.keepAliveTimeout;
  server.on('close', () => {
    void mcp.close();
  });
  return server;
}
