import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTempCorpus, type GeneratedCorpus } from '../../bench/generate.js';
import { loadCorpus } from '../../src/load-corpus.js';
import type { Corpus } from '../../src/corpus/types.js';
import { createSearchIndex } from '../../src/search/index.js';

describe('synthetic corpus generator', () => {
  let generated: GeneratedCorpus & { cleanup: () => Promise<void> };
  let corpus: Corpus;

  beforeAll(async () => {
    generated = await generateTempCorpus(60, { seed: 7 });
    corpus = await loadCorpus(generated.root);
  }, 120_000);
  afterAll(() => generated?.cleanup());

  it('writes a corpus that lints clean: every skill served, no error diagnostics', () => {
    const errors = corpus.diagnostics.filter((d) => d.severity === 'error');
    expect(errors).toEqual([]);
    expect(corpus.skills.map((s) => s.name).sort()).toEqual([...generated.skills].sort());
  });

  it('cites every reference it writes, so the registry has no unused entries', () => {
    const unused = corpus.diagnostics.filter((d) => d.ruleId === 'reference-cited');
    expect(unused).toEqual([]);
    expect(corpus.registry.size).toBe(generated.references.length);
  });

  it('gives every skill the size and structure of a shipped skill: 15-24 KB, 6-9 stages, dense citations, contested notes, a procedure file', () => {
    for (const skill of corpus.skills) {
      const bytes = skill.files.find((f) => f.path === 'SKILL.md')!.size;
      expect(bytes, skill.name).toBeGreaterThanOrEqual(14 * 1024);
      expect(bytes, skill.name).toBeLessThanOrEqual(24 * 1024);
      expect(skill.stages.length, skill.name).toBeGreaterThanOrEqual(6);
      expect(skill.stages.length, skill.name).toBeLessThanOrEqual(9);
      expect(skill.contested.length, skill.name).toBeGreaterThanOrEqual(2);
      expect(skill.meta.aliases?.length ?? 0, skill.name).toBeGreaterThanOrEqual(3);
      expect(skill.citations.length, skill.name).toBeGreaterThanOrEqual(150);
      expect(skill.files.map((f) => f.path), skill.name).toContain('procedure.yaml');
    }
    expect(generated.skillBytes / generated.skills.length).toBeGreaterThan(17 * 1024);
  });

  it('writes procedure files the fact vocabulary compiles, with deadlines the prose states', () => {
    const problems = corpus.diagnostics.filter((d) => d.ruleId.startsWith('procedure-') || d.ruleId.startsWith('facts-'));
    expect(problems).toEqual([]);
    expect(corpus.guidance.procedures.map((p) => p.skill).sort()).toEqual([...generated.skills].sort());
    expect(corpus.guidance.routes.filter((r) => r.deadline).length).toBe(generated.skills.length);
  });

  it('varies the text so that search ranks among many partial matches', () => {
    const index = createSearchIndex(corpus);
    const bodies = new Set(corpus.skills.map((s) => s.body));
    expect(bodies.size).toBe(corpus.skills.length);
    const hits = index.search(generated.queries[0]!, 50);
    expect(hits.length).toBeGreaterThan(1);
    expect(new Set(hits.map((h) => h.score)).size).toBeGreaterThan(1);
  });

  it('is deterministic for a seed and different across seeds', async () => {
    const again = await generateTempCorpus(3, { seed: 7, today: '2026-11-23' });
    const same = await generateTempCorpus(3, { seed: 7, today: '2026-11-23' });
    const other = await generateTempCorpus(3, { seed: 8, today: '2026-11-23' });
    try {
      const read = (g: GeneratedCorpus) => readFile(join(g.root, 'skills', g.skills[2]!, 'SKILL.md'), 'utf8');
      expect(await read(again)).toBe(await read(same));
      expect(await read(other)).not.toBe(await read(again));
    } finally {
      await Promise.all([again.cleanup(), same.cleanup(), other.cleanup()]);
    }
  });
});
