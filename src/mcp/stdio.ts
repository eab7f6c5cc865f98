import { once } from 'node:events';
import { type Readable, Transform, type TransformCallback, type Writable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import type { McpServer } from '@modelcontextprotocol/server';
import { serveStdio, StdioServerTransport } from '@modelcontextprotocol/server/stdio';
import type { LogLine } from '../log.js';
import { guardMessage, requestId } from './message-guard.js';

/** S2: the longest stdin line the stdio server accepts. */
export const MAX_LINE_BYTES = 1024 * 1024;

/**
 * Caps stdin lines before they reach the SDK's stdio transport. The SDK closes the whole connection when its
 * read buffer overflows; here a line over the cap is dropped (its bytes are never buffered) and reported on
 * stderr, and the next line is served normally (SECURITY S2).
 */
export class LineCap extends Transform {
  #pending: Buffer[] = [];
  #pendingBytes = 0;
  #dropping = false;
  readonly #max: number;
  readonly #onDrop: () => void;

  constructor(max = MAX_LINE_BYTES, onDrop: () => void = () => {}) {
    super();
    this.#max = max;
    this.#onDrop = onDrop;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    let start = 0;
    while (start < chunk.length) {
      const newline = chunk.indexOf(10, start);
      const end = newline === -1 ? chunk.length : newline;
      if (!this.#dropping) {
        const piece = chunk.subarray(start, end);
        if (this.#pendingBytes + piece.length > this.#max) {
          this.#pending = [];
          this.#pendingBytes = 0;
          this.#dropping = true;
          this.#onDrop();
        } else if (piece.length > 0) {
          this.#pending.push(piece);
          this.#pendingBytes += piece.length;
        }
      }
      if (newline === -1) break;
      if (!this.#dropping) {
        this.#pending.push(Buffer.from('\n'));
        this.push(Buffer.concat(this.#pending));
      }
      this.#pending = [];
      this.#pendingBytes = 0;
      this.#dropping = false;
      start = newline + 1;
    }
    done();
  }

  override _flush(done: TransformCallback): void {
    if (!this.#dropping && this.#pendingBytes > 0) this.push(Buffer.concat([...this.#pending, Buffer.from('\n')]));
    done();
  }
}

/**
 * Runs the message guard (depth cap, forbidden keys; `message-guard.ts`) on each stdin line before the SDK's stdio
 * transport parses it, so stdio refuses exactly what HTTP refuses (SECURITY Z6). A refused request is answered
 * through `reply` with a JSON-RPC error carrying its id, and its line is not passed on; a refused notification is
 * dropped. Lines that are not JSON objects pass through untouched: the SDK answers those itself.
 */
export class MessageGuard extends Transform {
  #partial = '';
  readonly #decoder = new StringDecoder('utf8');
  readonly #reply: (line: string) => void;
  readonly #onMessage: (message: Record<string, unknown>) => void;

  /** `onMessage` sees each message that passes the guard, before the SDK's transport reads it. */
  constructor(reply: (line: string) => void, onMessage: (message: Record<string, unknown>) => void = () => {}) {
    super();
    this.#reply = reply;
    this.#onMessage = onMessage;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    const text = this.#partial + this.#decoder.write(chunk);
    let start = 0;
    for (let newline = text.indexOf('\n'); newline !== -1; newline = text.indexOf('\n', start)) {
      this.#line(text.slice(start, newline + 1));
      start = newline + 1;
    }
    this.#partial = text.slice(start);
    done();
  }

  override _flush(done: TransformCallback): void {
    this.#partial += this.#decoder.end();
    if (this.#partial) this.#line(this.#partial);
    this.#partial = '';
    done();
  }

  #line(line: string): void {
    const trimmed = line.trim();
    if (trimmed.startsWith('{')) {
      let message: unknown;
      try {
        message = JSON.parse(trimmed);
      } catch {
        message = undefined;
      }
      if (message !== undefined) {
        const verdict = guardMessage(message);
        if (!verdict.ok) {
          const id = requestId(message);
          if (id !== undefined) this.#reply(`${JSON.stringify({ jsonrpc: '2.0', id, error: { code: verdict.code, message: verdict.message } })}\n`);
          return;
        }
        if (message !== null && typeof message === 'object' && !Array.isArray(message)) this.#onMessage(message as Record<string, unknown>);
      }
    }
    this.push(line);
  }
}

/** A running stdio server: `ended` resolves when stdin closes; `close` stops serving. */
export interface StdioServing {
  ended: Promise<void>;
  close(): Promise<void>;
}

/**
 * Serves MCP over a process's stdin and stdout: stdin lines are capped (S2) and guarded (Z6) before the SDK's
 * transport reads them, and `console.log`/`console.info` are sent to stderr so stdout carries JSON-RPC only (S1).
 * `onMessage` sees every message that passes the guards (the serve command starts its deferred set-up from it).
 */
export function serveOverStdio(
  serverFor: () => McpServer,
  streams: { stdin: Readable; stdout: Writable },
  log: LogLine,
  onMessage?: (message: Record<string, unknown>) => void,
): StdioServing {
  console.log = console.error;
  console.info = console.error;
  const input = streams.stdin
    .pipe(new LineCap(MAX_LINE_BYTES, () => log(`loket: dropped an input line longer than ${MAX_LINE_BYTES} bytes`)))
    .pipe(new MessageGuard((line) => streams.stdout.write(line), onMessage));
  const transport = new StdioServerTransport(input, streams.stdout, { maxBufferSize: 2 * MAX_LINE_BYTES });
  const handle = serveStdio(serverFor, { transport, onerror: (error) => log(`loket: stdio: ${error.message}`) });
  return {
    ended: once(input, 'end').then(() => undefined),
    // Closing also lets go of stdin: a client that keeps its end open must not keep the process alive after SIGTERM.
    close: async () => {
      await handle.close();
      streams.stdin.unpipe();
      streams.stdin.destroy();
    },
  };
}
