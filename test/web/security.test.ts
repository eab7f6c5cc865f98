/**
 * Pins the security properties of the web surface: the same strict headers on every answer (pages, raw files,
 * JSON, redirects, 304, errors), hostile request targets that can never reach a file outside the corpus and are
 * never echoed, 404/405/414 answers, and a Host header that is never reflected unless it is on the allow-list.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../src/web/html.js';
import { rawRequest, startWebServer, type RawResponse, type WebServer } from './helpers.js';

const NAME = 'annex-3-arrival-declaration';
let web: WebServer;
beforeAll(async () => {
  web = await startWebServer(undefined, { publicBaseUrl: 'https://loket.example.be' });
});
afterAll(() => web.close());

function expectSecurityHeaders(res: RawResponse) {
  expect(res.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
  expect(res.headers['x-content-type-options']).toBe('nosniff');
  expect(res.headers['x-frame-options']).toBe('DENY');
  expect(res.headers['referrer-policy']).toBe('no-referrer');
  expect(res.headers['cache-control']).toBeTruthy();
  if (res.status !== 304 && res.body.byteLength > 0) expect(res.headers['content-type']).toMatch(/; charset=utf-8$/);
}

describe('S-HEADERS: security headers on every route', () => {
  const targets: [string, Record<string, string>?][] = [
    ['/skills'],
    ['/skills', { accept: 'application/json' }],
    ['/skills?q=annexe%2019'],
    [`/skills/${NAME}`],
    [`/skills/${NAME}`, { accept: 'text/markdown' }],
    [`/skills/${NAME}.md`],
    [`/skills/${NAME}/SKILL.md`],
    ['/references/loi-1980-12-15-etrangers'],
    ['/llms.txt'],
    ['/'],
    ['/skills/'],
    ['/nothing-here'],
    ['/skills/no-such-skill'],
  ];
  for (const [target, headers] of targets) {
    it(`${target} ${headers ? JSON.stringify(headers) : ''}`, async () => {
      expectSecurityHeaders(await web.get(target, headers));
    });
  }

  it('on a 304 and on a 405', async () => {
    const digest = web.corpus.getSkill(NAME)!.digest;
    expectSecurityHeaders(await web.get(`/skills/${NAME}/SKILL.md`, { 'if-none-match': `"${digest}"` }));
    expectSecurityHeaders(await rawRequest(web.port, '/skills', { method: 'POST' }));
  });

  it('the CSP forbids scripts, framing and foreign styles, and allows only the one inline stylesheet by hash', () => {
    expect(CONTENT_SECURITY_POLICY).toMatch(/^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/]+=*'; img-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'$/);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe|script-src/);
  });

  it('pages carry no script and no external asset', async () => {
    for (const target of ['/skills', `/skills/${NAME}`, '/skills?q=card', '/missing']) {
      const { text } = await web.get(target);
      expect(text).not.toMatch(/<script|<link|<img|<iframe|\son[a-z]+=/i);
      expect(text).toMatch(/<html lang="en">/);
    }
  });

  it('errors are never cached', async () => {
    expect((await web.get('/nothing-here')).headers['cache-control']).toBe('no-store');
  });
});

describe('S-PATHS: hostile paths', () => {
  const hostile = [
    '/skills/../package.json',
    '/skills/..%2fpackage.json',
    '/skills/%2e%2e/',
    '/skills/%2e%2e/package.json',
    `/skills/${NAME}/..%2fSKILL.md`,
    `/skills/${NAME}/../${NAME}/SKILL.md`,
    `/skills/${NAME}/%2e%2e/%2e%2e/package.json`,
    `/skills/${NAME}%2fSKILL.md`,
    `/skills/${NAME}/SKILL.md%00`,
    '/skills/%00',
    '/skills/%c0%ae%c0%ae/package.json',
    '/skills/%E0%A4%A',
    `/skills/${NAME}\\..\\SKILL.md`,
    `/skills/${NAME}/%5c..%5cSKILL.md`,
    '/skills//etc/passwd',
    '//etc/passwd',
    '/references/../package.json',
    '/references/%2e%2e%2fpackage.json',
    '/skills/./' + NAME,
    '/skills/.',
    '/../../../../etc/passwd',
  ];
  for (const target of hostile) {
    it(`${target} → 404, nothing served from outside the corpus`, async () => {
      const res = await web.get(target);
      expect(res.status).toBe(404);
      expectSecurityHeaders(res);
      expect(res.text).not.toContain('"name": "loket"');
      expect(res.text).not.toContain('root:');
      expect(res.text).not.toContain(target);
    });
  }

  it('a very long path is refused with 414 and not echoed', async () => {
    const target = `/skills/${'a'.repeat(10_000)}`;
    const res = await web.get(target);
    expect(res.status).toBe(414);
    expectSecurityHeaders(res);
    expect(res.text).not.toContain('aaaaaaaaaa');
  });

  it('a long but allowed path is a plain 404', async () => {
    const res = await web.get(`/skills/${'a-'.repeat(500)}b`);
    expect(res.status).toBe(404);
    expect(res.text).not.toContain('a-a-a-a-');
  });

  it('markup in the path is not echoed in the 404 page', async () => {
    const res = await web.get('/skills/%3Cscript%3Ealert(1)%3C%2Fscript%3E');
    expect(res.status).toBe(404);
    expect(res.text).not.toMatch(/script|alert/i);
    const raw = await web.get('/<script>alert(1)</script>');
    expect(raw.status).toBe(404);
    expect(raw.text).not.toMatch(/script|alert/i);
  });

  it('a 404 is the same page whatever was asked', async () => {
    const a = await web.get('/one-missing-page');
    const b = await web.get('/skills/another-missing-skill');
    expect(a.text).toBe(b.text);
  });
});

describe('S-METHODS: only GET and HEAD', () => {
  for (const method of ['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']) {
    it(`${method} on a known path → 405 with Allow`, async () => {
      const res = await rawRequest(web.port, `/skills/${NAME}`, { method });
      expect(res.status).toBe(405);
      expect(res.headers.allow).toBe('GET, HEAD');
    });
  }
  it('POST on an unknown path → 404', async () => {
    expect((await rawRequest(web.port, '/nope', { method: 'POST' })).status).toBe(404);
  });
});

describe('S-HOST: the Host header is never reflected unless allowed', () => {
  it('an arbitrary Host falls back to the configured public base URL', async () => {
    const res = await web.get(`/skills/${NAME}`, { host: 'evil.example' });
    expect(res.text).not.toContain('evil.example');
    expect(res.text).toContain(`https://loket.example.be/skills/${NAME}`);
    expect(res.text).toContain('https://loket.example.be/mcp');
    const llms = await web.get('/llms.txt', { host: 'evil.example' });
    expect(llms.text).not.toContain('evil.example');
    const json = await web.get('/skills', { host: 'evil.example', accept: 'application/json' });
    expect(json.text).not.toContain('evil.example');
  });

  it('a malformed Host with markup is not reflected', async () => {
    const res = await web.get(`/skills/${NAME}`, { host: 'localhost"><b>x' });
    expect(res.text).not.toContain('<b>x');
  });

  it('a loopback Host on the allow-list is used as the origin', async () => {
    const res = await web.get(`/skills/${NAME}`, { host: `localhost:${web.port}` });
    expect(res.text).toContain(`http://localhost:${web.port}/skills/${NAME}`);
  });

  it('without a public base URL, an unknown Host falls back to 127.0.0.1 and the local port', async () => {
    const bare = await startWebServer(web.corpus);
    try {
      const res = await bare.get(`/skills/${NAME}`, { host: 'evil.example' });
      expect(res.text).not.toContain('evil.example');
      expect(res.text).toContain(`http://127.0.0.1:${bare.port}/skills/${NAME}`);
    } finally {
      await bare.close();
    }
  });

  it('a public Host on a configured allow-list is printed with https', async () => {
    const listed = await startWebServer(web.corpus, { allowedHosts: ['loket.example.org'] });
    try {
      const res = await listed.get(`/skills/${NAME}`, { host: 'loket.example.org' });
      expect(res.text).toContain(`https://loket.example.org/skills/${NAME}`);
    } finally {
      await listed.close();
    }
  });
});
