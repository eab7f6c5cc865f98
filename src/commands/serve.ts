import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { parseServeConfig, SERVE_USAGE, type ServeConfig } from '../config.js';
import { loadCorpus } from '../load-corpus.js';
import type { Corpus } from '../corpus/types.js';
import type { ClientKeys, HttpAppOptions } from '../http/app.js';
import { createServer } from '../mcp/server.js';
import { LineCap, MAX_LINE_BYTES, MessageGuard } from '../mcp/stdio.js';
import type { ToolDeps } from '../mcp/tools/deps.js';
import { searchIndexFor } from '../search/shared.js';
import { describeStoreOpenFailure } from '../store/open-failure.js';
import type { CommandIO } from './io.js';

type Submissions = NonNullable<ToolDeps['submissions']>;

/** S3: every stdio caller shares one identity. */
const STDIO_CLIENT: ClientKeys = { rateKey: 'stdio-local', diversityKey: 'stdio-local' };

/** An opened submission store and its service (both absent with `--no-store`). */
interface OpenedSubmissions {
  service?: Submissions;
  close?: () => Promise<void> | void;
}

/** Opens the submission store (PostgreSQL for DATABASE_URL, else SQLite at --db) and the submission service. */
async function openSubmissions(config: ServeConfig, corpus: Corpus, io: CommandIO): Promise<OpenedSubmissions> {
  if (!config.store) return {};
  const { createSubmissionService } = await import('../submissions/service.js');
  const { describeStore, openStore } = await import('../store/open.js');
  const log = (line: string) => io.stderr.write(`${line}\n`);
  const options = { ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}), dbPath: resolve(config.db), log };
  const where = describeStore(options);
  const store = await openStore(options);
  io.stderr.write(`loket: submissions stored in ${where.kind} (${where.where})\n`);
  const service = createSubmissionService({ store, corpus, log });
  return { service, close: () => store.close() };
}

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
 * How long after the stdio transport is connected the deferred set-up (search index, submission store and its
 * scanners) starts on its own: long enough for a client's `initialize` and `tools/list` to be answered first,
 * short enough that it is normally done before the first tool call (which otherwise starts it at once).
 */
const STDIO_WARM_UP_MS = 150;

/**
 * The stdio server answers `initialize` and `tools/list` before it builds the search index and opens the
 * submission store: desktop clients start it on every launch and wait for that first answer. A tool call or
 * status read that arrives earlier awaits the store (`ToolDeps.whenReady`), so a submission still gets its
 * receipt; a store that cannot be opened leaves the server read-only, as before.
 */
async function serveStdioMode(config: ServeConfig, corpus: Corpus, io: CommandIO): Promise<void> {
  const { serveStdio, StdioServerTransport } = await import('@modelcontextprotocol/server/stdio');
  // S1: stdout carries JSON-RPC only; a stray console.log from anywhere goes to stderr instead.
  console.log = console.error;
  console.info = console.error;
  const input = process.stdin
    .pipe(new LineCap(MAX_LINE_BYTES, () => io.stderr.write(`loket: dropped an input line longer than ${MAX_LINE_BYTES} bytes\n`)))
    .pipe(new MessageGuard((line) => process.stdout.write(line)));
  const transport = new StdioServerTransport(input, process.stdout, { maxBufferSize: 2 * MAX_LINE_BYTES });
  const deps: ToolDeps = { corpus, now: () => new Date(), client: { ...STDIO_CLIENT } };
  let opening: Promise<OpenedSubmissions> | undefined;
  const openOnce = () =>
    (opening ??= openSubmissions(config, corpus, io).then(
      (opened) => {
        if (opened.service) deps.submissions = opened.service;
        return opened;
      },
      (error: unknown): OpenedSubmissions => {
        // A desktop client may start the stdio server from a folder it cannot write (./data), or on a Node.js the
        // bundled SQLite module was not built for; reading still works.
        const { reason, hint } = describeStoreOpenFailure(error, config.databaseUrl ? 'postgres' : 'sqlite');
        io.stderr.write(`loket: warning: cannot open the submission store: ${reason}; serving read-only (reporting off); ${hint}\n`);
        return {};
      },
    ));
  deps.whenReady = async () => {
    await openOnce();
  };
  const handle = serveStdio(() => createServer(deps), {
    transport,
    onerror: (error) => io.stderr.write(`loket: stdio: ${error.message}\n`),
  });
  const warmUp = setTimeout(() => {
    searchIndexFor(corpus);
    void openOnce();
  }, STDIO_WARM_UP_MS);
  warmUp.unref();
  const signal = untilSignal();
  try {
    await Promise.race([once(input, 'end'), signal.promise]);
  } finally {
    clearTimeout(warmUp);
    signal.dispose();
    await handle.close();
    if (opening) await (await opening).close?.();
  }
}

