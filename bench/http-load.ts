/**
 * A bounded closed-loop load generator for MCP over HTTP: `concurrency` clients on keep-alive connections each
 * send `tools/call` POSTs back to back until `requests` answers have arrived or `maxMs` has passed. Only for
 * servers on 127.0.0.1. Every answer is checked (HTTP 200, a JSON-RPC result without `isError`).
 */
import { Agent, request } from 'node:http';
import { percentiles, type Percentiles } from './stats.js';

/** One tool call to repeat; `args(i)` may vary the arguments per request. */
export interface CallSpec {
  tool: string;
  args: (i: number) => Record<string, unknown>;
}

/** The result of one load run. */
export interface LoadRun extends Percentiles {
  requests: number;
  errors: number;
  seconds: number;
  /** Answers per second over the run. */
  rps: number;
}

const HEADERS = {
  'content-type': 'application/json',
  accept: 'application/json, text/event-stream',
  'mcp-protocol-version': '2025-06-18',
};

/** Extracts the JSON-RPC message from a JSON or SSE (`data:` lines) body. */
export function parseMcpBody(body: string, contentType: string | undefined): { result?: { isError?: boolean }; error?: unknown } {
  if (contentType?.startsWith('text/event-stream')) {
    const data = body
      .split('\n')
      .filter((l) => l.startsWith('data:'))
      .map((l) => l.slice(5).trim())
      .filter(Boolean);
    return JSON.parse(data[data.length - 1] ?? '{}');
  }
  return JSON.parse(body);
}

function post(agent: Agent, url: URL, payload: string): Promise<{ status: number; body: string; type: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { agent, host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { ...HEADERS, 'content-length': Buffer.byteLength(payload) } },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, type: res.headers['content-type'] }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** Sends one call and throws unless it succeeded. */
export async function callOnce(agent: Agent, url: URL, spec: CallSpec, i: number): Promise<void> {
  const payload = JSON.stringify({ jsonrpc: '2.0', id: i + 1, method: 'tools/call', params: { name: spec.tool, arguments: spec.args(i) } });
  const res = await post(agent, url, payload);
  if (res.status !== 200) throw new Error(`${spec.tool}: HTTP ${res.status}: ${res.body.slice(0, 200)}`);
  const msg = parseMcpBody(res.body, res.type);
  if (msg.error || !msg.result || msg.result.isError) throw new Error(`${spec.tool}: ${res.body.slice(0, 300)}`);
}

/** Runs one bounded load run and returns latency percentiles (ms) and throughput. */
export async function loadRun(endpoint: string, spec: CallSpec, options: { concurrency: number; requests: number; maxMs: number; warmup?: number }): Promise<LoadRun> {
  const url = new URL(endpoint);
  if (url.hostname !== '127.0.0.1') throw new Error('load runs only against 127.0.0.1');
  const agent = new Agent({ keepAlive: true, maxSockets: options.concurrency });
  try {
    const warm = options.warmup ?? Math.min(50, options.requests);
    await Promise.all(Array.from({ length: Math.min(options.concurrency, warm) }, async (_, w) => {
      for (let i = w; i < warm; i += options.concurrency) await callOnce(agent, url, spec, i);
    }));
    const latencies: number[] = [];
    let issued = 0;
    let errors = 0;
    let firstError: Error | undefined;
    const start = performance.now();
    const deadline = start + options.maxMs;
    await Promise.all(
      Array.from({ length: options.concurrency }, async () => {
        while (issued < options.requests && performance.now() < deadline) {
          const i = issued++;
          const t = performance.now();
          try {
            await callOnce(agent, url, spec, i);
            latencies.push(performance.now() - t);
          } catch (error) {
            errors++;
            firstError ??= error as Error;
            if (errors > 10) throw firstError;
          }
        }
      }),
    );
    const seconds = (performance.now() - start) / 1000;
    if (latencies.length === 0) throw firstError ?? new Error('no request completed');
    return { ...percentiles(latencies), requests: latencies.length, errors, seconds, rps: latencies.length / seconds };
  } finally {
    agent.destroy();
  }
}
