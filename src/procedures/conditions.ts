import { parseDateExpr, type DateExpr } from './date-expr.js';
import { COUNTRY_CLASSES, type Condition, type Matcher } from './schema.js';
import type { FactVocabulary } from './vocabulary.js';

/** One test on one value. */
export type Test =
  | { kind: 'present' }
  | { kind: 'missing' }
  | { kind: 'equals'; values: readonly (string | number | boolean)[] }
  | { kind: 'range'; min?: number; max?: number }
  | { kind: 'date'; op: 'before' | 'after' | 'not-before' | 'not-after'; expr: DateExpr };

/** A compiled condition. `path` is a fact path (`residence_card.type`) or a computed date (`deadline.date`). */
export type Cond =
  | { kind: 'test'; path: string; test: Test }
  | { kind: 'all'; items: readonly Cond[] }
  | { kind: 'any'; items: readonly Cond[] }
  | { kind: 'not'; item: Cond };

/** Computed values a note may test and a text may insert, besides facts. */
export const COMPUTED = ['today', 'deadline.date', 'deadline.safe_date', 'window.opens', 'window.closes'] as const;

/** Where a problem is: the key path inside the condition map, and what to say. */
export interface ConditionProblem {
  path: (string | number)[];
  message: string;
}

interface Scope {
  vocabulary: FactVocabulary;
  /** Names usable as dates beyond facts: computed values (`deadline.date`) and the route's `dates.<name>`. */
  computed: ReadonlySet<string>;
  /** Whether computed values may be tested (notes only). */
  allowComputed: boolean;
}

/**
 * Compiles a condition map into a {@link Cond}, checking every fact name, value and date expression against the
 * vocabulary. Problems are collected, never thrown; a condition with problems still compiles to something safe.
 */
export function compileCondition(map: Condition, scope: Scope, at: (string | number)[], problems: ConditionProblem[]): Cond {
  const items: Cond[] = [];
  for (const [key, raw] of Object.entries(map)) {
    const here = [...at, key];
    if (key === 'any') {
      if (!Array.isArray(raw) || raw.some((x) => typeof x !== 'object' || x === null || Array.isArray(x))) {
        problems.push({ path: here, message: '`any` takes a list of condition maps, e.g. any: [{ family_of_eu_citizen: true }, { family_of_belgian: true }]' });
        continue;
      }
      items.push({ kind: 'any', items: (raw as Condition[]).map((c, i) => compileCondition(c, scope, [...here, i], problems)) });
      continue;
    }
    if (key === 'not') {
      if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
        problems.push({ path: here, message: '`not` takes one condition map, e.g. not: { accommodation: hotel }' });
        continue;
      }
      items.push({ kind: 'not', item: compileCondition(raw as Condition, scope, here, problems) });
      continue;
    }
    const test = compileTest(key, raw as Matcher, scope, here, problems);
    if (test) items.push({ kind: 'test', path: key, test });
  }
  return items.length === 1 ? items[0]! : { kind: 'all', items };
}

function compileTest(path: string, raw: Matcher, scope: Scope, at: (string | number)[], problems: ConditionProblem[]): Test | undefined {
  const fail = (message: string) => {
    problems.push({ path: at, message });
    return undefined;
  };
  if (raw === 'present' || raw === 'missing') {
    if (!isKnown(path, scope)) return fail(unknownName(path, scope));
    return { kind: raw };
  }
  const computed = scope.computed.has(path) || (COMPUTED as readonly string[]).includes(path);
  if (computed) {
    if (!scope.allowComputed) return fail(`\`${path}\` is computed by the engine; only notes may test it. Test a fact here`);
    return dateTest(raw, scope, at, problems) ?? undefined;
  }
  const info = scope.vocabulary.fact(path);
  if (!info) return fail(unknownName(path, scope));
  const def = info.def;
  switch (def.type) {
    case 'date':
      return dateTest(raw, scope, at, problems);
    case 'commune':
      return fail(`\`${path}\` is a commune: test the fact it sets (\`${def.sets}\`), or write present / missing`);
    case 'object':
      return fail(`\`${path}\` is an object: test one of its fields (${Object.keys(def.fields).map((f) => `${path}.${f}`).join(', ')}) or write present / missing`);
    case 'boolean':
      if (typeof raw !== 'boolean') return fail(`\`${path}\` is true or false, not ${JSON.stringify(raw)}`);
      return { kind: 'equals', values: [raw] };
    case 'integer': {
      if (typeof raw === 'number') return { kind: 'equals', values: [raw] };
      if (typeof raw === 'object' && !Array.isArray(raw) && raw !== null) {
        const extra = Object.keys(raw).filter((k) => k !== 'min' && k !== 'max');
        if (extra.length) return fail(`\`${path}\` is a number: use { min: …, max: … }, not ${extra.join(', ')}`);
        if (raw.min === undefined && raw.max === undefined) return fail(`\`${path}\`: give min, max or both`);
        if (raw.min !== undefined && raw.max !== undefined && raw.min > raw.max) return fail(`\`${path}\`: min ${raw.min} is above max ${raw.max}, so this route can never apply`);
        const outside = (raw.max !== undefined && def.min !== undefined && raw.max < def.min) || (raw.min !== undefined && def.max !== undefined && raw.min > def.max);
        if (outside) return fail(`\`${path}\`: the range lies outside what facts.yaml allows (${def.min ?? '…'}–${def.max ?? '…'}), so this route can never apply`);
        return { kind: 'range', ...(raw.min !== undefined ? { min: raw.min } : {}), ...(raw.max !== undefined ? { max: raw.max } : {}) };
      }
      return fail(`\`${path}\` is a number: write a number or { min, max }`);
    }
    case 'enum':
    case 'country': {
      const allowed: readonly string[] = def.type === 'enum' ? def.values : COUNTRY_CLASSES;
      const values = [raw].flat();
      const bad = values.filter((v) => typeof v !== 'string' || !allowed.includes(v));
      if (bad.length || values.length === 0) return fail(`\`${path}\` cannot be ${bad.map((v) => JSON.stringify(v)).join(', ')}: allowed values are ${allowed.join(', ')}`);
      return { kind: 'equals', values: values as string[] };
    }
  }
}

