/**
 * The Streamable HTTP surface against the production app factory (SECURITY §3 A, T1–T16): allow-lists, body
 * cap, content negotiation, single-message rule, method handling, protocol versions, client identity, plus
 * /healthz, the routes hook, and a real MCP client over HTTP. Host tests use node:http because fetch (undici)
 * does not let a caller set Host.
 */
import { request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { SkillsClient } from '@modelcontextprotocol/client/ext/skills';
import { SUPPORTED_PROTOCOL_VERSIONS } from '@modelcontextprotocol/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseServeConfig } from '../../src/config.js';
import { createHttpApp, type HttpAppOptions } from '../../src/http/app.js';
import { clientAddress } from '../../src/http/transport-guards.js';
import { fixtureCorpus } from '../helpers/corpus.js';

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

async function start(options: Partial<HttpAppOptions> = {}): Promise<{ server: Server; port: number }> {
  const server = createHttpApp({ corpus: fixtureCorpus(), ...options });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port };
}

function send(port: number, options: { method?: string; path?: string; headers?: Record<string, string>; body?: string | Buffer }): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method: options.method ?? 'POST', path: options.path ?? '/mcp', headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    if (options.body !== undefined) req.end(options.body);
    else req.end();
  });
}

const JSON_HEADERS = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };
const LIST = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} });

/** The JSON-RPC message of a reply, whether sent as JSON or as one SSE event. */
function message(reply: Reply): Record<string, any> {
  const data = reply.body.includes('data: ') ? (reply.body.split('\n').find((l) => l.startsWith('data: ')) ?? '').slice(6) : reply.body;
  return JSON.parse(data) as Record<string, any>;
}

let app: { server: Server; port: number };
let post: (body: string | Buffer, headers?: Record<string, string>) => Promise<Reply>;
beforeAll(async () => {
  app = await start();
  post = (body, headers = {}) => send(app.port, { body, headers: { ...JSON_HEADERS, host: `127.0.0.1:${app.port}`, ...headers } });
});
afterAll(() => {
  app.server.close();
});