/** The web surface (skill pages, /llms.txt …) when this build has it; `/mcp` and `/healthz` stay with the app. */
async function webRoutes(config: ServeConfig, corpus: Corpus): Promise<HttpAppOptions['routes']> {
  const web = (await import(new URL('../web/routes.js', import.meta.url).href).catch(() => undefined)) as
    | { createWebRoutes?: (options: Record<string, unknown>) => NonNullable<HttpAppOptions['routes']> }
    | undefined;
  if (!web?.createWebRoutes) return undefined;
  const { toolsFor } = await import('../mcp/tools/index.js');
  const [publicHost] = config.publicHost;
  return web.createWebRoutes({
    corpus,
    search: searchIndexFor(corpus),
    tools: toolsFor(corpus),
    mcpPath: '/mcp',
    ...(publicHost ? { publicBaseUrl: `https://${publicHost}`, allowedHosts: config.publicHost } : {}),
  });
}

async function serveHttpMode(config: ServeConfig, corpus: Corpus, submissions: Submissions | undefined, io: CommandIO): Promise<void> {
  const { createHttpApp } = await import('../http/app.js');
  const routes = await webRoutes(config, corpus);
  const app: Server = createHttpApp({
    corpus,
    host: config.host,
    port: config.port,
    publicHost: config.publicHost,
    allowedOrigins: config.allowOrigin,
    trustedProxies: config.trustProxy,
    readLimitPerMinute: config.readLimit,
    ...(routes ? { routes } : {}),
    ...(submissions ? { submissions, clientKeys: (ip: string) => submissions.clientKeys(ip, new Date()) } : {}),
  });
  const signal = untilSignal();
  if (config.public && !/^(127\.|localhost$|::1$|\[::1\]$)/.test(config.host)) {
    io.stderr.write(`loket: warning: listening on ${config.host} makes the server reachable from the network; put it behind TLS and set --public-host\n`);
  }
  app.listen(config.port, config.host.replace(/^\[(.*)\]$/, '$1'));
  await Promise.race([once(app, 'listening'), once(app, 'error').then(([error]) => Promise.reject(error))]);
  const { port } = app.address() as AddressInfo;
  const shown = config.host.includes(':') && !config.host.startsWith('[') ? `[${config.host}]` : config.host;
  io.stderr.write(`loket listening on http://${shown}:${port}/mcp\n`);
  const received = await signal.promise;
  signal.dispose();
  io.stderr.write(`loket: ${received} received, closing\n`);
  app.closeIdleConnections();
  await new Promise<void>((done) => app.close(() => done()));
}

/**
 * `loket serve`: loads the corpus once, opens the submission store (unless `--no-store`), then serves MCP over
 * stdio or Streamable HTTP until stdin closes or SIGINT/SIGTERM arrives. Returns the exit code.
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
  const { config } = parsed;
  const corpus = await loadCorpus(resolve(config.root));
  const errors = corpus.diagnostics.filter((d) => d.severity === 'error').length;
  if (errors > 0) io.stderr.write(`loket: ${errors} corpus error(s); skills with errors are not served (run loket lint)\n`);
  if (corpus.skills.length === 0) io.stderr.write(`loket: warning: no skills found under ${resolve(config.root)}\n`);
  if (config.stdio) {
    await serveStdioMode(config, corpus, io);
    return 0;
  }
  searchIndexFor(corpus);
  let submissions: OpenedSubmissions;
  try {
    submissions = await openSubmissions(config, corpus, io);
  } catch (error) {
    const { reason, hint } = describeStoreOpenFailure(error, config.databaseUrl ? 'postgres' : 'sqlite');
    io.stderr.write(`loket serve: cannot open the submission store: ${reason}; ${hint}, or --no-store to serve read-only\n`);
    return 1;
  }
  try {
    await serveHttpMode(config, corpus, submissions.service, io);
  } finally {
    await submissions.close?.();
  }
  return 0;
}
