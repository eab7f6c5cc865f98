import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Corpus } from '../corpus/types.js';
import { logError } from '../log.js';
import { JSON_SCHEMAS } from '../procedures/json-schema.js';
import type { SearchIndex } from '../search/index.js';
import { SKILL_NAME, type Skill } from '../skill/schema.js';
import { zipSkillFolder } from '../skill/zip.js';
import { REFERENCE_ID } from '../references/schema.js';
import { baseUrlFor } from './base-url.js';
import { renderLlmsTxt, type ToolSummary } from './llms-txt.js';
import { negotiate } from './negotiate.js';
import { clip, errorPage, indexPage, searchEntries, skillPage } from './pages.js';
import { planIcs } from './plan-ics.js';
import { renderSkillBody, type RenderedBody } from './render-skill.js';
import { CACHE, etagMatches, send, type Reply } from './respond.js';

/** Everything the web routes read; all of it is immutable after start-up. */
export interface WebRoutesOptions {
  corpus: Corpus;
  /** The shared ranking (same as the `search_skills` tool). */
  search: Pick<SearchIndex, 'search'>;
  /** Tool definitions listed in /llms.txt (e.g. `TOOLS` from `src/mcp/tools/index.ts`). */
  tools?: readonly ToolSummary[] | undefined;
  /** Path of the MCP endpoint (default `/mcp`); never answered here. */
  mcpPath?: string | undefined;
  /** Configured public origin, e.g. `https://loket.example.be`. */
  publicBaseUrl?: string | undefined;
  /** `Host` values that may be echoed into pages besides the loopback names (e.g. the app's public hosts). */
  allowedHosts?: readonly string[] | undefined;
  /** Further exact paths owned by the app (default `['/healthz']`); the routes leave them alone. */
  reservedPaths?: readonly string[] | undefined;
  /** Clock for "today" in `/plan.ics` answers (default: the system clock). */
  now?: (() => Date) | undefined;
}

/** A request handler that answers the web surface and returns false for paths it does not own. */
export type WebRoutes = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

/** Longest request target accepted; anything longer is answered 414 without being looked at. */
export const MAX_URL_LENGTH = 2048;
const MAX_QUERY_LENGTH = 200;
const HTML = 'text/html; charset=utf-8';
const MARKDOWN = 'text/markdown; charset=utf-8';
const JSON_TYPE = 'application/json; charset=utf-8';
const TEXT = 'text/plain; charset=utf-8';
const ZIP = 'application/zip';
const ALLOW = 'GET, HEAD';
const CALENDAR = 'text/calendar; charset=utf-8';

type Segments = string[];

/**
 * Splits a request path into decoded segments, or returns undefined for anything hostile or malformed: dot
 * segments, encoded slashes or backslashes, NUL and other control characters, bad percent-encoding, empty
 * segments. Names are only ever compared against the corpus, never joined into a file path, so this is a
 * second line of defence.
 */
export function parsePath(pathname: string): Segments | undefined {
  if (!pathname.startsWith('/')) return undefined;
  if (pathname === '/') return [];
  const raw = pathname.slice(1).split('/');
  const out: string[] = [];
  for (const [i, segment] of raw.entries()) {
    if (segment === '') {
      if (i === raw.length - 1 && i > 0) {
        out.push('');
        continue;
      }
      return undefined;
    }
    if (/%(?:2f|5c|00)/i.test(segment) || segment.includes('\\')) return undefined;
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return undefined;
    }
    if (decoded === '.' || decoded === '..' || /[\u0000-\u001f\u007f/\\]/.test(decoded)) return undefined;
    out.push(decoded);
  }
  return out;
}

function errorReply(req: IncomingMessage, status: number, title: string, message: string, headers: Record<string, string> = {}): Reply {
  const type = negotiate(req.headers.accept, ['text/html', 'application/json', 'text/plain'] as const) ?? 'text/html';
  const h = { 'Cache-Control': CACHE.error, Vary: 'Accept', ...headers };
  if (type === 'application/json') {
    const code = { 400: 'bad-request', 404: 'not-found', 405: 'method-not-allowed', 414: 'uri-too-long', 422: 'unprocessable', 500: 'internal-error' }[status] ?? 'error';
    return { status, contentType: JSON_TYPE, body: `${JSON.stringify({ error: { code, message } })}\n`, headers: h };
  }
  if (type === 'text/plain') return { status, contentType: TEXT, body: `${title}. ${message}\n`, headers: h };
  return { status, contentType: HTML, body: errorPage(status, title, message), headers: h };
}

const notFound = (req: IncomingMessage) =>
  errorReply(req, 404, 'Page not found', 'There is nothing at this address. The list of procedures has every page this site serves.');

/**
 * Creates the handler for the HTTP surface of SPEC §6 (everything except `/mcp` and `/healthz`): skill pages
 * and their Markdown, exact skill files with digest ETags, skill folders as zip archives (SPEC §10.3), the index
 * (HTML, JSON, search), references as JSON and /llms.txt. Every response carries the security headers; unknown paths get a 404 that never repeats the
 * input; only GET and HEAD are answered.
 */
