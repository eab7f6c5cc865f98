/**
 * Test helpers for the submission pipeline: a one-skill corpus (the pipeline reads only name, version, digest and
 * body) and argument builders. The safety scanners are the real ones.
 */
import { createHash } from 'node:crypto';
import type { Corpus } from '../../src/corpus/types.js';
import type { Skill } from '../../src/skill/schema.js';

export const SKILL_BODY = `## Scope

Declare your arrival at the commune within eight working days.

## Verify with

Population service, Rue de l'Exemple 1, 1000 Brussel, +32 2 279 22 11, population@example.brussels
`;

export const SKILL_NAME = 'annex-3-arrival-declaration';
export const VERSION = '1.0.0';
export const DIGEST = `sha256:${createHash('sha256').update(SKILL_BODY).digest('hex')}`;

/** A minimal skill: only the fields the submission pipeline reads are meaningful. */
export function fakeSkill(overrides: Partial<{ name: string; version: string; digest: string; body: string }> = {}): Skill {
  const name = overrides.name ?? SKILL_NAME;
  return {
    name,
    meta: { version: overrides.version ?? VERSION },
    digest: overrides.digest ?? DIGEST,
    body: overrides.body ?? SKILL_BODY,
  } as unknown as Skill;
}

export function fakeCorpus(skills: Skill[] = [fakeSkill()]): Pick<Corpus, 'getSkill'> & { skills: Skill[] } {
  return { skills, getSkill: (name: string) => skills.find((s) => s.name === name) };
}

/** A context for submissions from one network; `n` varies the network. */
export function client(n = 1, now = new Date('2026-11-23T10:00:00Z')) {
  return { rateKey: `rate-${n}`, diversityKey: `div-${n}`, now };
}

export function validation(overrides: Record<string, unknown> = {}) {
  return { skill: SKILL_NAME, version: VERSION, digest: DIGEST, verdict: 'confirm', ...overrides };
}

export function observation(overrides: Record<string, unknown> = {}) {
  return {
    skill: SKILL_NAME,
    kind: 'commune-practice',
    text: 'The commune asks for an appointment booked online before the visit.',
    ...overrides,
  };
}
