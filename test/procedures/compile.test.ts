// Pins what a procedure-file author is told: schema errors, unknown facts and values, unresolved citations,
// unknown placeholders and routes that can never apply are errors at the line and column of the offending node,
// with a message that says what to change; a valid file compiles to routes the engine can run.
import { describe, expect, it } from 'vitest';
import { compileProcedure } from '../../src/procedures/compile.js';
import { createVocabulary, parseVocabulary } from '../../src/procedures/vocabulary.js';

const vocabulary = createVocabulary({
  facts: {
    nationality: { type: 'country', describe: 'Nationality', ask: { en: 'Nationality?', nl: 'Nationaliteit?', fr: 'Nationalité ?', de: 'Staatsangehörigkeit?' } },
    intended_stay_days: { type: 'integer', min: 1, max: 36500, describe: 'Days', ask: { en: 'Days?', nl: 'Dagen?', fr: 'Jours ?', de: 'Tage?' } },
    accommodation: { type: 'enum', values: ['private-address', 'hotel'], describe: 'Where', ask: { en: 'Where?', nl: 'Waar?', fr: 'Où ?', de: 'Wo?' } },
    arrival_date: { type: 'date', describe: 'Entry', ask: { en: 'When?', nl: 'Wanneer?', fr: 'Quand ?', de: 'Wann?' }, event: { en: ['of entry'] } },
    card: { type: 'object', describe: 'Card', ask: { en: 'Card?', nl: 'Kaart?', fr: 'Carte ?', de: 'Karte?' }, fields: { type: { type: 'enum', values: ['A', 'B'], describe: 'Letter' } } },
  },
  events: { application: { describe: 'the application', en: ['from the application'] } },
});
const ctx = { skill: 'demo', vocabulary, hasReference: (id: string) => id === 'law' };
const compile = (text: string) => compileProcedure('skills/demo/procedure.yaml', text, ctx);
const messages = (text: string) => compile(text).diagnostics.map((d) => `${d.line}:${d.column} ${d.ruleId} ${d.message}`);

const VALID = `routes:
  - id: declare
    title: Declare
    document: Form A
    why: Because.
    when:
      nationality: third-country
      intended_stay_days: { max: 90 }
    deadline:
      amount: 3
      unit: working-days
      after: arrival_date
      rule: Within 3 working days of entry.
      cite: ["law, art. 5"]
    cite: [law]
`;

describe('compileProcedure', () => {
  it('compiles a valid file into routes and the timed rules the prose must state', () => {
    const { procedure, diagnostics } = compile(VALID);
    expect(diagnostics).toEqual([]);
    expect(procedure?.routes.map((r) => r.key)).toEqual(['demo#declare']);
    expect(procedure?.rules).toEqual([{ amount: 3, unit: 'working-days', direction: 'after', anchor: 'arrival_date', route: 'declare', line: 2 }]);
  });

  it('reports a fact the vocabulary does not declare, at its key', () => {
    const out = messages(VALID.replace('intended_stay_days: { max: 90 }', 'stay_length: { max: 90 }'));
    expect(out).toEqual([expect.stringMatching(/^8:\d+ procedure-condition `stay_length` is not a fact of facts.yaml/)]);
  });

  it('reports a value outside the allowed ones, listing them', () => {
    const out = messages(VALID.replace('nationality: third-country', 'nationality: martian'));
    expect(out[0]).toMatch(/^7:\d+ procedure-condition `nationality` cannot be "martian": allowed values are belgian, eu, third-country/);
  });

  it('reports a route whose conditions exclude each other as unreachable', () => {
    const out = messages(VALID.replace('intended_stay_days: { max: 90 }', 'intended_stay_days: { min: 91, max: 90 }'));
    expect(out[0]).toMatch(/min 91 is above max 90, so this route can never apply/);
    const clash = messages(VALID.replace('      intended_stay_days: { max: 90 }\n', '      intended_stay_days: { max: 90 }\n      card: missing\n      card.type: A\n'));
    expect(clash).toEqual([expect.stringMatching(/^7:\d+ procedure-unreachable Route `declare` can never apply: its conditions on `card.type` exclude each other/)]);
    const fine = messages(VALID.replace('      intended_stay_days: { max: 90 }\n', '      intended_stay_days: { max: 90 }\n      any:\n        - { card: missing }\n        - { card.type: A }\n'));
    expect(fine).toEqual([]);
  });

  it('reports an unresolved citation in a cite list and inside a text', () => {
    const out = messages(VALID.replace('cite: [law]', 'cite: [nowhere]').replace('why: Because.', 'why: Because [elsewhere, art. 1].'));
    expect(out).toContain('5:10 procedure-citation Citation `[elsewhere, art. 1]` in this text does not resolve: there is no references/elsewhere.yaml');
    expect(out).toContain('15:12 procedure-citation Citation `nowhere` does not resolve: there is no references/nowhere.yaml');
  });

  it('reports a deadline counted from an event with no date, and a placeholder that names nothing', () => {
    const out = messages(VALID.replace('after: arrival_date', 'after: application').replace('title: Declare', 'title: Declare {colour}'));
    expect(out.some((m) => /`application` is an event with no date the person gives/.test(m))).toBe(true);
    expect(out.some((m) => /`\{colour\}` names nothing/.test(m))).toBe(true);
  });

  it('reports schema problems at the offending node: unknown keys, wrong units, missing citations', () => {
    const out = messages(VALID.replace('unit: working-days', 'unit: fortnights').replace('    cite: [law]\n', '    cite: []\n    colour: blue\n'));
    expect(out.some((m) => /^11:\d+ procedure-schema .*unit/.test(m))).toBe(true);
    expect(out.some((m) => /procedure-schema .*cite at least one source/.test(m))).toBe(true);
    expect(out.some((m) => /^16:\d+ procedure-schema .*unexpected key `colour`/.test(m))).toBe(true);
  });

  it('reports YAML syntax errors with their position', () => {
    expect(messages('routes:\n  - id: x\n    why: a: b\n')[0]).toMatch(/^3:\d+ procedure-yaml Not valid YAML/);
  });

  it('requires a title and document for a procedure, and a why for anything but ask', () => {
    const out = messages('routes:\n  - id: bare\n    when: { nationality: eu }\n    cite: [law]\n');
    expect(out.some((m) => /needs a title and the document/.test(m))).toBe(true);
    expect(out.some((m) => /needs a `why`/.test(m))).toBe(true);
  });
});

