/**
 * Shared set-up for the web-surface tests: the repository's real corpus, the shared search index, and a real
 * node:http server on 127.0.0.1 (port 0) wrapping the web routes, plus a raw client that sends request targets
 * exactly as written (no URL normalisation), so hostile paths reach the server unchanged.
 */
import { cp, mkdtemp, writeFile, mkdir, rm } from 'node:fs/promises';
import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadCorpus } from '../../src/load-corpus.js';
import type { Corpus } from '../../src/corpus/types.js';
import { createSearchIndex } from '../../src/search/index.js';
import { createWebRoutes, type WebRoutesOptions } from '../../src/web/routes.js';

export const REPO_ROOT = resolve(import.meta.dirname, '../..');

/** A raw HTTP answer. */
export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  text: string;
}

/** Sends one request with the target exactly as given. */
export function rawRequest(port: number, target: string, options: { method?: string; headers?: Record<string, string> } = {}): Promise<RawResponse> {
  return new Promise((resolvePromise, reject) => {
    const req = request({ host: '127.0.0.1', port, path: target, method: options.method ?? 'GET', headers: options.headers ?? {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        resolvePromise({ status: res.statusCode ?? 0, headers: res.headers, body, text: body.toString('utf8') });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** A running server over the web routes; `other` answers what the routes leave (as the app would). */
export interface WebServer {
  port: number;
  origin: string;
  corpus: Corpus;
  server: Server;
  get(target: string, headers?: Record<string, string>): Promise<RawResponse>;
  close(): Promise<void>;
}

/** Starts the web routes on 127.0.0.1:0 over `corpus` (default: the repository's skills and references). */
export async function startWebServer(corpus?: Corpus, extra: Partial<WebRoutesOptions> = {}): Promise<WebServer> {
  const c = corpus ?? (await loadCorpus(REPO_ROOT));
  const routes = createWebRoutes({ corpus: c, search: createSearchIndex(c), mcpPath: '/mcp', ...extra });
  const server = createServer((req, res) => {
    void routes(req, res).then((handled) => {
      if (!handled) {
        res.statusCode = 299;
        res.end('left to the app');
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    origin: `http://127.0.0.1:${port}`,
    corpus: c,
    server,
    get: (target, headers) => rawRequest(port, target, { headers: headers ?? {} }),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/**
 * A temporary corpus: the repository's skills, with supporting files added to the annex 3 skill (one Markdown note, one `.html` file that must
 * never be served as HTML) and the real references. Returns the root and a cleanup function.
 */
export async function corpusWithSupportingFiles(extra: Record<string, string> = {}): Promise<{ root: string; cleanup: () => Promise<void> }> {
  const root = await mkdtemp(join(tmpdir(), 'loket-web-'));
  await cp(join(REPO_ROOT, 'references'), join(root, 'references'), { recursive: true });
  await cp(join(REPO_ROOT, 'skills'), join(root, 'skills'), { recursive: true });
  await cp(join(REPO_ROOT, 'facts.yaml'), join(root, 'facts.yaml'));
  const skill = join(root, 'skills', 'annex-3-arrival-declaration');
  await mkdir(join(skill, 'notes'), { recursive: true });
  await writeFile(join(skill, 'notes', 'checklist.md'), '# Checklist\n\n- passport\n- photo\n');
  for (const [path, text] of Object.entries(extra)) await writeFile(join(skill, path), text);
  return { root, cleanup: () => rm(root, { recursive: true, force: true }) };
}
