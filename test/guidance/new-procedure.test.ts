// Pins "procedures as data": a procedure added as a folder (SKILL.md + procedure.yaml) to a corpus is routed by
// find_procedure with its computed deadline, precedence and questions, with no code change; and a malformed
// procedure file keeps its skill from being served.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/load-corpus.js';
import { findProcedure } from '../../src/guidance/engine.js';
import { repoRoot } from '../helpers/paths.js';

const dir = mkdtempSync(join(tmpdir(), 'loket-new-procedure-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
for (const part of ['skills', 'references', 'facts.yaml']) cpSync(join(repoRoot, part), join(dir, part), { recursive: true });

const SKILL = `---
name: dog-registration
description: "Walks a dog owner who moves to Belgium through registering the dog at the commune. Use it for anyone who brings a dog."
license: CC-BY-4.0
metadata:
  title: "Register your dog"
  version: "1.0.0"
  status: "draft"
  last-verified: "2026-11-30"
  jurisdiction: "BE"
---

## Scope

Anyone who moves house with a dog [loi-1991-07-19-registres].

## Legal basis

- The registers law [loi-1991-07-19-registres].

## Who and when

- **Deadline:** within 5 working days of the move [loi-1991-07-19-registres].

## Documents

- The dog's passport [loi-1991-07-19-registres].

## Stages

### Stage 1 — Register

- Go to the counter [loi-1991-07-19-registres].

Deadline: 5 working days after the move [loi-1991-07-19-registres].

## Verify with

- Your commune [loi-1991-07-19-registres].
`;

const PROCEDURE = `routes:
  - id: register
    title: Register the dog
    document: Dog registration receipt
    why: A dog that moves with you is registered at the new commune.
    when:
      moved_on: present
    deadline:
      amount: 5
      unit: working-days
      after: moved_on
      rule: Within 5 working days of the move.
      cite: [loi-1991-07-19-registres]
    cite: [loi-1991-07-19-registres]
`;

describe('a new procedure folder', () => {
  it('is routed by find_procedure with its deadline, with no code change', async () => {
    mkdirSync(join(dir, 'skills', 'dog-registration'));
    writeFileSync(join(dir, 'skills', 'dog-registration', 'SKILL.md'), SKILL);
    writeFileSync(join(dir, 'skills', 'dog-registration', 'procedure.yaml'), PROCEDURE);
    const corpus = await loadCorpus(dir, { cache: false });
    const problems = corpus.diagnostics.filter((d) => d.file.includes('dog-registration') && d.severity === 'error' && !['version-bump', 'lock-entry'].includes(d.ruleId));
    expect(problems).toEqual([]);
    const answer = findProcedure(corpus.guidance, { nationality: 'BE', moved_on: '2026-11-27' }, '2026-11-30');
    if ('code' in answer) throw new Error(answer.message);
    const dog = answer.procedures.find((p) => p.skill === 'dog-registration');
    // Friday 27 November 2026 + 5 working days: Mon 30 Nov … Fri 4 Dec; counting Saturday 28, Thu 3 Dec.
    expect(dog?.deadline).toMatchObject({ date: '2026-12-04', safe_date: '2026-12-03' });
    expect(dog?.uri).toBe('skill://dog-registration/SKILL.md');
  });

  it('with a malformed procedure file is not served, and the file is reported', async () => {
    writeFileSync(join(dir, 'skills', 'dog-registration', 'procedure.yaml'), PROCEDURE.replace('moved_on: present', 'moved_house: present'));
    const corpus = await loadCorpus(dir, { cache: false });
    expect(corpus.getSkill('dog-registration')).toBeUndefined();
    expect(corpus.guidance.routes.some((r) => r.skill === 'dog-registration')).toBe(false);
    expect(corpus.diagnostics).toContainEqual(expect.objectContaining({ file: 'skills/dog-registration/procedure.yaml', line: 7, ruleId: 'procedure-condition' }));
    expect(readFileSync(join(dir, 'skills', 'dog-registration', 'SKILL.md'), 'utf8')).toBe(SKILL);
  });
});
