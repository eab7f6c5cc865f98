/**
 * Pins the prompts of SPEC §5 and skill-name completion: walk-through guides one skill (and embeds its SKILL.md),
 * register-in-belgium starts from arrival-in-belgium and find_procedure, unknown skills are -32602, and the
 * skill argument completes from the corpus.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectInMemory, type Connected } from '../helpers/connect.js';

let c: Connected;
beforeAll(async () => {
  c = await connectInMemory();
});
afterAll(async () => {
  await c.close();
});

describe('prompts', () => {
  it('lists walk-through and register-in-belgium with their arguments', async () => {
    const { prompts } = await c.client.listPrompts();
    const byName = Object.fromEntries(prompts.map((p) => [p.name, p]));
    expect(byName['walk-through']?.arguments).toEqual([
      expect.objectContaining({ name: 'skill', required: true }),
      expect.objectContaining({ name: 'language', required: false }),
    ]);
    expect(byName['register-in-belgium']?.arguments?.map((a) => [a.name, a.required])).toEqual([
      ['situation', false],
      ['language', false],
    ]);
  });

  it('walk-through names the skill, its stage count and the language, and embeds SKILL.md', async () => {
    const result = await c.client.getPrompt({ name: 'walk-through', arguments: { skill: 'annex-3-arrival-declaration', language: 'nl' } });
    const [intro, resource] = result.messages;
    const text = intro?.content.type === 'text' ? intro.content.text : '';
    expect(text).toContain('annex-3-arrival-declaration');
    expect(text).toContain('4 stages');
    expect(text).toContain('get_stage');
    expect(text).toContain('contested');
    expect(text).toContain('Answer in nl');
    expect(resource?.content).toMatchObject({ type: 'resource', resource: { uri: 'skill://annex-3-arrival-declaration/SKILL.md', mimeType: 'text/markdown' } });
  });

  it('walk-through with an unknown skill is -32602 and lists the known ones', async () => {
    await expect(c.client.getPrompt({ name: 'walk-through', arguments: { skill: 'nope' } })).rejects.toMatchObject({
      code: -32602,
      message: expect.stringContaining('known skills'),
    });
  });

  it('register-in-belgium starts from arrival-in-belgium and find_procedure, with the situation', async () => {
    const result = await c.client.getPrompt({ name: 'register-in-belgium', arguments: { situation: 'Brazilian, staying 2 months with friends in Gent', language: 'Português' } });
    const text = result.messages[0]?.content.type === 'text' ? result.messages[0].content.text : '';
    expect(text).toContain('arrival-in-belgium');
    expect(text).toContain('find_procedure');
    expect(text).toContain('Brazilian, staying 2 months');
    expect(text).toContain('Answer in Português');
  });

  it('register-in-belgium works without arguments', async () => {
    const result = await c.client.getPrompt({ name: 'register-in-belgium', arguments: {} });
    expect(result.messages).toHaveLength(1);
  });
});

describe('completion', () => {
  it('declares the completions capability', () => {
    expect(c.client.getServerCapabilities()?.completions).toBeDefined();
  });

  it('completes skill names by prefix', async () => {
    const result = await c.client.complete({ ref: { type: 'ref/prompt', name: 'walk-through' }, argument: { name: 'skill', value: 'annex-3' } });
    expect(result.completion.values).toEqual(['annex-3-arrival-declaration', 'annex-3ter-presence-declaration']);
  });

  it('falls back to search for words that are not a name prefix', async () => {
    const result = await c.client.complete({ ref: { type: 'ref/prompt', name: 'walk-through' }, argument: { name: 'skill', value: 'aankomstverklaring' } });
    expect(result.completion.values[0]).toBe('annex-3-arrival-declaration');
  });

  it('completes reference ids in reference://{id}', async () => {
    const result = await c.client.complete({ ref: { type: 'ref/resource', uri: 'reference://{id}' }, argument: { name: 'id', value: 'loi' } });
    expect(result.completion.values).toEqual(['loi-1980-12-15-etrangers']);
  });
});
