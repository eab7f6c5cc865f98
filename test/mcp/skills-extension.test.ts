/**
 * Pins the Skills extension (SEP-2640) and the other resources: the capability, skills/list and skills/get
 * entries with a sha256 digest and size for every file (K1), byte-identical reads checked by the SDK's own
 * verifying client (K2), dynamic status only in `_meta` under `loket/` (K3), and -32602 for anything unknown.
 */
import { createHash } from 'node:crypto';
import { SkillsClient } from '@modelcontextprotocol/client/ext/skills';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ToolDeps } from '../../src/mcp/tools/deps.js';
import { fixtureCorpus } from '../helpers/corpus.js';
import { connectInMemory, type Connected } from '../helpers/connect.js';

const corpus = fixtureCorpus();
let c: Connected;
beforeAll(async () => {
  c = await connectInMemory({ corpus });
});
afterAll(async () => {
  await c.close();
});

describe('Skills extension', () => {
  it('K1: declares io.modelcontextprotocol/skills and lists every skill with digest and size for every file', async () => {
    expect(c.client.getServerCapabilities()?.extensions).toHaveProperty(['io.modelcontextprotocol/skills']);
    const skills = new SkillsClient(c.client);
    expect(skills.supported).toBe(true);
    const { skills: entries, invalid } = await skills.list();
    expect(invalid).toEqual([]);
    expect(entries.map((e) => e.frontmatter.name).sort()).toEqual(corpus.skills.map((s) => s.name).sort());
    for (const entry of entries) {
      const skill = corpus.getSkill(entry.frontmatter.name as string);
      expect(entry.uri).toBe(`skill://${skill?.name}/SKILL.md`);
      expect(entry.resources).not.toBe('dynamic');
      const resources = entry.resources as Array<{ uri: string; digest: string; size: number }>;
      expect(resources).toHaveLength(skill?.files.length ?? -1);
      for (const file of skill?.files ?? []) {
        expect(resources).toContainEqual({ uri: `skill://${skill?.name}/${file.path}`, digest: file.digest, size: file.size });
      }
    }
  });

  it('K2: every listed file reads back byte-identical to its digest and size', async () => {
    const skills = new SkillsClient(c.client);
    const { skills: entries } = await skills.list();
    let files = 0;
    for (const entry of entries) {
      for (const resource of entry.resources as Array<{ uri: string; digest: string; size: number }>) {
        const file = await skills.read(entry, resource.uri);
        expect(file.verified).toBe(true);
        expect(`sha256:${createHash('sha256').update(file.bytes).digest('hex')}`).toBe(resource.digest);
        expect(file.bytes.length).toBe(resource.size);
        files++;
      }
    }
    expect(files).toBe(corpus.skills.reduce((n, s) => n + s.files.length, 0));
  });

  it('K5: frontmatter in skills/get equals the file frontmatter', async () => {
    const skills = new SkillsClient(c.client);
    const { skill } = await skills.get('skill://annex-3-arrival-declaration/SKILL.md');
    const file = await skills.read(skill);
    expect(file.frontmatter).toEqual(skill.frontmatter);
    expect(skill.frontmatter).toMatchObject({ name: 'annex-3-arrival-declaration', license: 'CC-BY-4.0' });
  });

  it('SKILL.md is served as text, exactly the stored bytes', async () => {
    const result = await c.client.readResource({ uri: 'skill://annex-3-arrival-declaration/SKILL.md' });
    const [content] = result.contents as Array<{ text?: string; mimeType?: string }>;
    expect(content?.mimeType).toBe('text/markdown');
    expect(Buffer.from(content?.text ?? '', 'utf8').equals(Buffer.from(corpus.getSkill('annex-3-arrival-declaration')?.files[0]?.bytes ?? []))).toBe(true);
  });

  it('K3: community status goes in _meta under loket/, and the bytes and digest do not change with it', async () => {
    const plain = await new SkillsClient(c.client).get('skill://annex-3-arrival-declaration/SKILL.md');
    expect(plain.skill._meta).toMatchObject({ 'loket/version': '1.0.0', 'loket/status': 'alpha' });
    expect(plain.skill._meta).not.toHaveProperty(['loket/skill_status']);

    const submissions = { skillStatus: async () => ({ quarantined: true, flags: 3 }) } as unknown as ToolDeps['submissions'];
    const flagged = await connectInMemory({ corpus, submissions });
    try {
      const skills = new SkillsClient(flagged.client);
      const { skill } = await skills.get('skill://annex-3-arrival-declaration/SKILL.md');
      expect(skill._meta).toMatchObject({ 'loket/skill_status': { quarantined: true, flags: 3 }, 'loket/warning': expect.stringContaining('quarantined') });
      expect(Object.keys(skill._meta ?? {}).every((k) => k.startsWith('loket/'))).toBe(true);
      expect(skill.resources).toEqual(plain.skill.resources);
      const file = await skills.read(skill);
      expect(file.verified).toBe(true);
    } finally {
      await flagged.close();
    }
  });

  it('an invalid skills/list cursor is -32602', async () => {
    await expect(new SkillsClient(c.client).list({ cursor: 'garbage' })).rejects.toMatchObject({ code: -32602 });
  });

  it('an unknown skill in skills/get is -32602', async () => {
    await expect(new SkillsClient(c.client).get('skill://no-such-skill/SKILL.md')).rejects.toMatchObject({ code: -32602 });
  });

  it('an unknown skill file is -32602', async () => {
    await expect(c.client.readResource({ uri: 'skill://annex-3-arrival-declaration/secrets.txt' })).rejects.toMatchObject({ code: -32602 });
    await expect(c.client.readResource({ uri: 'skill://annex-3-arrival-declaration/../../etc/passwd' })).rejects.toMatchObject({ code: -32602 });
  });
});

describe('resources', () => {
  it('lists each SKILL.md and each reference', async () => {
    const { resources } = await c.client.listResources();
    const uris = resources.map((r) => r.uri);
    for (const skill of corpus.skills) expect(uris).toContain(`skill://${skill.name}/SKILL.md`);
    for (const reference of corpus.registry.list()) expect(uris).toContain(`reference://${reference.id}`);
  });

  it('reference://<id> returns the registry entry as JSON', async () => {
    const result = await c.client.readResource({ uri: 'reference://loi-1980-12-15-etrangers' });
    const [content] = result.contents as Array<{ text: string; mimeType: string }>;
    expect(content?.mimeType).toBe('application/json');
    expect(JSON.parse(content?.text ?? '')).toEqual(corpus.registry.get('loi-1980-12-15-etrangers'));
  });

  it('an unknown reference is -32602', async () => {
    await expect(c.client.readResource({ uri: 'reference://no-such-law' })).rejects.toMatchObject({ code: -32602 });
  });

  it('an unknown scheme is -32602', async () => {
    await expect(c.client.readResource({ uri: 'file:///etc/passwd' })).rejects.toMatchObject({ code: -32602 });
  });

  it('lists the resource templates', async () => {
    const { resourceTemplates } = await c.client.listResourceTemplates();
    expect(resourceTemplates.map((t) => t.uriTemplate).sort()).toEqual(['reference://{id}', 'skill://{+path}']);
  });
});
