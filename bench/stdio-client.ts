/**
 * A minimal MCP client over a child's stdio (newline-delimited JSON-RPC), with no SDK in the measured path, so
 * a cold start measures the server and not the client.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';

/** One spawned server and a way to send requests to it. */
export interface StdioPeer {
  child: ChildProcessWithoutNullStreams;
  /** Sends a request and resolves with its result (rejects on a JSON-RPC error or timeout). */
  request(method: string, params?: Record<string, unknown>, timeoutMs?: number): Promise<unknown>;
  notify(method: string, params?: Record<string, unknown>): void;
  /** Everything the child wrote to stderr so far (for error reports). */
  stderr(): string;
  /** Ends the child (SIGKILL after a grace period) and waits for it to exit. */
  close(): Promise<void>;
}

/** The protocol version the benchmark clients offer (both servers speak it). */
export const BENCH_PROTOCOL_VERSION = '2025-06-18';

/** Spawns `command args` with piped stdio and wires a JSON-RPC line reader to it. */
export function spawnStdio(command: string, args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): StdioPeer {
  const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
  let buffer = '';
  let err = '';
  let nextId = 1;
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    buffer += chunk;
    let nl: number;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, nl).trim();
      buffer = buffer.slice(nl + 1);
      if (!line) continue;
      let msg: { id?: number; result?: unknown; error?: { message: string } };
      try {
        msg = JSON.parse(line);
      } catch {
        continue;
      }
      if (typeof msg.id !== 'number') continue;
      const w = waiting.get(msg.id);
      if (!w) continue;
      waiting.delete(msg.id);
      if (msg.error) w.reject(new Error(msg.error.message));
      else w.resolve(msg.result);
    }
  });
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    if (err.length < 20_000) err += chunk;
  });
  child.once('exit', (code, signal) => {
    for (const w of waiting.values()) w.reject(new Error(`server exited (${code ?? signal}) before answering: ${err.slice(-500)}`));
    waiting.clear();
  });
  const write = (msg: object) => child.stdin.write(`${JSON.stringify(msg)}\n`);
  return {
    child,
    request(method, params = {}, timeoutMs = 30_000) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting.delete(id);
          reject(new Error(`${method} timed out after ${timeoutMs} ms: ${err.slice(-500)}`));
        }, timeoutMs);
        waiting.set(id, {
          resolve: (v) => (clearTimeout(timer), resolve(v)),
          reject: (e) => (clearTimeout(timer), reject(e)),
        });
        write({ jsonrpc: '2.0', id, method, params });
      });
    },
    notify(method, params = {}) {
      write({ jsonrpc: '2.0', method, params });
    },
    stderr: () => err,
    async close() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.stdin.end();
      const timer = setTimeout(() => child.kill('SIGKILL'), 2_000);
      child.kill('SIGTERM');
      await exited;
      clearTimeout(timer);
    },
  };
}

/** `initialize` + `notifications/initialized`, as every MCP client does first. */
export async function initialize(peer: StdioPeer): Promise<unknown> {
  const result = await peer.request('initialize', {
    protocolVersion: BENCH_PROTOCOL_VERSION,
    capabilities: {},
    clientInfo: { name: 'loket-bench', version: '0.0.0' },
  });
  peer.notify('notifications/initialized');
  return result;
}
