/**
 * Pins the reading tools of SPEC §5 as a client sees them: structured output shapes, errors that say what to
 * fix (unknown skill, stage out of range, malformed citation, unknown argument), community status in get_skill
 * when a submission service is present, and the fixed message for unexpected failures.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as z from 'zod';
import { defineTool, ok } from '../../src/mcp/tools/define.js';
import type { ToolDeps } from '../../src/mcp/tools/deps.js';
import { toolsFor } from '../../src/mcp/tools/index.js';
import { fixtureCorpus } from '../helpers/corpus.js';
import { connectInMemory, textOf, type Connected } from '../helpers/connect.js';

let c: Connected;
beforeAll(async () => {
  c = await connectInMemory();
});
afterAll(async () => {
  await c.close();
});

const call = (name: string, args: Record<string, unknown>) => c.client.callTool({ name, arguments: args });

describe('search_skills', () => {
  it('returns ranked results with skill, title, uri, score and snippet', async () => {
    const result = await call('search_skills', { query: 'déclaration de présence', limit: 3 });
    expect(result.isError).toBeFalsy();
    const { results } = result.structuredContent as { results: Array<Record<string, unknown>> };
    expect(results.length).toBeGreaterThan(0);
    expect(results.length).toBeLessThanOrEqual(3);
    expect(results[0]).toMatchObject({ skill: 'annex-3ter-presence-declaration', uri: 'skill://annex-3ter-presence-declaration/SKILL.md' });
    expect(textOf(result)).toContain('annex-3ter-presence-declaration');
  });

  it('answers an empty result list with the names of the skills served', async () => {
    const result = await call('search_skills', { query: 'zzzzqqq' });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toEqual({ results: [] });
    expect(textOf(result)).toContain('arrival-in-belgium');
  });

  it('Q1: rejects an unknown argument and names it', async () => {
    const result = await call('search_skills', { query: 'annex', colour: 'blue' });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/colour/);
  });

  it('rejects a limit outside 1–50', async () => {
    const result = await call('search_skills', { query: 'annex', limit: 51 });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/limit/);
  });
});

describe('get_skill', () => {
  it('returns the overview with stages, documents, contested points and resolved citations', async () => {
    const result = await call('get_skill', { skill: 'annex-3-arrival-declaration' });
    expect(result.isError).toBeFalsy();
    const s = result.structuredContent as Record<string, any>;
    expect(s).toMatchObject({ skill: 'annex-3-arrival-declaration', version: '1.0.0', status: 'alpha', last_verified: '2026-11-01', section: 'overview' });
    expect(s.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(s.stages.map((x: { index: number }) => x.index)).toEqual([1, 2, 3, 4]);
    expect(s.documents[0].citations).toEqual([{ id: 'dvz-short-stay' }]);
    expect(s.contested).toHaveLength(1);
    expect(s.citations).toContainEqual({ id: 'loi-1980-12-15-etrangers', locator: 'art. 5', title: expect.stringContaining('Loi du 15 décembre 1980'), url: expect.stringMatching(/^https:/), kind: 'statute' });
    expect(s.skill_status).toBeUndefined();
    expect(textOf(result)).toContain('Contested');
  });

  it.each([
    ['documents', '## Documents'],
    ['stages', '### Stage 1'],
    ['fees', '## Fees'],
    ['surprises', '## Known surprises'],
    ['sources', '## Legal basis'],
  ])('section %s renders that part', async (section, heading) => {
    const result = await call('get_skill', { skill: 'annex-3-arrival-declaration', section });
    expect((result.structuredContent as { markdown: string }).markdown).toContain(heading);
  });

  it('says what to fix for an unknown skill', async () => {
    const result = await call('get_skill', { skill: 'annex-3' });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/^unknown skill 'annex-3'; known skills: .*annex-3-arrival-declaration/);
  });

  it('includes skill_status when submissions are enabled', async () => {
    const skillStatus = vi.fn(async () => ({ status: 'alpha', confirms: 2, rejects: 0, flags: 0, quarantined: false }));
    const withStore = await connectInMemory({ submissions: { skillStatus } as unknown as ToolDeps['submissions'] });
    try {
      const result = await withStore.client.callTool({ name: 'get_skill', arguments: { skill: 'annex-3-arrival-declaration' } });
      expect((result.structuredContent as Record<string, unknown>).skill_status).toEqual({ status: 'alpha', confirms: 2, rejects: 0, flags: 0, quarantined: false });
      expect(skillStatus).toHaveBeenCalledWith('annex-3-arrival-declaration', '1.0.0');
    } finally {
      await withStore.close();
    }
  });
});

describe('quarantine', () => {
  it('a quarantined version is served with a warning in get_skill and get_stage', async () => {
    const skillStatus = async () => ({ confirms: 0, rejects: 0, flags: 3, under_review: true, quarantined: true });
    const flagged = await connectInMemory({ submissions: { skillStatus } as unknown as ToolDeps['submissions'] });
    try {
      const skill = await flagged.client.callTool({ name: 'get_skill', arguments: { skill: 'annex-3-arrival-declaration' } });
      expect((skill.structuredContent as { warning?: string }).warning).toMatch(/quarantined/);
      expect(textOf(skill)).toMatch(/^Warning: .*quarantined/);
      const stage = await flagged.client.callTool({ name: 'get_stage', arguments: { skill: 'annex-3-arrival-declaration', stage: 1 } });
      expect((stage.structuredContent as { warning?: string }).warning).toMatch(/quarantined/);
    } finally {
      await flagged.close();
    }
  });

  it('a version that is not quarantined carries no warning', async () => {
    const result = await call('get_stage', { skill: 'annex-3-arrival-declaration', stage: 1 });
    expect(result.structuredContent).not.toHaveProperty('warning');
  });

  it('a failing status store does not break reading', async () => {
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const skillStatus = async () => {
      throw new Error('database is locked');
    };
    const broken = await connectInMemory({ submissions: { skillStatus } as unknown as ToolDeps['submissions'] });
    try {
      const result = await broken.client.callTool({ name: 'get_skill', arguments: { skill: 'annex-3-arrival-declaration' } });
      expect(result.isError).toBeFalsy();
      expect(result.structuredContent).not.toHaveProperty('skill_status');
    } finally {
      spy.mockRestore();
      await broken.close();
    }
  });
});

describe('get_stage', () => {
  it('returns one stage with steps, deadline, citations and the next stage', async () => {
    const result = await call('get_stage', { skill: 'annex-3-arrival-declaration', stage: 2 });
    const s = result.structuredContent as Record<string, any>;
    expect(s).toMatchObject({ skill: 'annex-3-arrival-declaration', total: 4, next: { stage: 3, title: 'Receive annex 3' } });
    expect(s.stage.title).toBe('Go to the counter');
    expect(s.stage.steps).toHaveLength(2);
    expect(s.stage.deadline.citations).toEqual([{ id: 'loi-1980-12-15-etrangers', locator: 'art. 5' }]);
    expect(s.citations.map((x: { id: string }) => x.id)).toEqual(['dvz-short-stay', 'loi-1980-12-15-etrangers']);
  });

  it('points to related skills after the last stage', async () => {
    const result = await call('get_stage', { skill: 'arrival-in-belgium', stage: 2 });
    const s = result.structuredContent as Record<string, any>;
    expect(s.next).toBeUndefined();
    expect(s.next_skills.map((x: { skill: string }) => x.skill)).toContain('annex-3-arrival-declaration');
  });

  it('says which stages exist when the number is out of range', async () => {
    const result = await call('get_stage', { skill: 'annex-3-arrival-declaration', stage: 9 });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toBe('stage 9 is out of range: annex-3-arrival-declaration has 4 stages (1–4)');
  });

  it('rejects stage 0 and non-integers', async () => {
    expect((await call('get_stage', { skill: 'annex-3-arrival-declaration', stage: 0 })).isError).toBe(true);
    expect((await call('get_stage', { skill: 'annex-3-arrival-declaration', stage: 1.5 })).isError).toBe(true);
  });
});

describe('resolve_citation', () => {
  it('resolves ids with and without locator, tag form included, and lists unknown ids', async () => {
    const result = await call('resolve_citation', { ids: ['loi-1980-12-15-etrangers, art. 41bis', '[dvz-short-stay]', 'no-such-law'] });
    const s = result.structuredContent as { references: Array<Record<string, unknown>>; unknown: string[] };
    expect(s.references).toHaveLength(2);
    expect(s.references[0]).toMatchObject({ id: 'loi-1980-12-15-etrangers', locator: 'art. 41bis', kind: 'statute', languages: ['fr', 'nl'] });
    expect(s.references[0]?.cited_by).toContain('annex-3ter-presence-declaration');
    expect(s.unknown).toEqual(['no-such-law']);
  });

  it('says how to write a malformed citation id', async () => {
    const result = await call('resolve_citation', { ids: ['Loi 1980!'] });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/malformed: write "id" or "id, locator"/);
  });

  it('needs at least one id', async () => {
    expect((await call('resolve_citation', { ids: [] })).isError).toBe(true);
  });
});

describe('handler failures', () => {
  it('turn into a fixed message without internals', async () => {
    const boom = defineTool({
      name: 'boom',
      title: 'Boom',
      description: 'Fails.',
      inputSchema: z.strictObject({}),
      outputSchema: z.object({}),
      annotations: { readOnlyHint: true },
      handler: () => {
        throw new Error('secret path /etc/passwd at line 42');
      },
    });
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const failing = await connectInMemory({}, { tools: [...toolsFor(fixtureCorpus()), boom] });
    try {
      const result = await failing.client.callTool({ name: 'boom', arguments: {} });
      expect(result).toMatchObject({ isError: true, content: [{ type: 'text', text: 'internal error; the request was not processed' }] });
      expect(JSON.stringify(result)).not.toContain('passwd');
      expect(spy.mock.calls.join('\n')).toContain('secret path');
    } finally {
      spy.mockRestore();
      await failing.close();
    }
  });

  it('a plain z.object input schema is still strict when registered', async () => {
    const loose = defineTool({
      name: 'loose',
      title: 'Loose',
      description: 'Echo.',
      inputSchema: z.object({ a: z.string() }),
      outputSchema: z.object({ a: z.string() }),
      annotations: { readOnlyHint: true },
      handler: ({ a }) => ok({ a }, a),
    });
    const conn = await connectInMemory({}, { tools: [loose] });
    try {
      const result = await conn.client.callTool({ name: 'loose', arguments: { a: 'x', b: 'y' } });
      expect(result.isError).toBe(true);
      expect(textOf(result)).toMatch(/"b"/);
    } finally {
      await conn.close();
    }
  });

  it('T10: an unknown tool is a JSON-RPC -32602', async () => {
    await expect(call('no_such_tool', {})).rejects.toMatchObject({ code: -32602 });
  });
});