describe('Streamable HTTP transport', () => {
  it('answers tools/list over POST /mcp', async () => {
    const reply = await post(LIST);
    expect(reply.status).toBe(200);
    expect(message(reply).result.tools.length).toBeGreaterThan(0);
  });

  it('T1: 403 for an Origin not on the allow-list; no Origin and the local origin pass', async () => {
    const evil = await post(LIST, { origin: 'https://evil.example' });
    expect(evil.status).toBe(403);
    expect(JSON.parse(evil.body)).toMatchObject({ jsonrpc: '2.0', error: { code: expect.any(Number) } });
    expect(JSON.parse(evil.body)).not.toHaveProperty('id', 1);
    expect((await post(LIST, { origin: `http://127.0.0.1:${app.port}` })).status).toBe(200);
    expect((await post(LIST, { origin: 'null' })).status).toBe(403);
  });

  it('T2: 403 for a Host not on the allow-list (port included) in local mode', async () => {
    for (const host of ['evil.example', `evil.example:${app.port}`, 'localhost', 'localhost:1', `127.0.0.1.nip.io:${app.port}`]) {
      expect((await post(LIST, { host })).status, host).toBe(403);
    }
    for (const host of [`localhost:${app.port}`, `127.0.0.1:${app.port}`, `[::1]:${app.port}`]) {
      expect((await post(LIST, { host })).status, host).toBe(200);
    }
  });

  it('T2: public mode answers only the public host name', async () => {
    const pub = await start({ host: '0.0.0.0', publicHost: 'loket.example.org' });
    try {
      const at = (host: string, origin?: string) =>
        send(pub.port, { body: LIST, headers: { ...JSON_HEADERS, host, ...(origin ? { origin } : {}) } });
      expect((await at('loket.example.org')).status).toBe(200);
      expect((await at('loket.example.org', 'https://loket.example.org')).status).toBe(200);
      expect((await at(`localhost:${pub.port}`)).status).toBe(403);
      expect((await at('evil.example')).status).toBe(403);
    } finally {
      pub.server.close();
    }
  });

  it('T3: the production factory rejects Origin https://evil.example', async () => {
    expect((await post(LIST, { origin: 'https://evil.example' })).status).toBe(403);
  });

  it('T4: the default bind is 127.0.0.1 and 0.0.0.0 needs --public', () => {
    const defaults = parseServeConfig([], {});
    expect(defaults.ok && defaults.config.host).toBe('127.0.0.1');
    expect(defaults.ok && defaults.config.port).toBe(3000);
    const open = parseServeConfig(['--host', '0.0.0.0'], {});
    expect(open.ok).toBe(false);
    expect(!open.ok && open.error).toMatch(/--public/);
    expect(parseServeConfig(['--host', '0.0.0.0', '--public'], {}).ok).toBe(true);
    expect(parseServeConfig([], { HOST: '0.0.0.0' }).ok).toBe(false);
  });

  it('T5: 413 on a declared Content-Length over 64 KiB, without reading the body', async () => {
    const reply = await new Promise<number>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port: app.port, method: 'POST', path: '/mcp', headers: { ...JSON_HEADERS, host: `127.0.0.1:${app.port}`, 'content-length': '65537' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
        req.destroy();
      });
      req.on('error', reject);
      req.flushHeaders(); // headers only: the body is never sent
    });
    expect(reply).toBe(413);
  });

  it('T5: 413 on a chunked body as soon as byte 65,537 arrives', async () => {
    const events: string[] = [];
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port: app.port, method: 'POST', path: '/mcp', headers: { ...JSON_HEADERS, host: `127.0.0.1:${app.port}`, 'transfer-encoding': 'chunked' } }, (res) => {
        events.push('response');
        res.resume();
        resolve(res.statusCode ?? 0);
        req.destroy();
      });
      req.on('error', (error) => (events.includes('response') ? undefined : reject(error)));
      req.write(Buffer.alloc(65_536, 0x20));
      setTimeout(() => {
        events.push('extra byte');
        req.write(Buffer.from(' '));
      }, 300);
    });
    expect(status).toBe(413);
    expect(events).toEqual(['extra byte', 'response']);
  });

  it('T5: a body of exactly 64 KiB is accepted', async () => {
    const padded = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: { _meta: { pad: '' } } });
    const body = padded.replace('"pad":""', `"pad":"${'x'.repeat(65_536 - padded.length)}"`);
    expect(Buffer.byteLength(body)).toBe(65_536);
    expect((await post(body)).status).toBe(200);
  });

  it.each(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonx'])('T6: 415 for Content-Type %s', async (type) => {
    expect((await post(LIST, { 'content-type': type })).status).toBe(415);
  });

  it('T6: 415 when Content-Type is missing', async () => {
    const reply = await send(app.port, { body: LIST, headers: { accept: JSON_HEADERS.accept, host: `127.0.0.1:${app.port}` } });
    expect(reply.status).toBe(415);
  });

  it.each([undefined, 'application/json', 'text/event-stream', '*/*'])('T7: 406 when Accept is %s', async (accept) => {
    const headers: Record<string, string> = { 'content-type': 'application/json', host: `127.0.0.1:${app.port}` };
    if (accept) headers.accept = accept;
    expect((await send(app.port, { body: LIST, headers })).status).toBe(406);
  });

  it('T8: 400 and -32700 on invalid JSON', async () => {
    const reply = await post('{"jsonrpc": "2.0", "id": 1,');
    expect(reply.status).toBe(400);
    expect(JSON.parse(reply.body).error.code).toBe(-32700);
  });

  it.each(['{"foo":1}', '"hello"', '42', 'null', '{"jsonrpc":"1.0","id":1,"method":"tools/list"}', '{"jsonrpc":"2.0","id":{},"method":"x"}', '{"jsonrpc":"2.0","method":7}'])(
    'T8: 400 and -32600 on valid JSON that is not JSON-RPC: %s',
    async (body) => {
      const reply = await post(body);
      expect(reply.status).toBe(400);
      expect(JSON.parse(reply.body).error.code).toBe(-32600);
    },
  );

  it('T8: garbage never gets a 5xx', async () => {
    const bodies = ['', ' ', '\u0000\u0001', '{'.repeat(5000), '[{]', Buffer.from([0xff, 0xfe, 0x00]), '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"get_stage","arguments":{"skill":{"__proto__":1},"stage":"x"}}}'];
    for (const body of bodies) {
      const reply = await post(body);
      expect(reply.status, String(body).slice(0, 20)).toBeLessThan(500);
    }
  });

  it.each(['[]', `[${LIST}]`, `[${LIST},${LIST}]`])('T9: 400 and -32600 for a batch array %s', async (body) => {
    const reply = await post(body.length > 20 ? body : body);
    expect(reply.status).toBe(400);
    expect(JSON.parse(reply.body).error.code).toBe(-32600);
  });

  it.each(['no/such/method', '__proto__', 'constructor', 'toString'])('T10: -32601 for the unknown method %s', async (method) => {
    const reply = await post(JSON.stringify({ jsonrpc: '2.0', id: 7, method, params: {} }));
    expect(reply.status).toBeLessThan(500);
    expect(message(reply).error.code).toBe(-32601);
  });

  it('T10: -32602 for an unknown tool', async () => {
    const reply = await post(JSON.stringify({ jsonrpc: '2.0', id: 8, method: 'tools/call', params: { name: 'no_such_tool', arguments: {} } }));
    expect(message(reply).error.code).toBe(-32602);
  });

  it.each(['GET', 'PUT', 'PATCH', 'DELETE'])('T11: 405 for %s /mcp', async (method) => {
    const reply = await send(app.port, { method, headers: { host: `127.0.0.1:${app.port}`, accept: 'text/event-stream' } });
    expect(reply.status).toBe(405);
    expect(reply.headers.allow).toBe('POST');
  });

  it('T12: stateless: no session id is issued', async () => {
    const init = await post(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 't', version: '0' } } }));
    expect(init.status).toBe(200);
    expect(init.headers['mcp-session-id']).toBeUndefined();
  });

  it('T13: 400 for an unsupported MCP-Protocol-Version; each supported one is accepted', async () => {
    expect((await post(LIST, { 'mcp-protocol-version': '1999-01-01' })).status).toBe(400);
    const legacy = SUPPORTED_PROTOCOL_VERSIONS.filter((v) => v <= '2025-11-25');
    expect(legacy.length).toBeGreaterThan(0);
    for (const version of legacy) expect((await post(LIST, { 'mcp-protocol-version': version })).status, version).toBe(200);
  });

  it('T14: slow-client timeouts are set', () => {
    expect(app.server.headersTimeout).toBeLessThanOrEqual(10_000);
    expect(app.server.requestTimeout).toBeLessThanOrEqual(30_000);
    expect(app.server.keepAliveTimeout).toBeLessThanOrEqual(5_000);
  });

  it('T15: an Authorization header is ignored and never logged', async () => {
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const reply = await post(LIST, { authorization: 'Bearer secret-token-123' });
      expect(reply.status).toBe(200);
      expect(spy.mock.calls.join('')).not.toContain('secret-token-123');
    } finally {
      spy.mockRestore();
    }
  });
});

