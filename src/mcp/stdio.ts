import { once } from 'node:events';
import { type Readable, Transform, type TransformCallback, type Writable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import type { JSONRPCMessage, McpServer } from '@modelcontextprotocol/server';
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

/** Which messages wait (see {@link MessageGuard}): `waits` is asked about each message until one must wait. */
export interface HoldBack {
  waits(message: Record<string, unknown>): boolean;
}

/**
 * Runs the message guard (depth cap, forbidden keys; `message-guard.ts`) on each stdin line before the SDK's stdio
 * transport parses it, so stdio refuses exactly what HTTP refuses (SECURITY Z6). A refused request is answered
 * through `reply` with a JSON-RPC error carrying its id, and its line is not passed on; a refused notification is
 * dropped. Lines that are not JSON objects pass through untouched: the SDK answers those itself.
 *
 * With `hold`, the first message it says waits is held back with every line after it, in order, until `release()`
 * (the guard itself still runs on each line as it arrives). When its input ends, the end is passed on after the held
 * lines and once `beforeEnd` resolves.
 */
export class MessageGuard extends Transform {
  #partial = '';
  readonly #decoder = new StringDecoder('utf8');
  readonly #reply: (line: string) => void;
  readonly #onMessage: (message: Record<string, unknown>) => void;
  readonly #hold: HoldBack | undefined;
  readonly #beforeEnd: () => Promise<void>;
  /** Lines held back, in order; `undefined` while lines pass. */
  #held: string[] | undefined;
  #released = false;
  /** The end of input, waiting for the held lines to be passed on first. */
  #endWhenReleased: TransformCallback | undefined;

  /** `onMessage` sees each message that passes the guard, before the SDK's transport reads it. */
  constructor(
    reply: (line: string) => void,
    onMessage: (message: Record<string, unknown>) => void = () => {},
    hold?: HoldBack,
    beforeEnd: () => Promise<void> = async () => {},
  ) {
    super();
    this.#reply = reply;
    this.#onMessage = onMessage;
    this.#hold = hold;
    this.#beforeEnd = beforeEnd;
  }

  /** Passes on the lines held back, in order, and every later line as it comes. */
  release(): void {
    this.#released = true;
    const held = this.#held ?? [];
    this.#held = undefined;
    for (const line of held) this.push(line);
    const end = this.#endWhenReleased;
    this.#endWhenReleased = undefined;
    end?.();
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
    // A client may write its requests and close stdin at once: held lines are passed on before the input ends, and
    // the input ends when `beforeEnd` says so (the requests read are answered).
    const end = () => void this.#beforeEnd().then(() => done(), () => done());
    if (this.#held) this.#endWhenReleased = end;
    else end();
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
        if (message !== null && typeof message === 'object' && !Array.isArray(message)) {
          this.#onMessage(message as Record<string, unknown>);
          if (!this.#held && !this.#released && this.#hold?.waits(message as Record<string, unknown>)) this.#held = [];
        }
      }
    }
    if (this.#held) this.#held.push(line);
    else this.push(line);
  }
}

/**
 * A running stdio server: `ended` resolves when stdin has closed and the requests read before it are answered (or
 * {@link DRAIN_MS} have passed), and rejects when deferred set-up fails; `close` stops serving.
 */
export interface StdioServing {
  ended: Promise<void>;
  close(): Promise<void>;
}

/**
 * Set-up a stdio server finishes after its first answers (the corpus, for loket). Messages `answersEarly` does not
 * accept wait for it, with every message after them. `prepare` starts once nothing let through is left unanswered
 * and either a `tools/list` has been answered, a message waits, or `atLatestMs` have passed since serving began, so
 * it never holds back an answer the client is waiting for.
 */
export interface DeferredSetUp {
  answersEarly(message: Record<string, unknown>): boolean;
  prepare(): Promise<void>;
  atLatestMs: number;
}

/** Options of {@link serveOverStdio}. */
export interface StdioOptions {
  /** Sees every message that passes the guards (the serve command starts its warm-up from it). */
  onMessage?: (message: Record<string, unknown>) => void;
  deferred?: DeferredSetUp;
}

/** How long a server whose stdin has closed still waits for the answers to requests it has read. */
export const DRAIN_MS = 10_000;

/** The SDK's stdio transport, telling `onSend` of each message it writes. */
class WatchedStdioTransport extends StdioServerTransport {
  onSend: (message: JSONRPCMessage) => void = () => {};
  override send(message: JSONRPCMessage): Promise<void> {
    this.onSend(message);
    return super.send(message);
  }
}

/**
 * Serves MCP over a process's stdin and stdout: stdin lines are capped (S2) and guarded (Z6) before the SDK's
 * transport reads them, and `console.log`/`console.info` are sent to stderr so stdout carries JSON-RPC only (S1).
 */
export function serveOverStdio(serverFor: () => McpServer, streams: { stdin: Readable; stdout: Writable }, log: LogLine, options: StdioOptions = {}): StdioServing {
  console.log = console.error;
  console.info = console.error;
  const { deferred } = options;
  /**
   * Every request read and not yet answered, by id, with its method: a closed stdin ends serving only once they are
   * answered. `early` marks the ones let through before the deferred set-up; the set-up starts only when none of
   * those is left (requests held back wait here too, unanswered until the set-up is done).
   */
  const requests = new Map<unknown, { method: string; early: boolean }>();
  const earlyUnanswered = () => {
    for (const r of requests.values()) if (r.early) return true;
    return false;
  };
  let wanted = false;
  let preparing: Promise<void> | undefined;
  let failed: (error: unknown) => void = () => {};
  const failure = new Promise<never>((_, reject) => (failed = reject));
  failure.catch(() => {});
  const want = () => {
    wanted = true;
    if (!deferred || preparing || earlyUnanswered()) return;
    // After the current answer has been written: the set-up holds the thread for a while.
    preparing = new Promise<void>((resolveNow) => setImmediate(resolveNow)).then(() => deferred.prepare());
    preparing.then(() => guard.release(), failed);
  };
  const hold: HoldBack | undefined = deferred && {
    waits: (message) => {
      if (deferred.answersEarly(message)) {
        const request = requests.get(message.id);
        if (request) request.early = true;
        return false;
      }
      want();
      return true;
    },
  };
  let drained: () => void = () => {};
  const onMessage = (message: Record<string, unknown>) => {
    if (message.id !== undefined && typeof message.method === 'string') requests.set(message.id, { method: message.method, early: false });
    options.onMessage?.(message);
  };
  // The SDK stops answering once its input ends: the end is passed on when the requests read before it are answered.
  const drain = () =>
    new Promise<void>((done) => {
      if (requests.size === 0) return done();
      const finish = () => {
        clearTimeout(cap);
        drained = () => {};
        done();
      };
      const cap = setTimeout(finish, DRAIN_MS);
      drained = finish;
    });
  const guard = new MessageGuard((line) => streams.stdout.write(line), onMessage, hold, drain);
  const input = streams.stdin.pipe(new LineCap(MAX_LINE_BYTES, () => log(`loket: dropped an input line longer than ${MAX_LINE_BYTES} bytes`))).pipe(guard);
  const transport = new WatchedStdioTransport(input, streams.stdout, { maxBufferSize: 2 * MAX_LINE_BYTES });
  transport.onSend = (message) => {
    if ('method' in message) return;
    const id = (message as { id?: unknown }).id;
    const request = requests.get(id);
    if (!request) return;
    requests.delete(id);
    if (requests.size === 0) drained();
    if (request.early && (request.method === 'tools/list' || wanted)) want();
  };
  const timer = deferred && setTimeout(want, deferred.atLatestMs);
  timer?.unref();
  const handle = serveStdio(serverFor, { transport, onerror: (error) => log(`loket: stdio: ${error.message}`) });
  return {
    ended: Promise.race([once(input, 'end').then(() => undefined), failure]),
    // Closing also lets go of stdin: a client that keeps its end open must not keep the process alive after SIGTERM.
    close: async () => {
      clearTimeout(timer);
      await handle.close();
      streams.stdin.unpipe();
      streams.stdin.destroy();
    },
  };
}
