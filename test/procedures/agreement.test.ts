// Pins that the prose and the procedure files cannot drift apart: every amount counted from an event in a stage's
// Deadline: line or in "Who and when" must be a rule of the skill's procedure file (or of a skill it hands over to),
// and every deadline of the file must be stated in "Who and when". Changing one number in any Deadline: line of
// any shipped skill makes the check fail at that line.
import { describe, expect, it } from 'vitest';
import { checkAgreement, proseStatements } from '../../src/procedures/agreement.js';
import type { CompiledProcedure } from '../../src/procedures/compile.js';
import { shippedCorpus } from '../helpers/corpus.js';

const phrases = new Map<string, string[]>([
  ['arrival_date', ['of entry', 'of entering', 'since you arrived', 'from arrival']],
  ['residence_card.expires_on', ['before expiry']],
  ['leaving_on', ['before departure']],
  ['application', ['from the application']],
]);

const skill = (who: string, deadline: string) => `---
name: demo
---
## Scope

Anyone.

## Who and when

${who}

> **Contested:** Some pages say 8 days of entry; ignore them here.

## Stages

### Stage 1 — Go

- Go.

${deadline}
`;

const procedure = (rules: CompiledProcedure['rules'], withDeadline = true): CompiledProcedure => ({
  skill: 'demo',
  path: 'skills/demo/procedure.yaml',
  lookups: {},
  rules,
  routes: withDeadline
    ? [{ key: 'demo#go', id: 'go', skill: 'demo', result: 'procedure', why: 'x', when: { kind: 'all', items: [] }, ifUnknown: new Map(), asks: [], winsOver: [], periods: [], dates: {}, cite: [], notes: [], line: 2, deadline: { amount: 3, unit: 'working-days', direction: 'after', anchor: 'arrival_date', rule: 'r', cite: [], readings: [] } }]
    : [],
});
const THREE = { amount: 3, unit: 'working-days' as const, direction: 'after' as const, anchor: 'arrival_date', route: 'go', line: 2 };

describe('proseStatements', () => {
  it('reads amounts, units and events, with number words, ordinals and shared events', () => {
    const text = skill(
      '- **Deadline:** within 3 working days of entering Belgium [law, art. 5].\n- Between the 40th and the 30th day before expiry, or three months since you arrived.',
      'Deadline: 3 working days (annex 3) or ten working days (annex 3ter) from arrival [law].\nDeadline: the day before departure.',
    );
    const found = proseStatements(text, phrases).map((s) => `${s.line} ${s.amount} ${s.unit} ${s.direction} ${s.anchor}`);
    expect(found).toEqual([
      '10 3 working-days after arrival_date',
      '11 40 calendar-days before residence_card.expires_on',
      '11 30 calendar-days before residence_card.expires_on',
      '11 3 months after arrival_date',
      '21 3 working-days after arrival_date',
      '21 10 working-days after arrival_date',
      '22 1 calendar-days before leaving_on',
    ]);
  });

  it('ignores Contested notes, citation locators and amounts with no event', () => {
    const text = skill('- The annex is valid 90 days [law, art. 5 §3 of entry].', 'Deadline: the date on your annex.');
    expect(proseStatements(text, phrases)).toEqual([]);
  });
});

describe('checkAgreement', () => {
  it('accepts prose that states the rules of the file', () => {
    const text = skill('- **Deadline:** within 3 working days of entry.', 'Deadline: 3 working days of entering Belgium.');
    expect(checkAgreement('skills/demo/SKILL.md', text, procedure([THREE]), [], phrases)).toEqual([]);
  });

  it('reports a Deadline: line whose number differs from the file, at that line, saying what the file says', () => {
    const text = skill('- **Deadline:** within 3 working days of entry.', 'Deadline: 4 working days of entering Belgium.');
    const [d, ...rest] = checkAgreement('skills/demo/SKILL.md', text, procedure([THREE]), [], phrases);
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ file: 'skills/demo/SKILL.md', line: 20, column: 11, ruleId: 'procedure-agreement', severity: 'error' });
    expect(d?.message).toMatch(/states "4 working days" \(4 working-days after arrival_date\); procedure.yaml says 3 working-days after arrival_date/);
  });

  it('reports a unit or event that differs, and a deadline the Who-and-when section never states', () => {
    const text = skill('- Report within 3 calendar days of entry.', 'Deadline: 3 working days before departure.');
    const out = checkAgreement('skills/demo/SKILL.md', text, procedure([THREE]), [], phrases);
    expect(out.map((d) => `${d.file}:${d.line}`)).toEqual(['skills/demo/SKILL.md:10', 'skills/demo/SKILL.md:20', 'skills/demo/procedure.yaml:2']);
    expect(out[2]?.message).toMatch(/the deadline 3 working-days after arrival_date is not stated in "Who and when"/);
  });

  it('accepts a rule of a skill the prose hands over to, and reports a timed statement when there is no file', () => {
    const text = skill('- Go within 3 working days of entry.', 'Deadline: 3 working days of entry.');
    expect(checkAgreement('skills/demo/SKILL.md', text, undefined, [procedure([THREE], false)], phrases)).toEqual([]);
    expect(checkAgreement('skills/demo/SKILL.md', text, undefined, [], phrases)[0]?.message).toMatch(/the skill has no procedure.yaml stating it/);
  });
});

describe('the shipped corpus', async () => {
  const corpus = await shippedCorpus();
  const { guidance } = corpus;
  const byName = new Map(guidance.procedures.map((p) => [p.skill, p]));

  it('lints clean: prose and procedure files agree', () => {
    expect(corpus.diagnostics.filter((d) => d.ruleId.startsWith('procedure-') || d.ruleId.startsWith('facts-'))).toEqual([]);
  });

  it('every timed Deadline: line of every skill fails the check once one of its numbers changes', () => {
    let mutated = 0;
    for (const skill of corpus.skills) {
      const text = new TextDecoder().decode(skill.files[0]!.bytes);
      const own = byName.get(skill.name);
      const next = (skill.meta.next ?? []).map((n) => byName.get(n)).filter((p): p is CompiledProcedure => p !== undefined);
      const lines = text.split('\n');
      for (const s of proseStatements(text, guidance.vocabulary.eventPhrases).filter((x) => x.where === 'deadline-line')) {
        const line = lines[s.line - 1]!;
        const at = s.column - 1;
        const changed = /^the day before/i.test(s.words)
          ? line.slice(0, at) + line.slice(at).replace(/the day before/i, 'two days before')
          : line.slice(0, at) + line.slice(at).replace(/\d+|\b(one|two|three|four|five|six|eight|ten|fifteen|thirty|forty)\b/i, (n) => (/\d/.test(n) ? String(Number(n) + 1) : 'eleven'));
        expect(changed).not.toBe(line);
        const copy = [...lines];
        copy[s.line - 1] = changed;
        const problems = checkAgreement(skill.path, copy.join('\n'), own, next, guidance.vocabulary.eventPhrases).filter((d) => d.file === skill.path && d.line === s.line);
        expect(problems.length, `${skill.path}:${s.line} "${changed.trim()}"`).toBeGreaterThan(0);
        mutated += 1;
      }
    }
    expect(mutated).toBeGreaterThanOrEqual(5);
  });
});