describe('parseVocabulary', () => {
  it('refuses a not-before that names no date fact, at its node', () => {
    const text = `facts:\n  leaving_on:\n    type: date\n    describe: Leaving\n    not-before: arrival\n    ask: { en: a, nl: b, fr: c, de: d }\n`;
    const { diagnostics } = parseVocabulary('facts.yaml', text);
    expect(diagnostics.map((d) => `${d.line}:${d.ruleId} ${d.message}`)).toEqual(['5:facts-schema not-before names `arrival`, which is not a date fact of this file']);
  });

  it('requires the question in all four languages', () => {
    const text = `facts:\n  moved_on:\n    type: date\n    describe: Moved\n    ask: { en: When did you move? }\n`;
    const { diagnostics } = parseVocabulary('facts.yaml', text);
    expect(diagnostics.map((d) => d.message)).toEqual(expect.arrayContaining([expect.stringMatching(/facts\.moved_on\.ask\.nl is required/)]));
  });
  describe('with a stored parse (the parse cache between starts)', () => {
    /** A store in memory, as the corpus's parse cache offers one per file digest. */
    const memory = () => {
      let kept: unknown;
      return { get: () => kept, set: (parse: unknown) => (kept = JSON.parse(JSON.stringify(parse))) };
    };

    it('compiles a file the same from its stored parse as from its text', () => {
      const stored = memory();
      const first = compileProcedure('skills/demo/procedure.yaml', VALID, { ...ctx, stored });
      expect(stored.get()).toBeDefined();
      const second = compileProcedure('skills/demo/procedure.yaml', VALID, { ...ctx, stored });
      expect(second).toEqual(first);
      expect(second.procedure?.routes[0]?.line).toBe(2);
    });

    it('still checks the stored parse against the vocabulary, and locates the problem in the text', () => {
      const stored = memory();
      compileProcedure('skills/demo/procedure.yaml', VALID, { ...ctx, stored });
      const narrower = { ...ctx, hasReference: () => false, stored };
      const fresh = compileProcedure('skills/demo/procedure.yaml', VALID, { ...ctx, hasReference: () => false });
      const out = compileProcedure('skills/demo/procedure.yaml', VALID, narrower);
      expect(out.procedure).toBeUndefined();
      expect(out.diagnostics.length).toBeGreaterThan(0);
      expect(out.diagnostics).toEqual(fresh.diagnostics);
    });

    it('ignores a stored entry of another shape and parses the text', () => {
      const out = compileProcedure('skills/demo/procedure.yaml', VALID, { ...ctx, stored: { get: () => ({ value: { routes: [] } }), set: () => {} } });
      expect(out.procedure?.routes.map((r) => r.key)).toEqual(['demo#declare']);
    });

    it('stores nothing for a file with a YAML or schema error', () => {
      const stored = memory();
      compileProcedure('skills/demo/procedure.yaml', 'routes: [', { ...ctx, stored });
      compileProcedure('skills/demo/procedure.yaml', VALID.replace('unit: working-days', 'unit: fortnights'), { ...ctx, stored });
      expect(stored.get()).toBeUndefined();
    });
  });
});
