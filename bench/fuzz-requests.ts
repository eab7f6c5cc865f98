/**
 * Fuzzed requests to `/mcp` (SECURITY Z1, Z5): any JSON value, or a JSON-RPC request around one so requests reach
 * the tools and the store, sent with any subset of the headers the transport decides on (Origin, Host,
 * Content-Type, Accept, MCP-Protocol-Version, Mcp-Session-Id), each absent, a value the server accepts, one it
 * refuses, or arbitrary printable text. Shared by the Z1 test and the Z5 memory benchmark.
 */
import { request as httpRequest, type Agent } from 'node:http';
import { SUPPORTED_PROTOCOL_VERSIONS } from '@modelcontextprotocol/server';
import fc from 'fast-check';

/** The statuses the transport defines; anything else (a 5xx above all) is a failure. */
export const DEFINED_STATUSES: ReadonlySet<number> = new Set([200, 202, 400, 403, 404, 405, 406, 413, 415, 429]);

/** One fuzzed request: the body as sent and exactly the headers sent with it. */
export interface FuzzRequest {
  body: string;
  headers: Record<string, string>;
}

/** Printable ASCII: anything a client may put in a header value. */
const headerText = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 40 });

const METHODS = ['initialize', 'ping', 'tools/list', 'tools/call', 'resources/list', 'resources/read', 'resources/templates/list', 'prompts/list', 'notifications/initialized', 'logging/setLevel', '__proto__', 'constructor'];
const TOOLS = ['find_procedure', 'get_skill', 'get_stage', 'search_skills', 'resolve_citation', 'compute_deadline', 'schengen_stay', 'submit_validation', 'submit_observation', 'no_such_tool'];

/** Any JSON value, or (more often) a JSON-RPC request or notification carrying one. */
const body = fc.oneof(
  { arbitrary: fc.jsonValue(), weight: 1 },
  {
    arbitrary: fc.record(
      {
        jsonrpc: fc.oneof({ arbitrary: fc.constant('2.0'), weight: 6 }, { arbitrary: fc.jsonValue(), weight: 1 }),
        id: fc.oneof(fc.integer(), fc.string({ maxLength: 8 }), fc.constant(null)),
        method: fc.oneof({ arbitrary: fc.constantFrom(...METHODS), weight: 6 }, { arbitrary: fc.string({ maxLength: 20 }), weight: 1 }),
        params: fc.oneof(
          fc.jsonValue(),
          fc.record({ name: fc.oneof(fc.constantFrom(...TOOLS), fc.string({ maxLength: 12 })), arguments: fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue()) }),
          fc.record({ uri: fc.oneof(fc.constant('skill://arrival-in-belgium/SKILL.md'), fc.string({ maxLength: 30 })) }),
        ),
      },
      { requiredKeys: ['method'] },
    ),
    weight: 3,
  },
);

/**
 * A header: absent, a value the server accepts, one it refuses, or arbitrary text; accepted values weigh most, so
 * a good share of requests pass every guard and reach the tools.
 */
function header(accepted: fc.Arbitrary<string>, refused: fc.Arbitrary<string>): fc.Arbitrary<string | undefined> {
  return fc.oneof(
    { arbitrary: fc.constant(undefined), weight: 1 },
    { arbitrary: accepted, weight: 5 },
    { arbitrary: refused, weight: 1 },
    { arbitrary: headerText, weight: 1 },
  );
}

/** Fuzzed requests to a server listening on 127.0.0.1:`port` (its own origin and host are among the values). */
export function fuzzRequests(port: number): fc.Arbitrary<FuzzRequest> {
  const headers = fc
    .record({
      origin: header(fc.constant(`http://127.0.0.1:${port}`), fc.constantFrom('https://evil.example', 'null')),
      host: header(fc.constant(`127.0.0.1:${port}`), fc.constantFrom('evil.example', 'localhost')),
      'content-type': header(fc.constantFrom('application/json', 'application/json; charset=utf-8'), fc.constantFrom('text/plain', 'application/x-www-form-urlencoded')),
      accept: header(fc.constantFrom('application/json, text/event-stream', 'text/event-stream, application/json'), fc.constantFrom('application/json', 'text/html', '*/*')),
      'mcp-protocol-version': header(fc.constantFrom(...SUPPORTED_PROTOCOL_VERSIONS), fc.constantFrom('1999-01-01', '')),
      'mcp-session-id': header(fc.uuid(), fc.constant('')),
    })
    .map((h) => Object.fromEntries(Object.entries(h).filter((e): e is [string, string] => e[1] !== undefined)));
  return fc.record({ body: body.map((v) => JSON.stringify(v)), headers });
}

/**
 * Posts one fuzzed request to `/mcp` on 127.0.0.1:`port` with exactly its headers (no Host added) and resolves with
 * the status once the whole response has arrived; rejects when no answer comes within `hangMs`.
 */
export function sendFuzzRequest(port: number, r: FuzzRequest, hangMs: number, agent?: Agent): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method: 'POST', path: '/mcp', headers: r.headers, setHost: false, ...(agent ? { agent } : {}) }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    });
    req.setTimeout(hangMs, () => req.destroy(new Error(`no answer within ${hangMs} ms`)));
    req.on('error', reject);
    req.end(r.body);
  });
}
