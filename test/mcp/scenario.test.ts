/**
 * The conversation an assistant runs, end to end through a real client: search in the user's language, open the
 * skill, walk every stage in order until there is no next one, and resolve every citation met on the way. Runs
 * over the fixture corpus and over the repository's own skills, so a shipped skill that cannot be walked fails.
 */
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/load-corpus.js';
import type { Corpus } from '../../src/corpus/types.js';
import { fixtureCorpus } from '../helpers/corpus.js';
import { connectInMemory } from '../helpers/connect.js';
import { repoRoot } from '../helpers/paths.js';

async function walk(corpus: Corpus, query: string, expected: string) {
  const { client, close } = await connectInMemory({ corpus });
  try {
    const search = await client.callTool({ name: 'search_skills', arguments: { query, limit: 5 } });
    const { results } = search.structuredContent as { results: Array<{ skill: string; uri: string }> };
    expect(results[0]?.skill).toBe(expected);

    const overview = await client.callTool({ name: 'get_skill', arguments: { skill: expected } });
    expect(overview.isError).toBeFalsy();
    const skill = overview.structuredContent as { stages: Array<{ index: number; title: string }>; citations: Array<{ id: string }>; contested: unknown[] };
    expect(skill.stages.length).toBeGreaterThan(0);

    const seen = new Set<string>(skill.citations.map((c) => c.id));
    let stage: number | undefined = 1;
    const walked: number[] = [];
    while (stage !== undefined) {
      const result = await client.callTool({ name: 'get_stage', arguments: { skill: expected, stage } });
      expect(result.isError, `stage ${stage}`).toBeFalsy();
      const s = result.structuredContent as { total: number; stage: { index: number; steps: unknown[] }; next?: { stage: number }; citations: Array<{ id: string }> };
      expect(s.total).toBe(skill.stages.length);
      expect(s.stage.steps.length).toBeGreaterThan(0);
      walked.push(s.stage.index);
      for (const c of s.citations) seen.add(c.id);
      stage = s.next?.stage;
    }
    expect(walked).toEqual(skill.stages.map((s) => s.index));

    const resolved = await client.callTool({ name: 'resolve_citation', arguments: { ids: [...seen] } });
    const r = resolved.structuredContent as { references: Array<{ id: string; url: string }>; unknown: string[] };
    expect(r.unknown).toEqual([]);
    expect(r.references.map((x) => x.id).sort()).toEqual([...seen].sort());
    for (const reference of r.references) expect(reference.url).toMatch(/^https:\/\//);
    return { contested: skill.contested.length };
  } finally {
    await close();
  }
}

describe('assistant scenario over the fixture corpus', () => {
  it('search (NL) → skill → every stage → citations', async () => {
    await walk(fixtureCorpus(), 'aankomstverklaring bijlage 3', 'annex-3-arrival-declaration');
  });
});

describe('assistant scenario over the shipped skills', async () => {
  const corpus = await loadCorpus(repoRoot);
  const names = corpus.skills.map((s) => s.name);

  it.each([
    ['arrival-in-belgium', 'arrival-in-belgium'],
    ['annex-3-arrival-declaration', 'aankomstverklaring'],
    ['annex-3ter-presence-declaration', 'déclaration de présence'],
    ['annex-19-eu-registration', 'Anlage 19'],
    ['residence-card-renewal', 'renew residence card'],
  ])('%s can be found ("%s") and walked', async (name, query) => {
    if (!names.includes(name)) return expect(names, `${name} not shipped yet`).not.toContain(name);
    await walk(corpus, query, name);
  });

  it('K2: every shipped skill file reads back byte-identical', async () => {
    const { SkillsClient } = await import('@modelcontextprotocol/client/ext/skills');
    const { client, close } = await connectInMemory({ corpus });
    try {
      const skills = new SkillsClient(client);
      const { skills: entries, invalid } = await skills.list();
      expect(invalid).toEqual([]);
      expect(entries).toHaveLength(corpus.skills.length);
      for (const entry of entries) {
        for (const resource of entry.resources as Array<{ uri: string }>) {
          expect((await skills.read(entry, resource.uri)).verified).toBe(true);
        }
      }
    } finally {
      await close();
    }
  });
});
