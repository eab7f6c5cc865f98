import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import * as z from 'zod';
import { createApp, createStdioApp, type App, type StdioApp } from '../app.js';
import { parseServeConfig, SERVE_USAGE } from '../config.js';
import { isLoopbackHost } from '../hosts.js';
import type { LogLine } from '../log.js';
import { serveOverStdio } from '../mcp/stdio.js';
import { describeStoreOpenFailure } from '../store/open-failure.js';
import type { CommandIO } from './io.js';

/** Resolves on the first SIGINT or SIGTERM (and removes its listeners afterwards). */
function untilSignal(): { promise: Promise<string>; dispose: () => void } {
  let dispose = () => {};
  const promise = new Promise<string>((resolvePromise) => {
    const onSignal = (signal: string) => resolvePromise(signal);
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    dispose = () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    };
  });
  return { promise, dispose };
}

/**
 * When the deferred set-up of the stdio server (search index, submission store and its scanners) starts: once the
 * client has had its first `tools/list` and then sent nothing for STDIO_WARM_UP_QUIET_MS (clients list resources and
 * prompts right after tools), at the latest STDIO_WARM_UP_MS after that `tools/list`, or STDIO_WARM_UP_MS after the
 * transport is connected when no `tools/list` comes; and never before the corpus is loaded and then
 * STDIO_WARM_UP_QUIET_MS have passed, so the messages that waited for the corpus are answered first. The set-up runs
 * for a while without yielding; a fixed delay alone let it start before a slow client's `tools/list` and hold its
 * answer back.
 */
const STDIO_WARM_UP_MS = 1_000;
const STDIO_WARM_UP_QUIET_MS = 100;
/** The corpus is loaded right after the first `tools/list` answer, or this long after the transport is connected. */
const STDIO_CORPUS_AT_LATEST_MS = 1_000;

/**
 * zod compiles a parser (generated code) for an object schema on its first parse, unless the schema was made with
 * `jitless` set. The schemas made while the stdio server starts (the MCP SDK builds its message schemas on the first
 * request) check a handful of messages before the first answers; compiling their parsers cost more than it saved
 * (about 4 % of the CPU time to the first `tools/list` answer, `bench/cold-start.ts`). So they are made `jitless`:
 * zod's own interpreter checks them, with the same results. Schemas made after the start-up compile as usual.
 */
function interpretSchemasMadeDuringStartUp(): () => void {
  z.config({ jitless: true });
  return () => z.config({ jitless: false });
}

/**
 * The stdio server answers `initialize` and `tools/list` before it loads the corpus, and loads the corpus before it
 * builds the search index and opens the submission store: desktop clients start it on every launch and wait for
 * that first answer. Messages that need the corpus wait for it; a tool call that arrives early also awaits the
 * store, so a submission still gets its receipt. A corpus that cannot be loaded ends the server with its error.
 */
async function serveStdioMode(app: StdioApp, log: LogLine): Promise<void> {
  const startedUp = interpretSchemasMadeDuringStartUp();
  const loadCorpus = () => {
    startedUp();
    return app.loadCorpus();
  };
  let timer: NodeJS.Timeout | undefined;
  let started = false;
  let loaded = false;
  const startWarmUp = () => {
    if (started) return;
    if (!loaded) {
      // Messages that waited for the corpus are answered first: the quiet period starts again once it is loaded.
      loadCorpus().then(
        () => {
          loaded = true;
          warmUpIn(STDIO_WARM_UP_QUIET_MS);
        },
        () => {},
      );
      return;
    }
    started = true;
    app.warmUp();
  };
  const warmUpIn = (ms: number) => {
    clearTimeout(timer);
    timer = setTimeout(startWarmUp, ms);
    timer.unref();
  };
  let listedAt: number | undefined;
  const onMessage = (message: Record<string, unknown>) => {
    if (started) return;
    if (listedAt === undefined && message.method === 'tools/list') listedAt = performance.now();
    // A client that never goes quiet still gets the set-up within STDIO_WARM_UP_MS of its tools/list.
    if (listedAt !== undefined && performance.now() - listedAt < STDIO_WARM_UP_MS) warmUpIn(STDIO_WARM_UP_QUIET_MS);
  };
  const serving = serveOverStdio(() => app.mcpServer(), { stdin: process.stdin, stdout: process.stdout }, log, {
    onMessage,
    deferred: { answersEarly: (message) => app.answersBeforeCorpus(message), prepare: loadCorpus, atLatestMs: STDIO_CORPUS_AT_LATEST_MS },
  });
  warmUpIn(STDIO_WARM_UP_MS);
  const signal = untilSignal();
  try {
    await Promise.race([serving.ended, signal.promise]);
  } finally {
    startedUp();
    clearTimeout(timer);
    signal.dispose();
    await serving.close();
  }
}

/** Serves HTTP until SIGINT or SIGTERM; returns the exit code. */
async function serveHttpMode(app: App, log: LogLine): Promise<number> {
  const { config } = app;
  try {
    await app.openSubmissions();
  } catch (error) {
    const { reason, hint } = describeStoreOpenFailure(error, config.databaseUrl ? 'postgres' : 'sqlite');
    log(`loket serve: cannot open the submission store: ${reason}; ${hint}, or --no-store to serve read-only`);
    return 1;
  }
  const server = await app.httpServer();
  const signal = untilSignal();
  if (config.public && !isLoopbackHost(config.host)) {
    log(`loket: warning: listening on ${config.host} makes the server reachable from the network; put it behind TLS and set --public-host`);
  }
  server.listen(config.port, config.host.replace(/^\[(.*)\]$/, '$1'));
  await Promise.race([once(server, 'listening'), once(server, 'error').then(([error]) => Promise.reject(error))]);
  const { port } = server.address() as AddressInfo;
  const shown = config.host.includes(':') && !config.host.startsWith('[') ? `[${config.host}]` : config.host;
  log(`loket listening on http://${shown}:${port}/mcp`);
  const received = await signal.promise;
  signal.dispose();
  log(`loket: ${received} received, closing`);
  server.closeIdleConnections();
  await new Promise<void>((done) => server.close(() => done()));
  return 0;
}

/**
 * `loket serve`: composes the server (`createStdioApp`, or `createApp`: corpus, store, MCP and the web pages), then
 * serves MCP over stdio or Streamable HTTP until stdin closes or SIGINT/SIGTERM arrives. Returns the exit code.
 */
export async function runServe(argv: string[], io: CommandIO): Promise<number> {
  const parsed = parseServeConfig(argv, io.env);
  if (!parsed.ok) {
    io.stderr.write(`loket serve: ${parsed.error}\n\n${SERVE_USAGE}\n`);
    return 2;
  }
  if (parsed.help) {
    io.stderr.write(`${SERVE_USAGE}\n`);
    return 0;
  }
  const log: LogLine = (line) => io.stderr.write(`${line}\n`);
  if (parsed.config.stdio) {
    const app = await createStdioApp(parsed.config, log);
    try {
      await serveStdioMode(app, log);
      return 0;
    } finally {
      await app.close();
    }
  }
  const app = await createApp(parsed.config, log);
  try {
    return await serveHttpMode(app, log);
  } finally {
    await app.close();
  }
}
