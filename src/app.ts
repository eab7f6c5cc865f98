import type { Server } from 'node:http';
import { resolve } from 'node:path';
import type { McpServer } from '@modelcontextprotocol/server';
import type { ServeConfig } from './config.js';
import { hasVocabulary, loadCorpus, loadVocabulary } from './load-corpus.js';
import { compactHeap } from './corpus/compact-heap.js';
import { deferredCorpus } from './corpus/deferred.js';
import type { Corpus } from './corpus/types.js';
import type { LogLine } from './log.js';
import { createListedServer } from './mcp/compose.js';
import type { ToolDeps } from './mcp/tools/deps.js';
import { listedTools } from './mcp/tools/listing.js';
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
 *
 * The stdio server (`createStdioApp`) also answers `initialize` and `tools/list` before it loads the corpus: they
 * need only `facts.yaml`. Measured with `bench/cold-start.ts`'s client, spawn → `tools/list`, 11 paired runs on the
 * same busy 2-core machine: 2296 → 1397 ms (median), 1.94× → 1.07× server-filesystem.
 *
 * It lists its tools from their listings (`mcp/tools/listing.ts`: presentation and JSON Schemas, computed when the
 * start-up bundle is built; find_procedure's input from `facts.yaml`), and loads the tool modules, with the zod
 * schemas of submissions, the store and the guidance answers, on the first call. With the zod schemas made during
 * the start-up checked by zod's interpreter (`commands/serve.ts`), 10 paired runs of `bench/cold-start.ts` on the
 * busy 2-core machine: 1.01× → 0.91× server-filesystem (median).
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
  /** One MCP server over `deps` (cheap: the HTTP transport builds one per request). */
  mcpServer(deps: ToolDeps): McpServer;
  /** The HTTP server (`/mcp`, `/healthz`, the web pages), not yet listening. Opens the store first. */
  httpServer(): Promise<Server>;
  /** Closes the submission store, if it was opened. */
  close(): Promise<void>;
}

/** Loads the corpus under `root` and logs its problems (skills with errors are not served). */
async function loadServedCorpus(root: string, log: LogLine): Promise<Corpus> {
  const corpus = await loadCorpus(root);
  const errors = corpus.diagnostics.filter((d) => d.severity === 'error').length;
  if (errors > 0) log(`loket: ${errors} corpus error(s); skills with errors are not served (run loket lint)`);
  if (corpus.skills.length === 0) log(`loket: warning: no skills found under ${root}`);
  return corpus;
}

/** Opens the submission store and its service over `corpus` once (later calls share the first), and closes it. */
function submissionsOf(config: ServeConfig, log: LogLine, corpus: () => Promise<Corpus>) {
  let opening: Promise<{ service?: SubmissionService; close(): Promise<void> }> | undefined;
  const open = () =>
    (opening ??= (async () => {
      if (!config.store) return { close: async () => {} };
      const [loaded, { openStore, describeStore, createSubmissionService }] = await Promise.all([corpus(), loadSubmissions()]);
      const options = { ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}), dbPath: resolve(config.db), log };
      const where = describeStore(options);
      const store = await openStore(options);
      log(`loket: submissions stored in ${where.kind} (${where.where})`);
      return { service: createSubmissionService({ store, corpus: loaded, log }), close: async () => store.close() };
    })());
  return {
    open: async () => (await open()).service,
    async close() {
      if (!opening) return;
      const opened = await opening.catch(() => undefined);
      await opened?.close();
    },
  };
}

/**
 * Loads the corpus under `config.root` and composes the server around it. Corpus problems are logged (skills with
 * errors are not served); nothing is opened or bound yet.
 */
export async function createApp(config: ServeConfig, log: LogLine): Promise<App> {
  const corpus = await loadServedCorpus(resolve(config.root), log);
  const [{ createServer }, { toolsFor }] = await Promise.all([import('./mcp/server.js'), import('./mcp/tools/index.js')]);
  const store = submissionsOf(config, log, async () => corpus);
  const openSubmissions = store.open;
  // The start-up leaves one heap to compact: the first HTTP server built compacts it, later ones have nothing to give back.
  let compacted = false;

  return {
    config,
    corpus,
    openSubmissions,
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
      // Corpus, index and pages are built: what the start-up left behind is given back before serving.
      if (!compacted) {
        compacted = true;
        compactHeap();
      }
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
    close: () => store.close(),
  };
}

/** Messages the stdio server answers before its corpus is loaded; every other message waits for the corpus. */
const ANSWERED_BEFORE_CORPUS = new Set(['initialize', 'notifications/initialized', 'ping', 'tools/list']);

/**
 * The stdio server, composed before its corpus is loaded: desktop clients start it on every launch and wait for the
 * answers to `initialize` and `tools/list`, which need no more of the corpus than its fact vocabulary (every other
 * tool schema is fixed). The corpus is loaded once (`loadCorpus`), after those first answers; until then every
 * message that needs it waits (`answersBeforeCorpus` tells which do not), then gets the answer it would have got.
 */
export interface StdioApp {
  /** The MCP server of a connection, over the corpus once loaded; building it reads nothing. */
  mcpServer(): McpServer;
  /** Whether a message is answered without the corpus (`initialize`, `notifications/initialized`, `ping`, `tools/list`). */
  answersBeforeCorpus(message: { method?: unknown }): boolean;
  /**
   * Loads the corpus (once; later calls share the first) and logs its problems. Rejects when it cannot be loaded, or
   * when `facts.yaml` changed since the tools were listed: find_procedure would then check calls against facts the
   * corpus no longer has.
   */
  loadCorpus(): Promise<void>;
  /** Builds the search index and opens the submission store, after the corpus (a store that fails is logged). */
  warmUp(): void;
  /** Closes the submission store, if it was opened. */
  close(): Promise<void>;
}

/**
 * Composes the stdio server: reads and checks `facts.yaml` (the one corpus file `tools/list` depends on; every rule
 * over it runs, as in the full load) and nothing else. Throws when it cannot be read.
 */
export async function createStdioApp(config: ServeConfig, log: LogLine): Promise<StdioApp> {
  const root = resolve(config.root);
  const listed = loadVocabulary(root);
  const tools = await listedTools(listed.vocabulary);
  const deferred = deferredCorpus();
  let loading: Promise<Corpus> | undefined;
  const load = () =>
    (loading ??= loadServedCorpus(root, log).then((corpus) => {
      if (!hasVocabulary(corpus, listed)) throw new Error(`facts.yaml under ${root} changed while the server started; start it again`);
      deferred.settle(corpus);
      return corpus;
    }));
  const store = submissionsOf(config, log, load);
  const deps: ToolDeps = { corpus: deferred.corpus, now: () => new Date(), client: { ...STDIO_CLIENT } };
  let ready: Promise<void> | undefined;
  deps.whenReady = () =>
    (ready ??= store.open().then(
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
    mcpServer: () => createListedServer(deps, tools),
    answersBeforeCorpus: (message) => typeof message.method === 'string' && ANSWERED_BEFORE_CORPUS.has(message.method),
    loadCorpus: async () => {
      await load();
    },
    warmUp: () => {
      // A corpus that fails to load fails the server through `loadCorpus`; the warm-up then has nothing to do.
      load().then(
        () => {
          searchIndexFor(deps.corpus);
          // Corpus and index are built: what the start-up left behind is given back before the store opens.
          compactHeap();
          void deps.whenReady?.();
        },
        () => {},
      );
    },
    close: () => store.close(),
  };
}
