import * as z from 'zod';
import type { Fact, FactField } from '../procedures/schema.js';
import type { FactVocabulary } from '../procedures/vocabulary.js';
import type { GuidanceError } from './error.js';
import { ISO_DATE_PATTERN, type IsoDate, isIsoDate } from './dates.js';

/** Facts about a person, keyed by the names of the vocabulary, as validated by {@link factsInputSchema}. */
export type Facts = Readonly<Record<string, unknown>>;

/** Earliest and latest dates accepted in facts. */
const FIRST_DATE = '1900-01-01';
const LAST_DATE = '9899-12-31';

const isoDate = () => z.string().regex(ISO_DATE_PATTERN, 'expected a date written YYYY-MM-DD');

function fieldSchema(def: Fact | FactField): z.ZodType {
  switch (def.type) {
    case 'date':
      return isoDate().describe(def.describe);
    case 'integer': {
      let s = z.number().int();
      if (def.min !== undefined) s = s.min(def.min);
      if (def.max !== undefined) s = s.max(def.max);
      return s.describe(def.describe);
    }
    case 'boolean':
      return z.boolean().describe(def.describe);
    case 'enum':
      return z.enum(def.values as [string, ...string[]]).describe(def.describe);
    case 'country':
      return z.string().min(1).max(64).describe(def.describe);
    case 'commune':
      return z.string().min(1).max(100).describe(def.describe);
    case 'object':
      return z
        .strictObject(Object.fromEntries(Object.entries(def.fields).map(([k, f]) => [k, f.optional ? fieldSchema(f).optional() : fieldSchema(f)])))
        .describe(def.describe);
  }
}

/**
 * The input schema of find_procedure, built from the vocabulary: one property per fact (required facts required),
 * plus `today`. Unknown keys are refused with the list of known facts.
 */
export function factsInputSchema(vocabulary: FactVocabulary) {
  const shape: Record<string, z.ZodType> = {};
  for (const name of vocabulary.names) {
    const def = vocabulary.fact(name)!.def as Fact;
    const s = fieldSchema(def);
    shape[name] = def.required ? s : s.optional();
  }
  shape.today = isoDate().optional().describe('Reference date, YYYY-MM-DD; defaults to today in Brussels');
  const known = [...vocabulary.names, 'today'].join(', ');
  return z.strictObject(shape, {
    error: (issue) => (issue.code === 'unrecognized_keys' ? `Unknown fact ${issue.keys.map((k) => `"${k}"`).join(', ')}: the facts find_procedure knows are ${known}` : undefined),
  });
}

const schemas = new WeakMap<FactVocabulary, ReturnType<typeof factsInputSchema>>();

/**
 * Validates facts against the vocabulary's schema (the same one find_procedure's input uses), so the pure engine
 * refuses what a client would be refused. Returns the first problem as a message naming the fact.
 */
export function validateFacts(vocabulary: FactVocabulary, facts: Facts, today: IsoDate): GuidanceError | undefined {
  let schema = schemas.get(vocabulary);
  if (!schema) {
    schema = factsInputSchema(vocabulary);
    schemas.set(vocabulary, schema);
  }
  const parsed = schema.safeParse({ ...facts, today });
  if (parsed.success) return undefined;
  const issue = parsed.error.issues[0]!;
  const where = issue.path.join('.');
  return { code: issue.code === 'unrecognized_keys' ? 'unknown-fact' : 'invalid-input', message: where ? `${where}: ${issue.message}` : issue.message };
}

/**
 * Checks what the schema cannot: every date is a real calendar date in range, and no date comes before one it may
 * not precede (`leaving_on` before `arrival_date`). Returns an error naming the facts involved, or undefined.
 */
export function checkFacts(vocabulary: FactVocabulary, facts: Facts, today: IsoDate): GuidanceError | undefined {
  const dates: [string, unknown, Fact | FactField][] = [['today', today, { type: 'date', describe: 'today' }]];
  for (const name of vocabulary.names) {
    const def = vocabulary.fact(name)!.def as Fact;
    const v = facts[name];
    if (v === undefined) continue;
    if (def.type === 'date') dates.push([name, v, def]);
    if (def.type === 'object' && typeof v === 'object' && v !== null) {
      for (const [field, fdef] of Object.entries(def.fields)) if (fdef.type === 'date') dates.push([`${name}.${field}`, (v as Record<string, unknown>)[field], fdef]);
    }
  }
  for (const [name, value] of dates) {
    if (value === undefined) continue;
    if (typeof value !== 'string' || !isIsoDate(value)) return { code: 'invalid-date', message: `${name} "${String(value)}" is not a real date: write it as YYYY-MM-DD, e.g. 2026-03-02` };
    if (value < FIRST_DATE || value > LAST_DATE) return { code: 'invalid-date', message: `${name} must be between ${FIRST_DATE} and ${LAST_DATE}, got ${value}` };
  }
  const byName = new Map(dates.map(([n, v]) => [n, v]));
  for (const [name, value, def] of dates) {
    if (def.type !== 'date' || def['not-before'] === undefined || value === undefined) continue;
    for (const other of [def['not-before']].flat()) {
      const o = byName.get(other);
      if (typeof o === 'string' && (value as string) < o) {
        return { code: 'contradictory-facts', message: `${name} (${String(value)}) is before ${other} (${o}); one of the two dates is wrong — check both` };
      }
    }
  }
  return undefined;
}
