/**
 * Hostile input on the Streamable HTTP surface, against the production app factory (SECURITY Z3, Z6, G2, T16):
 * JSON nested thousands of levels deep inside params, prototype keys in tool arguments, invalid UTF-8, the read
 * rate limit with its 429 and Retry-After, and X-Forwarded-For hops written with a port.
 */
import { request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpApp, type HttpAppOptions } from '../../src/http/app.js';
import { rateNetwork } from '../../src/http/read-limit.js';
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
    const req = httpRequest({ host: '127.0.0.1', port, method: options.method ?? 'POST', path: options.path ?? '/mcp', headers: { host: `127.0.0.1:${port}`, ...options.headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

const JSON_HEADERS = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };
const deep = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;
const withMeta = (value: string) => `{"jsonrpc":"2.0","id":5,"method":"tools/list","params":{"_meta":{"x":${value}}}}`;
const callWith = (args: string) => `{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"get_stage","arguments":${args}}}`;

describe('hostile JSON on POST /mcp', () => {
  let app: { server: Server; port: number };
  const post = (body: string | Buffer) => send(app.port, { body, headers: JSON_HEADERS });
  beforeAll(async () => {
    app = await start({ readLimitPerMinute: 0 });
  });
  afterAll(() => app.server.close());

  it.each([3000, 5000, 20_000])('Z6: JSON nested %i levels inside params is a 400 with a JSON-RPC error naming the cap, never a 5xx', async (levels) => {
    for (const body of [callWith(`{"skill":${deep(levels)},"stage":1}`), withMeta(deep(levels))]) {
      const reply = await post(body);
      expect(reply.status).toBe(400);
      const message = JSON.parse(reply.body);
      expect(message.error.code).toBe(-32600);
      expect(message.error.message).toMatch(/nested more than 32 levels/);
      expect(message.id).toBe(JSON.parse(body.replace(/\[+\]+/, '0')).id);
    }
  });

  it('Z3: the depth cap is 32 levels: 32 are served, 33 are refused', async () => {
    // message (1) → params (2) → _meta (3) → x's arrays from level 4.
    expect((await post(withMeta(deep(29)))).status).toBe(200);
    expect((await post(withMeta(deep(30)))).status).toBe(400);
  });

  it.each(['__proto__', 'constructor', 'prototype'])('Z6: a "%s" key in tool arguments is refused with -32602 naming it, at any depth', async (key) => {
    for (const args of [`{"skill":"annex-3-arrival-declaration","stage":1,"${key}":{"polluted":true}}`, `{"skill":{"${key}":{"polluted":true}},"stage":1}`]) {
      const reply = await post(callWith(args));
      expect(reply.status).toBe(400);
      const message = JSON.parse(reply.body);
      expect(message).toMatchObject({ jsonrpc: '2.0', id: 7, error: { code: -32602 } });
      expect(message.error.message).toContain(`"${key}"`);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('Z6: an ordinary call with the same arguments minus the key is served', async () => {
    const reply = await post(callWith('{"skill":"annex-3-arrival-declaration","stage":1}'));
    expect(reply.status).toBe(200);
    expect(reply.body).toContain('"result"');
  });

  it('Z3: invalid UTF-8 in the body is a 400 parse error, not replacement characters', async () => {
    const invalid = Buffer.concat([Buffer.from(withMeta('"')).subarray(0, -4), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('"}}}')]);
    const reply = await post(invalid);
    expect(reply.status).toBe(400);
    expect(JSON.parse(reply.body).error).toMatchObject({ code: -32700, message: expect.stringMatching(/UTF-8/) });
    const overlong = Buffer.concat([Buffer.from('{"jsonrpc":"2.0","id":1,"method":"tools/list","params":{"_meta":{"x":"'), Buffer.from([0xc0, 0xaf]), Buffer.from('"}}}')]);
    expect((await post(overlong)).status).toBe(400);
    expect((await post(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(withMeta('1'))]))).status).toBe(400);
    expect((await post(Buffer.from(withMeta('"déclaration d’arrivée"')))).status).toBe(200);
  });
});

describe('G2: read rate limit on HTTP', () => {
  it('G2: by default the 121st request in a minute from one network gets 429 with Retry-After', async () => {
    const app = await start();
    try {
      for (let i = 0; i < 120; i++) expect((await send(app.port, { method: 'GET', path: '/nothing-here' })).status, `request ${i + 1}`).toBe(404);
      const limited = await send(app.port, { method: 'GET', path: '/nothing-here' });
      expect(limited.status).toBe(429);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      const mcp = await send(app.port, { body: withMeta('1'), headers: JSON_HEADERS });
      expect(mcp.status).toBe(429);
      expect(JSON.parse(mcp.body).error.message).toMatch(/Too Many Requests.*retry after \d+ s/);
      expect((await send(app.port, { method: 'GET', path: '/healthz' })).status).toBe(200);
    } finally {
      app.server.close();
    }
  });

  it('G2: tokens come back with time, and another network has its own allowance', async () => {
    let clock = Date.parse('2026-11-30T10:00:00Z');
    const app = await start({ readLimitPerMinute: 6, now: () => new Date(clock), trustedProxies: ['127.0.0.1'] });
    const get = (xff: string) => send(app.port, { method: 'GET', path: '/nothing-here', headers: { 'x-forwarded-for': xff } });
    try {
      for (let i = 0; i < 6; i++) expect((await get('198.51.100.7')).status).toBe(404);
      const limited = await get('198.51.100.7');
      expect(limited.status).toBe(429);
      expect(limited.headers['retry-after']).toBe('10');
      expect((await get('203.0.113.4')).status).toBe(404);
      clock += 10_000;
      expect((await get('198.51.100.7')).status).toBe(404);
      expect((await get('198.51.100.7')).status).toBe(429);
    } finally {
      app.server.close();
    }
  });

  it('G2: the addresses of one IPv6 /64 share a key; another /64 does not', () => {
    expect(rateNetwork('2001:db8:1:2:aaaa::1')).toBe(rateNetwork('2001:db8:1:2:bbbb:cccc:dddd:eeee'));
    expect(rateNetwork('2001:db8:1:2::1')).not.toBe(rateNetwork('2001:db8:1:3::1'));
    expect(rateNetwork('2001:0db8:0001:0002::1')).toBe(rateNetwork('2001:db8:1:2::9'));
    expect(rateNetwork('198.51.100.7')).toBe('198.51.100.7');
  });
});

describe('T16: X-Forwarded-For hops written with a port', () => {
  const fake = (remote: string, xff?: string) => ({ socket: { remoteAddress: remote }, headers: xff ? { 'x-forwarded-for': xff } : {} }) as never;
  const trusted = new Set(['10.0.0.1', '10.0.0.2']);

  it('T16: an ip:port hop is the client, not skipped in favour of the attacker-supplied address before it', () => {
    expect(clientAddress(fake('10.0.0.1', '6.6.6.6, 198.51.100.7:51234'), trusted)).toBe('198.51.100.7');
  });

  it('T16: a [v6]:port hop is parsed, and a trusted proxy written with a port is still trusted', () => {
    expect(clientAddress(fake('10.0.0.1', '6.6.6.6, [2001:db8::7]:443'), trusted)).toBe('2001:db8::7');
    expect(clientAddress(fake('10.0.0.1', '6.6.6.6, [2001:db8::8]'), trusted)).toBe('2001:db8::8');
    expect(clientAddress(fake('10.0.0.1', '6.6.6.6, 198.51.100.9, 10.0.0.2:8080'), trusted)).toBe('198.51.100.9');
  });

  it('T16: the read limit follows the parsed hop', async () => {
    const app = await start({ readLimitPerMinute: 2, trustedProxies: ['127.0.0.1'] });
    const get = (xff: string) => send(app.port, { method: 'GET', path: '/nothing-here', headers: { 'x-forwarded-for': xff } });
    try {
      expect((await get('6.6.6.1, 198.51.100.7:1111')).status).toBe(404);
      expect((await get('6.6.6.2, 198.51.100.7:2222')).status).toBe(404);
      expect((await get('6.6.6.3, 198.51.100.7:3333')).status).toBe(429);
    } finally {
      app.server.close();
    }
  });
});