function dateTest(raw: Matcher, scope: Scope, at: (string | number)[], problems: ConditionProblem[]): Test | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    problems.push({ path: at, message: 'a date is tested with { before: … }, { after: … }, { not-before: … } or { not-after: … }, or present / missing' });
    return undefined;
  }
  const ops = (['before', 'after', 'not-before', 'not-after'] as const).filter((op) => raw[op] !== undefined);
  const others = Object.keys(raw).filter((k) => !(ops as readonly string[]).includes(k));
  if (ops.length !== 1 || others.length) {
    problems.push({ path: at, message: 'give exactly one of before, after, not-before, not-after for a date' });
    return undefined;
  }
  const op = ops[0]!;
  const expr = parseDateExpr(String(raw[op]));
  if ('error' in expr) {
    problems.push({ path: [...at, op], message: expr.error });
    return undefined;
  }
  if (!isDateName(expr.ref, scope)) {
    problems.push({ path: [...at, op], message: `\`${expr.ref}\` is not a date: use today, a date fact${scope.allowComputed ? ', a computed date (deadline.date, window.closes, dates.<name>)' : ''}` });
    return undefined;
  }
  return { kind: 'date', op, expr };
}

function isKnown(path: string, scope: Scope): boolean {
  return scope.vocabulary.fact(path) !== undefined || (scope.allowComputed && (scope.computed.has(path) || (COMPUTED as readonly string[]).includes(path)));
}

/** Whether `name` can be used as a date in an expression. */
export function isDateName(name: string, scope: Pick<Scope, 'vocabulary' | 'computed' | 'allowComputed'>): boolean {
  if (name === 'today') return true;
  if (scope.allowComputed && (scope.computed.has(name) || (COMPUTED as readonly string[]).includes(name))) return true;
  return scope.vocabulary.fact(name)?.def.type === 'date';
}

function unknownName(path: string, scope: Scope): string {
  const names = [...scope.vocabulary.names];
  const close = names.find((n) => n.startsWith(path.split(/[._]/)[0] ?? path));
  return `\`${path}\` is not a fact of facts.yaml${close ? ` (did you mean \`${close}\`?)` : ''}; declare it there first`;
}

/** Facts a condition reads (top-level names), for `needs[]` ordering and reachability. */
export function factsOf(cond: Cond): string[] {
  switch (cond.kind) {
    case 'test':
      return [cond.path.split('.')[0]!];
    case 'not':
      return factsOf(cond.item);
    default:
      return cond.items.flatMap(factsOf);
  }
}

/**
 * Whether a condition can ever hold, judged on its value tests: within one map, a fact required to be missing and
 * also tested (`residence_card: missing` with `residence_card.type: A`), or a range no value passes. Date
 * comparisons are taken as satisfiable. Returns the path of the first contradiction, or undefined.
 */
export function contradiction(cond: Cond): string | undefined {
  if (cond.kind === 'any') return cond.items.every((c) => contradiction(c) !== undefined) ? contradiction(cond.items[0]!) : undefined;
  if (cond.kind === 'not') return undefined;
  if (cond.kind === 'test') return cond.test.kind === 'range' && (cond.test.min ?? -Infinity) > (cond.test.max ?? Infinity) ? cond.path : undefined;
  const missing = new Set<string>();
  const tested: string[] = [];
  for (const item of cond.items) {
    if (item.kind === 'test') {
      if (item.test.kind === 'missing') missing.add(item.path);
      else tested.push(item.path);
    } else {
      const inner = contradiction(item);
      if (inner) return inner;
    }
  }
  return tested.find((p) => missing.has(p) || [...missing].some((m) => p.startsWith(`${m}.`)));
}