export function createWebRoutes(options: WebRoutesOptions): WebRoutes {
  const { corpus, search } = options;
  const mcpPath = options.mcpPath ?? '/mcp';
  const reserved = new Set([mcpPath, ...(options.reservedPaths ?? ['/healthz'])]);
  const bodies = new Map<string, RenderedBody>();
  const bodyOf = (skill: Skill) => {
    let body = bodies.get(skill.name);
    if (!body) {
      body = renderSkillBody(skill.body, corpus.registry);
      bodies.set(skill.name, body);
    }
    return body;
  };
  const zips = new Map<string, { bytes: Uint8Array; digest: string }>();
  const zipOf = (skill: Skill) => {
    let zip = zips.get(skill.name);
    if (!zip) {
      const bytes = zipSkillFolder(skill.name, skill.files);
      zip = { bytes, digest: `sha256:${createHash('sha256').update(bytes).digest('hex')}` };
      zips.set(skill.name, zip);
    }
    return zip;
  };
  const base = (req: IncomingMessage) => baseUrlFor(req, { publicBaseUrl: options.publicBaseUrl, allowedHosts: options.allowedHosts });

  function fileReply(req: IncomingMessage, bytes: Uint8Array, digest: string, contentType: string, extra: Record<string, string> = {}): Reply {
    const etag = `"${digest}"`;
    const headers = { ETag: etag, 'Cache-Control': CACHE.content, ...extra };
    if (etagMatches(req.headers['if-none-match'], etag)) return { status: 304, headers };
    return { status: 200, contentType, body: bytes, headers };
  }

  function skillMarkdown(req: IncomingMessage, skill: Skill, vary: boolean): Reply {
    const file = skill.files[0]!;
    return fileReply(req, file.bytes, skill.digest, MARKDOWN, vary ? { Vary: 'Accept' } : {});
  }

  function skillRoute(req: IncomingMessage, segments: Segments): Reply | undefined {
    const [, first = '', ...rest] = segments;
    if (rest.length === 0 && first.endsWith('.zip')) {
      // The skill folder as a zip, for assistants that import Agent Skills by upload.
      const name = first.slice(0, -4);
      const skill = SKILL_NAME.test(name) ? corpus.getSkill(name) : undefined;
      if (!skill) return undefined;
      const zip = zipOf(skill);
      return fileReply(req, zip.bytes, zip.digest, ZIP, { 'Content-Disposition': `attachment; filename="${skill.name}.zip"` });
    }
    if (rest.length === 0) {
      const asMd = first.endsWith('.md');
      const name = asMd ? first.slice(0, -3) : first;
      if (!SKILL_NAME.test(name)) return undefined;
      const skill = corpus.getSkill(name);
      if (!skill) return undefined;
      if (asMd) return skillMarkdown(req, skill, false);
      const type = negotiate(req.headers.accept, ['text/html', 'text/markdown', 'text/plain'] as const) ?? 'text/html';
      if (type !== 'text/html') {
        const reply = skillMarkdown(req, skill, true);
        if (type === 'text/plain' && reply.status === 200) reply.contentType = TEXT;
        return reply;
      }
      const origin = base(req);
      const html = skillPage(skill, corpus.registry, { skillUrl: `${origin}/skills/${skill.name}`, mcpUrl: `${origin}${mcpPath}` }, bodyOf(skill));
      return { status: 200, contentType: HTML, body: html, headers: { 'Cache-Control': CACHE.content, Vary: 'Accept' } };
    }
    if (!SKILL_NAME.test(first)) return undefined;
    const skill = corpus.getSkill(first);
    if (!skill) return undefined;
    if (rest.length === 1 && rest[0] === '') return { status: 308, headers: { Location: `/skills/${skill.name}`, 'Cache-Control': CACHE.content } };
    const path = rest.join('/');
    const file = skill.files.find((f) => f.path === path);
    if (!file) return undefined;
    const textual = /^text\/|json|yaml/.test(file.mimeType);
    const contentType = file.path === 'SKILL.md' ? MARKDOWN : textual ? `${file.mimeType}; charset=utf-8` : file.mimeType;
    return fileReply(req, file.bytes, file.digest, contentType);
  }

  function indexRoute(req: IncomingMessage, query: URLSearchParams): Reply {
    const q = query.get('q')?.slice(0, MAX_QUERY_LENGTH);
    const type = negotiate(req.headers.accept, ['text/html', 'application/json'] as const) ?? 'text/html';
    if (type === 'application/json') {
      const origin = base(req);
      const skills = corpus.skills.map((s) => ({
        name: s.name,
        title: s.meta.title,
        description: s.description,
        version: s.meta.version,
        status: s.meta.status,
        last_verified: s.meta['last-verified'],
        url: `${origin}/skills/${s.name}`,
        skill_md: `${origin}/skills/${s.name}/SKILL.md`,
        digest: s.digest,
      }));
      const results = q && q.trim() ? search.search(q, 50).map((r) => ({ skill: r.skill, title: r.title, score: r.score, url: `${origin}/skills/${r.skill}` })) : undefined;
      const body = results ? { skills, query: q, results } : { skills };
      return { status: 200, contentType: JSON_TYPE, body: `${JSON.stringify(body, null, 2)}\n`, headers: { 'Cache-Control': q ? CACHE.search : CACHE.content, Vary: 'Accept' } };
    }
    if (q !== undefined && q.trim() !== '') {
      const entries = searchEntries(search.search(q, 50), corpus.getSkill);
      return { status: 200, contentType: HTML, body: indexPage(entries, q), headers: { 'Cache-Control': CACHE.search, Vary: 'Accept' } };
    }
    const entries = corpus.skills.map((skill) => ({ skill, text: clip(skill.description, 280) }));
    return { status: 200, contentType: HTML, body: indexPage(entries), headers: { 'Cache-Control': CACHE.content, Vary: 'Accept' } };
  }

  function referenceRoute(segments: Segments): Reply | undefined {
    const [, raw = '', ...rest] = segments;
    if (rest.length > 0) return undefined;
    const id = raw.endsWith('.json') ? raw.slice(0, -5) : raw;
    if (!REFERENCE_ID.test(id)) return undefined;
    const reference = corpus.registry.get(id);
    if (!reference) return undefined;
    return { status: 200, contentType: JSON_TYPE, body: `${JSON.stringify(reference, null, 2)}\n`, headers: { 'Cache-Control': CACHE.reference } };
  }

  /** `/schema/procedure.json` and `/schema/facts.json`: the JSON Schemas authors point their editors at. */
  function schemaRoute(name: string): Reply | undefined {
    const build = JSON_SCHEMAS[name.replace(/\.json$/, '.schema.json')];
    if (!build || !name.endsWith('.json')) return undefined;
    return { status: 200, contentType: 'application/schema+json', body: `${JSON.stringify(build(), null, 2)}\n`, headers: { 'Cache-Control': CACHE.content } };
  }

  /** `/plan.ics`: the dates of a find_procedure answer as iCalendar, or the tool's own message on bad facts. */
  async function planIcsRoute(req: IncomingMessage, query: URLSearchParams): Promise<Reply> {
    const language = req.headers['accept-language'];
    const result = await planIcs(query, typeof language === 'string' ? language : undefined, { corpus, now: options.now ?? (() => new Date()) });
    if (!result.ok) {
      const title = result.status === 400 ? 'These facts cannot be read' : 'Nothing to put in a calendar';
      return errorReply(req, result.status, title, result.message);
    }
    return {
      status: 200,
      contentType: CALENDAR,
      body: result.ics,
      headers: { 'Content-Disposition': 'inline; filename="loket-plan.ics"', 'Cache-Control': CACHE.content, Vary: 'Accept-Language' },
    };
  }

  function route(req: IncomingMessage, segments: Segments, query: URLSearchParams): Reply | undefined {
    const [head, second] = segments;
    if (segments.length === 0) return { status: 302, headers: { Location: '/skills', 'Cache-Control': CACHE.content } };
    if (head === 'skills' && segments.length === 1) return indexRoute(req, query);
    if (head === 'skills' && segments.length === 2 && second === '') return { status: 308, headers: { Location: '/skills', 'Cache-Control': CACHE.content } };
    if (head === 'skills') return skillRoute(req, segments);
    if (head === 'references' && segments.length === 2) return referenceRoute(segments);
    if (head === 'schema' && segments.length === 2) return schemaRoute(second ?? '');
    if (head === 'plan.ics' && segments.length === 1) return { status: 405, headers: {} }; // GET and HEAD are answered above
    if (head === 'llms.txt' && segments.length === 1) {
      const body = renderLlmsTxt({ skills: corpus.skills, tools: options.tools, baseUrl: base(req), mcpPath });
      return { status: 200, contentType: TEXT, body, headers: { 'Cache-Control': CACHE.content } };
    }
    return undefined;
  }

  return async (req, res) => {
    const target = req.url ?? '/';
    try {
      if (target.length > MAX_URL_LENGTH) {
        send(req, res, errorReply(req, 414, 'Address too long', 'This address is longer than any page this site serves.'));
        return true;
      }
      const q = target.indexOf('?');
      const pathname = q === -1 ? target : target.slice(0, q);
      if (reserved.has(pathname)) return false;
      const segments = parsePath(pathname);
      const query = new URLSearchParams(q === -1 ? '' : target.slice(q + 1));
      if (pathname === '/plan.ics' && (req.method === 'GET' || req.method === 'HEAD')) {
        send(req, res, await planIcsRoute(req, query));
        return true;
      }
      const reply = segments ? route(req, segments, query) : undefined;
      if (!reply) {
        send(req, res, notFound(req));
        return true;
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        send(req, res, errorReply(req, 405, 'Method not allowed', 'This address only answers GET and HEAD requests.', { Allow: ALLOW }));
        return true;
      }
      send(req, res, reply);
      return true;
    } catch (error) {
      logError(`web ${req.method ?? '?'} ${(req.url ?? '').split('?')[0]!.slice(0, 100)}`, error);
      if (!res.headersSent) send(req, res, errorReply(req, 500, 'Something went wrong', 'The page could not be built. Please try again later.'));
      else res.destroy();
      return true;
    }
  };
}