describe('T16: client identity', () => {
  const fake = (remote: string, xff?: string) => ({ socket: { remoteAddress: remote }, headers: xff ? { 'x-forwarded-for': xff } : {} }) as never;

  it('ignores X-Forwarded-For from a direct client', () => {
    expect(clientAddress(fake('203.0.113.9', '198.51.100.1'), new Set())).toBe('203.0.113.9');
    expect(clientAddress(fake('203.0.113.9', '198.51.100.1'), new Set(['10.0.0.1']))).toBe('203.0.113.9');
  });

  it('takes the rightmost untrusted address behind trusted proxies', () => {
    const trusted = new Set(['10.0.0.1', '10.0.0.2']);
    expect(clientAddress(fake('10.0.0.1', '1.2.3.4, 198.51.100.7, 10.0.0.2'), trusted)).toBe('198.51.100.7');
    expect(clientAddress(fake('::ffff:10.0.0.1', 'garbage, 198.51.100.8'), trusted)).toBe('198.51.100.8');
  });

  it('a forged X-Forwarded-For does not change the rate-limit key', async () => {
    const seen: string[] = [];
    const keyed = await start({ clientKeys: (ip) => (seen.push(ip), { rateKey: `r:${ip}`, diversityKey: `d:${ip}` }) });
    try {
      const call = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'get_stage', arguments: { skill: 'annex-3-arrival-declaration', stage: 1 } } });
      await send(keyed.port, { body: call, headers: { ...JSON_HEADERS, host: `127.0.0.1:${keyed.port}`, 'x-forwarded-for': '198.51.100.1' } });
      expect(seen).toEqual(['127.0.0.1']);
    } finally {
      keyed.server.close();
    }
  });
});

