import type { Server } from 'node:http';
import { resolve } from 'node:path';
import type { McpServer } from '@modelcontextprotocol/server';
import type { ServeConfig } from './config.js';
import { loadCorpus } from './load-corpus.js';
import type { Corpus } from './corpus/types.js';
import type { LogLine } from './log.js';
import { createServer } from './mcp/server.js';
import type { ToolDeps } from './mcp/tools/deps.js';
import { toolsFor } from './mcp/tools/index.js';
import { searchIndexFor } from './search/shared.js';
import { describeStoreOpenFailure } from './store/open-failure.js';
import type { SubmissionService } from './submissions/service.js';

/**
 * The composition root of `loket serve`: configuration → corpus → submission store and service → MCP server,
 * and for HTTP the transport with the web pages mounted beside `/mcp`. Every module is wired here and nowhere
 * else; `commands/serve.ts` only picks the transport and waits for a signal.
 *
 * Two groups of modules are imported when first needed rather than up front, because the stdio server answers
 * `initialize` and `tools/list` before it needs them and desktop clients wait for that answer on every launch.
 * Measured as module loading of the compiled `dist/` in fresh Node 20 processes, median of 11 paired runs on a
 * busy 2-core machine, against 970 ms for this module and everything it imports statically:
 * - the HTTP transport and the web pages (`http/app.ts`, `web/routes.ts`: the Markdown-to-HTML stack, about 260
 *   module files), which stdio never uses: +460 ms (+48 %);
 * - the submission store and its service (`store/open.ts`, `submissions/service.ts`: the SQLite and PostgreSQL
 *   drivers, the phone-number and IBAN checks), which stdio opens just after its first answers: +385 ms (+40 %).
 * Neither import is guarded: a module that fails to load fails `loket serve` with its error.
 */

/** The transport surface of HTTP serving: the app (`/mcp`, `/healthz`) and the web pages. */
const loadHttpSurface = async () => {
  const [http, web] = await Promise.all([import('./http/app.js'), import('./web/routes.js')]);
  return { createHttpApp: http.createHttpApp, createWebRoutes: web.createWebRoutes };
};

/** The submission store and the service that checks and records submissions. */
const loadSubmissions = async () => {
  const [store, service] = await Promise.all([import('./store/open.js'), import('./submissions/service.js')]);
  return { openStore: store.openStore, describeStore: store.describeStore, createSubmissionService: service.createSubmissionService };
};

/** S3: every stdio caller shares one identity. */
const STDIO_CLIENT = { rateKey: 'stdio-local', diversityKey: 'stdio-local' } as const;

/** A composed server: the corpus, the submission store once opened, and the two transports' entry points. */
export interface App {
  readonly config: ServeConfig;
  readonly corpus: Corpus;
  /**
   * Opens the submission store and its service (once; later calls share the first). Resolves to `undefined` with
   * `--no-store`; rejects when the store cannot be opened.
   */
  openSubmissions(): Promise<SubmissionService | undefined>;
  /**
   * The dependencies of the stdio server, whose set-up is deferred: `warmUp` builds the search index and opens the
   * store; tool calls await the store (`whenReady`); a store that cannot be opened leaves the server read-only
   * with one warning in the log.
   */
  stdio(): { deps: ToolDeps; warmUp(): void };
  /** One MCP server over `deps` (cheap: the HTTP transport builds one per request). */
  mcpServer(deps: ToolDeps): McpServer;
  /** The HTTP server (`/mcp`, `/healthz`, the web pages), not yet listening. Opens the store first. */
  httpServer(): Promise<Server>;
  /** Closes the submission store, if it was opened. */
  close(): Promise<void>;
}

/**
 * Loads the corpus under `config.root` and composes the server around it. Corpus problems are logged (skills with
 * errors are not served); nothing is opened or bound yet.
 */
export async function createApp(config: ServeConfig, log: LogLine): Promise<App> {
  const root = resolve(config.root);
  const corpus = await loadCorpus(root);
  const errors = corpus.diagnostics.filter((d) => d.severity === 'error').length;
  if (errors > 0) log(`loket: ${errors} corpus error(s); skills with errors are not served (run loket lint)`);
  if (corpus.skills.length === 0) log(`loket: warning: no skills found under ${root}`);

  let opening: Promise<{ service?: SubmissionService; close(): Promise<void> }> | undefined;
  const open = () =>
    (opening ??= (async () => {
      if (!config.store) return { close: async () => {} };
      const { openStore, describeStore, createSubmissionService } = await loadSubmissions();
      const options = { ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}), dbPath: resolve(config.db), log };
      const where = describeStore(options);
      const store = await openStore(options);
      log(`loket: submissions stored in ${where.kind} (${where.where})`);
      return { service: createSubmissionService({ store, corpus, log }), close: async () => store.close() };
    })());
  const openSubmissions = async () => (await open()).service;

  return {
    config,
    corpus,
    openSubmissions,
    stdio() {
      const deps: ToolDeps = { corpus, now: () => new Date(), client: { ...STDIO_CLIENT } };
      let ready: Promise<void> | undefined;
      deps.whenReady = () =>
        (ready ??= openSubmissions().then(
          (service) => {
            if (service) deps.submissions = service;
          },
          (error: unknown) => {
            // A desktop client may start the stdio server from a folder it cannot write, or on a Node.js the
            // bundled SQLite module was not built for; reading still works.
            const { reason, hint } = describeStoreOpenFailure(error, config.databaseUrl ? 'postgres' : 'sqlite');
            log(`loket: warning: cannot open the submission store: ${reason}; serving read-only (reporting off); ${hint}`);
          },
        ));
      return {
        deps,
        warmUp: () => {
          searchIndexFor(corpus);
          void deps.whenReady?.();
        },
      };
    },
    mcpServer: (deps) => createServer(deps),
    async httpServer() {
      const [surface, submissions] = await Promise.all([loadHttpSurface(), openSubmissions()]);
      const [publicHost] = config.publicHost;
      const routes = surface.createWebRoutes({
        corpus,
        search: searchIndexFor(corpus),
        tools: toolsFor(corpus),
        mcpPath: '/mcp',
        ...(publicHost ? { publicBaseUrl: `https://${publicHost}`, allowedHosts: config.publicHost } : {}),
      });
      return surface.createHttpApp({
        corpus,
        host: config.host,
        port: config.port,
        publicHost: config.publicHost,
        allowedOrigins: config.allowOrigin,
        trustedProxies: config.trustProxy,
        readLimitPerMinute: config.readLimit,
        routes,
        ...(submissions ? { submissions, clientKeys: (ip: string) => submissions.clientKeys(ip, new Date()) } : {}),
      });
    },
    async close() {
      if (!opening) return;
      const opened = await opening.catch(() => undefined);
      await opened?.close();
    },
  };
}
