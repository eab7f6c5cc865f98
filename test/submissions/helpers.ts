/**
 * Test doubles for the submission pipeline: a one-skill corpus and deterministic stand-ins for the safety
 * scanners (used only where a test is about the pipeline, not about detection quality).
 */
import { createHash } from 'node:crypto';
import type { Corpus } from '../../src/corpus/types.js';
import type { Skill } from '../../src/skill/schema.js';
import type { Scanners } from '../../src/submissions/service.js';

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

/** Stand-in scanners: a few fixed patterns per category, so pipeline tests do not depend on detector tuning. */
export const fakeScanners: Scanners = {
  detectPersonalData(text, opts) {
    const patterns: Array<[string, string, RegExp]> = [
      ['P1', 'national register number', /\b\d{2}\.\d{2}\.\d{2}-\d{3}\.\d{2}\b/g],
      ['P3', 'IBAN', /\bBE\d{2}(?: ?\d{4}){3}\b/g],
      ['P4', 'phone number', /\+32 ?4\d{2}(?: ?\d{2}){3}/g],
      ['P5', 'e-mail address', /\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b/g],
    ];
    const findings = [];
    for (const [id, category, re] of patterns) {
      for (const m of text.matchAll(re)) {
        if (opts?.allow?.includes(m[0])) continue;
        findings.push({ id, category, start: m.index ?? 0, end: (m.index ?? 0) + m[0].length });
      }
    }
    return findings;
  },
  assessInjection(text) {
    const findings = [];
    const hard = /<IMPORTANT>|\[SYSTEM\]/.exec(text);
    if (hard) findings.push({ rule: 'R2', class: 'hard' as const, start: hard.index, end: hard.index + hard[0].length, message: 'role markup' });
    const soft = /ignore (?:all )?previous instructions/i.exec(text);
    if (soft) findings.push({ rule: 'R1', class: 'soft' as const, start: soft.index, end: soft.index + soft[0].length, message: 'override' });
    return { findings, decision: hard ? 'reject' : soft ? 'review' : 'pass' };
  },
};

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