describe('other paths', () => {
  it('/healthz answers status, skills and references', async () => {
    const reply = await send(app.port, { method: 'GET', path: '/healthz', headers: { host: `127.0.0.1:${app.port}` } });
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toEqual({ status: 'ok', skills: 5, references: 5 });
  });

  it('an unknown path is a plain 404 that does not echo the input', async () => {
    const reply = await send(app.port, { method: 'GET', path: '/<script>alert(1)</script>', headers: { host: `127.0.0.1:${app.port}` } });
    expect(reply.status).toBe(404);
    expect(reply.body).not.toContain('script');
  });

  it('hands other paths to the routes hook', async () => {
    const routed = await start({
      routes: (req, res) => {
        if (req.url !== '/skills') return false;
        res.writeHead(200, { 'content-type': 'text/plain' }).end('index');
        return true;
      },
    });
    try {
      expect((await send(routed.port, { method: 'GET', path: '/skills', headers: { host: `127.0.0.1:${routed.port}` } })).body).toBe('index');
      expect((await send(routed.port, { method: 'GET', path: '/other', headers: { host: `127.0.0.1:${routed.port}` } })).status).toBe(404);
    } finally {
      routed.server.close();
    }
  });
});

describe('a real MCP client over HTTP', () => {
  it('lists tools, walks a stage, lists and reads skills, gets a prompt', async () => {
    const client = new Client({ name: 'loket-http-test', version: '0.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(`http://127.0.0.1:${app.port}/mcp`)));
    try {
      expect((await client.listTools()).tools.map((t) => t.name)).toContain('search_skills');
      const stage = await client.callTool({ name: 'get_stage', arguments: { skill: 'annex-19-eu-registration', stage: 2 } });
      expect((stage.structuredContent as { stage: { title: string } }).stage.title).toBe('Police residence check');
      const skills = new SkillsClient(client);
      const { skills: entries } = await skills.list();
      expect(entries).toHaveLength(5);
      expect((await skills.read(entries[0]!)).verified).toBe(true);
      const prompt = await client.getPrompt({ name: 'walk-through', arguments: { skill: 'residence-card-renewal' } });
      expect(prompt.messages.length).toBe(2);
      const completion = await client.complete({ ref: { type: 'ref/prompt', name: 'walk-through' }, argument: { name: 'skill', value: 'res' } });
      expect(completion.completion.values[0]).toBe('residence-card-renewal');
    } finally {
      await client.close();
    }
  });
});
