/**
 * Pins the web routes mounted in the real app through its `routes` hook: pages and raw files come from the same
 * process as /mcp, the app keeps /healthz and its Host allow-list, and the web surface's 404 and headers apply
 * to every other path.
 */
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/load-corpus.js';
import type { Corpus } from '../../src/corpus/types.js';
import { createHttpApp } from '../../src/http/app.js';
import { toolsFor } from '../../src/mcp/tools/index.js';
import { createSearchIndex } from '../../src/search/index.js';
import { CONTENT_SECURITY_POLICY } from '../../src/web/html.js';
import { createWebRoutes } from '../../src/web/routes.js';
import { rawRequest, REPO_ROOT } from './helpers.js';

const NAME = 'annex-19-eu-registration';
let app: Server;
let port: number;
let corpus: Corpus;

beforeAll(async () => {
  corpus = await loadCorpus(REPO_ROOT);
  const TOOLS = toolsFor(corpus);
  const routes = createWebRoutes({ corpus, search: createSearchIndex(corpus), tools: TOOLS, mcpPath: '/mcp' });
  app = createHttpApp({ corpus, routes });
  await new Promise<void>((r) => app.listen(0, '127.0.0.1', r));
  port = (app.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((r) => app.close(() => r())));

const get = (target: string, headers: Record<string, string> = {}) => rawRequest(port, target, { headers: { host: `127.0.0.1:${port}`, ...headers } });

describe('web routes inside createHttpApp', () => {
  it('serves the skill page a person pastes, with the MCP endpoint of the same server', async () => {
    const res = await get(`/skills/${NAME}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(res.text).toContain(`http://127.0.0.1:${port}/skills/${NAME}`);
    expect(res.text).toContain(`http://127.0.0.1:${port}/mcp`);
  });

  it('serves the JSON Schemas of procedure.yaml and facts.yaml that docs/schema/ publishes', async () => {
    for (const [path, file] of [['/schema/procedure.json', 'procedure.schema.json'], ['/schema/facts.json', 'facts.schema.json']] as const) {
      const res = await get(path);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/schema\+json/);
      // The committed files are the generated ones (regenerate with `npm run schemas`).
      expect(JSON.parse(res.text)).toEqual(JSON.parse(readFileSync(`${REPO_ROOT}/docs/schema/${file}`, 'utf8')));
      expect(JSON.parse(res.text).title).toMatch(/loket/);
    }
    expect((await get('/schema/other.json')).status).toBe(404);
  });

  it('serves the exact SKILL.md with its digest', async () => {
    const res = await get(`/skills/${NAME}/SKILL.md`);
    expect(res.status).toBe(200);
    expect(res.headers.etag).toBe(`"${corpus.getSkill(NAME)!.digest}"`);
    expect(res.body.equals(Buffer.from(corpus.getSkill(NAME)!.files[0]!.bytes))).toBe(true);
  });

  it('lists every registered MCP tool in /llms.txt, from the tool definitions', async () => {
    const res = await get('/llms.txt');
    expect(res.status).toBe(200);
    for (const tool of toolsFor(corpus)) {
      expect(res.text).toContain(`- \`${tool.name}\`${tool.annotations.readOnlyHint ? ' (read-only)' : ''} — ${tool.title}: `);
    }
  });

  it('leaves /healthz to the app', async () => {
    const res = await get('/healthz');
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toEqual({ status: 'ok', skills: corpus.skills.length, references: corpus.registry.size });
  });

  it('answers unknown and hostile paths with the web 404', async () => {
    for (const target of ['/nope', '/skills/../package.json', '/skills/%2e%2e/']) {
      const res = await get(target);
      expect(res.status).toBe(404);
      expect(res.headers['x-frame-options']).toBe('DENY');
    }
  });

  it('keeps the app’s Host allow-list in front of the pages', async () => {
    const res = await rawRequest(port, `/skills/${NAME}`, { headers: { host: 'evil.example' } });
    expect(res.status).toBe(403);
    expect(res.text).not.toContain('evil.example');
  });
});
