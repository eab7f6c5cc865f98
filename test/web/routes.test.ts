/**
 * Pins the HTTP surface of SPEC §6 as agents and browsers use it: content negotiation on the skill URL,
 * byte-exact SKILL.md with the digest as ETag and 304 revalidation, the index as HTML and JSON, search through
 * the shared ranking, references as JSON, /llms.txt, and the paths left to the app (/mcp, /healthz).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/load-corpus.js';
import { corpusWithSupportingFiles, rawRequest, REPO_ROOT, startWebServer, type WebServer } from './helpers.js';

const NAME = 'annex-3-arrival-declaration';
let web: WebServer;
let skillBytes: Buffer;

beforeAll(async () => {
  web = await startWebServer(undefined, {
    tools: [
      { name: 'search_skills', title: 'Search skills', description: 'Finds skills by words in any language.', annotations: { readOnlyHint: true } },
      { name: 'get_stage', title: 'Get one stage', description: 'Returns one stage of a skill.' },
    ],
  });
  skillBytes = await readFile(join(REPO_ROOT, 'skills', NAME, 'SKILL.md'));
});
afterAll(() => web.close());

describe('GET /skills/<name> negotiation', () => {
  it('serves an HTML page to a browser', async () => {
    const res = await web.get(`/skills/${NAME}`, { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers.vary).toMatch(/Accept/);
    expect(res.text).toContain('<h1 id="skill-title">Declare your arrival as a non-EU visitor (annex 3)</h1>');
  });

  it('serves HTML when no Accept header is sent', async () => {
    const res = await web.get(`/skills/${NAME}`);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
  });

  it('serves the raw Markdown bytes with Accept: text/markdown', async () => {
    const res = await web.get(`/skills/${NAME}`, { accept: 'text/markdown' });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/markdown; charset=utf-8');
    expect(res.body.equals(skillBytes)).toBe(true);
  });

  it('prefers Markdown when the client ranks it above HTML by q-value', async () => {
    const res = await web.get(`/skills/${NAME}`, { accept: 'text/html;q=0.5, text/markdown;q=0.9' });
    expect(res.headers['content-type']).toBe('text/markdown; charset=utf-8');
  });

  it('prefers HTML when the client ranks it above Markdown', async () => {
    const res = await web.get(`/skills/${NAME}`, { accept: 'text/markdown;q=0.2, text/html' });
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
  });

  it('serves Markdown for a path ending in .md, whatever the Accept header', async () => {
    const res = await web.get(`/skills/${NAME}.md`, { accept: 'text/html' });
    expect(res.headers['content-type']).toBe('text/markdown; charset=utf-8');
    expect(res.body.equals(skillBytes)).toBe(true);
  });

  it('serves the Markdown as text/plain to a client that only takes plain text', async () => {
    const res = await web.get(`/skills/${NAME}`, { accept: 'text/plain' });
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(res.body.equals(skillBytes)).toBe(true);
  });
});

describe('GET /skills/<name>/SKILL.md', () => {
  it('returns the exact bytes of every skill with the digest as ETag', async () => {
    for (const skill of web.corpus.skills) {
      const res = await web.get(`/skills/${skill.name}/SKILL.md`);
      const onDisk = await readFile(join(REPO_ROOT, skill.path));
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/markdown; charset=utf-8');
      expect(res.body.equals(onDisk)).toBe(true);
      expect(res.headers.etag).toBe(`"${skill.digest}"`);
      expect(res.headers['content-length']).toBe(String(onDisk.byteLength));
    }
  });

  it('answers 304 with no body to a matching If-None-Match', async () => {
    const skill = web.corpus.getSkill(NAME)!;
    const res = await web.get(`/skills/${NAME}/SKILL.md`, { 'if-none-match': `"${skill.digest}"` });
    expect(res.status).toBe(304);
    expect(res.body.byteLength).toBe(0);
    expect(res.headers.etag).toBe(`"${skill.digest}"`);
  });

  it('matches weak validators and lists of tags, and re-sends on a stale one', async () => {
    const skill = web.corpus.getSkill(NAME)!;
    expect((await web.get(`/skills/${NAME}/SKILL.md`, { 'if-none-match': `"sha256:old", W/"${skill.digest}"` })).status).toBe(304);
    const stale = await web.get(`/skills/${NAME}/SKILL.md`, { 'if-none-match': '"sha256:0000"' });
    expect(stale.status).toBe(200);
    expect(stale.body.equals(skillBytes)).toBe(true);
  });

  it('answers HEAD with the headers of GET and no body', async () => {
    const res = await rawRequest(web.port, `/skills/${NAME}/SKILL.md`, { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.body.byteLength).toBe(0);
    expect(res.headers['content-length']).toBe(String(skillBytes.byteLength));
    expect(res.headers.etag).toBe(`"${web.corpus.getSkill(NAME)!.digest}"`);
  });
});

describe('other files of a skill folder', () => {
  let local: WebServer;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    const tmp = await corpusWithSupportingFiles();
    cleanup = tmp.cleanup;
    local = await startWebServer(await loadCorpus(tmp.root));
  });
  afterAll(async () => {
    await local.close();
    await cleanup();
  });

  it('serves a nested supporting file byte for byte with its digest', async () => {
    const file = local.corpus.getSkill(NAME)!.files.find((f) => f.path === 'notes/checklist.md')!;
    const res = await local.get(`/skills/${NAME}/notes/checklist.md`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/markdown; charset=utf-8');
    expect(res.body.equals(Buffer.from(file.bytes))).toBe(true);
    expect(res.headers.etag).toBe(`"${file.digest}"`);
  });

  it('serves supporting files with nosniff', async () => {
    const res = await local.get(`/skills/${NAME}/notes/checklist.md`);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('K11: never serves an HTML file of a skill folder: the loader refuses it and the skill is not served', async () => {
    const tmp = await corpusWithSupportingFiles({ 'page.html': '<script>alert(1)</script>\n' });
    try {
      const corpus = await loadCorpus(tmp.root);
      expect(corpus.diagnostics).toContainEqual(expect.objectContaining({ file: `skills/${NAME}/page.html`, ruleId: 'skill-file-type', severity: 'error' }));
      const server = await startWebServer(corpus);
      try {
        expect((await server.get(`/skills/${NAME}/page.html`)).status).toBe(404);
      } finally {
        await server.close();
      }
    } finally {
      await tmp.cleanup();
    }
  });

  it('answers 404 for a file the folder does not hold', async () => {
    expect((await local.get(`/skills/${NAME}/notes/missing.md`)).status).toBe(404);
  });
});

describe('GET /skills (index)', () => {
  it('lists every skill as JSON with Accept: application/json', async () => {
    const res = await web.get('/skills', { accept: 'application/json' });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    const data = JSON.parse(res.text) as { skills: Record<string, string>[] };
    expect(data.skills.map((s) => s.name)).toEqual(web.corpus.skills.map((s) => s.name));
    for (const entry of data.skills) {
      const skill = web.corpus.getSkill(entry.name!)!;
      expect(entry).toEqual({
        name: skill.name,
        title: skill.meta.title,
        description: skill.description,
        version: skill.meta.version,
        status: skill.meta.status,
        last_verified: skill.meta['last-verified'],
        url: `${web.origin}/skills/${skill.name}`,
        skill_md: `${web.origin}/skills/${skill.name}/SKILL.md`,
        digest: skill.digest,
      });
    }
  });

  it('serves an HTML index linking every skill, with a search form', async () => {
    const res = await web.get('/skills', { accept: 'text/html' });
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    for (const skill of web.corpus.skills) expect(res.text).toContain(`href="/skills/${skill.name}"`);
    expect(res.text).toMatch(/<form class="search" role="search" method="get" action="\/skills">/);
  });

  it('ranks search results with the shared index: "bijlage 3" finds the annex 3 skill first', async () => {
    const res = await web.get('/skills?q=bijlage%203');
    expect(res.status).toBe(200);
    const links = [...res.text.matchAll(/<li><h3><a href="\/skills\/([a-z0-9-]+)">/g)].map((m) => m[1]);
    expect(links[0]).toBe(NAME);
    expect(res.text).toContain('Results for “bijlage 3”');
  });

  it('escapes the query it shows back', async () => {
    const res = await web.get('/skills?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E');
    expect(res.status).toBe(200);
    expect(res.text).not.toContain('<script>');
    expect(res.text).toContain('&#60;script&#62;');
  });

  it('redirects a skill URL with a trailing slash to the page, and only for a real skill', async () => {
    const res = await web.get(`/skills/${NAME}/`);
    expect(res.status).toBe(308);
    expect(res.headers.location).toBe(`/skills/${NAME}`);
    expect((await web.get('/skills/no-such-skill/')).status).toBe(404);
  });

  it('answers HEAD on a page with its headers and no body', async () => {
    const res = await rawRequest(web.port, `/skills/${NAME}`, { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(Number(res.headers['content-length'])).toBeGreaterThan(1000);
    expect(res.body.byteLength).toBe(0);
  });

  it('redirects / and /skills/ to the index', async () => {
    const root = await web.get('/');
    expect(root.status).toBe(302);
    expect(root.headers.location).toBe('/skills');
    const slash = await web.get('/skills/');
    expect(slash.status).toBe(308);
    expect(slash.headers.location).toBe('/skills');
  });
});

describe('GET /references/<id>', () => {
  it('returns the registry entry as JSON', async () => {
    const res = await web.get('/references/loi-1980-12-15-etrangers');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(res.text)).toEqual(web.corpus.registry.get('loi-1980-12-15-etrangers'));
  });

  it('answers 404 (as JSON when asked) for an unknown id', async () => {
    const res = await web.get('/references/no-such-reference', { accept: 'application/json' });
    expect(res.status).toBe(404);
    expect(JSON.parse(res.text)).toMatchObject({ error: { code: 'not-found' } });
    expect(res.text).not.toContain('no-such-reference');
  });
});

describe('GET /llms.txt', () => {
  it('names the endpoints, the tools from their definitions and every skill URL', async () => {
    const res = await web.get('/llms.txt');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(res.text).toMatch(/^# loket\n/);
    expect(res.text).toContain(`${web.origin}/mcp`);
    expect(res.text).toContain('`search_skills` (read-only) — Search skills: Finds skills by words in any language.');
    expect(res.text).toContain('`get_stage` — Get one stage: Returns one stage of a skill.');
    for (const skill of web.corpus.skills) expect(res.text).toContain(`${web.origin}/skills/${skill.name}.md`);
  });
});

describe('paths owned by the app', () => {
  it('leaves /mcp and /healthz to the app, whatever the method', async () => {
    expect((await web.get('/mcp')).status).toBe(299);
    expect((await web.get('/healthz')).status).toBe(299);
    expect((await rawRequest(web.port, '/mcp', { method: 'POST' })).status).toBe(299);
  });
});
