// Pins GET /skills/<name>.zip (SPEC §10.3): the skill folder as a zip for assistants that import Agent Skills by
// upload. Read back with an independent zip reader (fflate), every file of the folder on disk comes out under
// `<name>/` byte for byte, nothing else does, and the archive is the same bytes (and ETag) from every server.
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/load-corpus.js';
import { corpusWithSupportingFiles, rawRequest, REPO_ROOT, startWebServer, type WebServer } from './helpers.js';

const NAME = 'annex-3-arrival-declaration';

/** Every regular, non-hidden file under `dir`, as `/`-separated paths relative to it. */
async function filesOnDisk(dir: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  const walk = async (at: string) => {
    for (const entry of await readdir(at, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const full = join(at, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile()) out.set(relative(dir, full).split('\\').join('/'), await readFile(full));
    }
  };
  await walk(dir);
  return out;
}

/** The files of an archive (folder entries left out), by name. */
function unzipFiles(body: Buffer): Map<string, Buffer> {
  const entries = unzipSync(new Uint8Array(body));
  return new Map(Object.entries(entries).filter(([name]) => !name.endsWith('/')).map(([name, bytes]) => [name, Buffer.from(bytes)]));
}

function expectSameFolder(zip: Map<string, Buffer>, disk: Map<string, Buffer>, name: string): void {
  expect([...zip.keys()].sort()).toEqual([...disk.keys()].map((p) => `${name}/${p}`).sort());
  for (const [path, bytes] of disk) expect(zip.get(`${name}/${path}`)?.equals(bytes), `${name}/${path}`).toBe(true);
}

describe('GET /skills/<name>.zip', () => {
  let web: WebServer;
  beforeAll(async () => {
    web = await startWebServer();
  });
  afterAll(async () => {
    await web?.close();
  });

  it(`returns the ${NAME} folder, every file byte-identical to the corpus`, async () => {
    const res = await web.get(`/skills/${NAME}.zip`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="${NAME}.zip"`);
    expect(Number(res.headers['content-length'])).toBe(res.body.length);
    expect(res.headers.etag).toBe(`"sha256:${createHash('sha256').update(res.body).digest('hex')}"`);
    const zip = unzipFiles(res.body);
    expect(zip.has(`${NAME}/SKILL.md`)).toBe(true);
    expectSameFolder(zip, await filesOnDisk(join(REPO_ROOT, 'skills', NAME)), NAME);
  });

  it('is the same archive from another server process (fixed timestamps), and revalidates with its ETag', async () => {
    const first = await web.get(`/skills/${NAME}.zip`);
    const other = await startWebServer(await loadCorpus(REPO_ROOT, { cache: false }));
    try {
      const second = await other.get(`/skills/${NAME}.zip`);
      expect(second.body.equals(first.body)).toBe(true);
      expect(second.headers.etag).toBe(first.headers.etag);
      const again = await other.get(`/skills/${NAME}.zip`, { 'If-None-Match': first.headers.etag! });
      expect(again.status).toBe(304);
      expect(again.body.length).toBe(0);
    } finally {
      await other.close();
    }
  });

  it('carries supporting files in their sub-folders, and HEAD answers the same headers without a body', async () => {
    const { root, cleanup } = await corpusWithSupportingFiles();
    const withFiles = await startWebServer(await loadCorpus(root, { cache: false }));
    try {
      const res = await withFiles.get(`/skills/${NAME}.zip`);
      const zip = unzipFiles(res.body);
      expect(zip.has(`${NAME}/notes/checklist.md`)).toBe(true);
      expectSameFolder(zip, await filesOnDisk(join(root, 'skills', NAME)), NAME);
      expect(Object.keys(unzipSync(new Uint8Array(res.body)))).toContain(`${NAME}/notes/`);
      const head = await rawRequest(withFiles.port, `/skills/${NAME}.zip`, { method: 'HEAD' });
      expect(head.status).toBe(200);
      expect(head.body.length).toBe(0);
      expect(head.headers.etag).toBe(res.headers.etag);
      expect(head.headers['content-length']).toBe(String(res.body.length));
    } finally {
      await withFiles.close();
      await cleanup();
    }
  });

  it('answers 404 for a skill that does not exist or a malformed name', async () => {
    for (const target of ['/skills/no-such-skill.zip', '/skills/Annex-3.zip', `/skills/${NAME}.zip/SKILL.md`, `/skills/${NAME}/x.zip`, '/skills/.zip']) {
      expect((await web.get(target)).status, target).toBe(404);
    }
  });

  it('is linked from the skill page', async () => {
    const page = await web.get(`/skills/${NAME}`, { Accept: 'text/html' });
    expect(page.text).toContain(`<a href="/skills/${NAME}.zip" download>download ${NAME}.zip</a>`);
  });
});
