import type { Cond, Test } from '../procedures/conditions.js';
import type { DateExpr } from '../procedures/date-expr.js';
import type { Unit } from '../procedures/schema.js';
import { addDays, addMonths, type IsoDate } from './dates.js';
import { addWorkingDays, isWorkingDay } from './deadlines.js';

/** Three-valued result of a condition: `unknown` lists the facts whose absence left it open, in reading order. */
export type Truth = { state: 'true' | 'false' } | { state: 'unknown'; missing: string[] };

/** What conditions and texts read: the person's facts, derived values and the dates computed so far. */
export interface EvalContext {
  /** A fact or field value by path, already classified for country facts (`nationality` → `eu`). */
  value(path: string): unknown;
  /** Whether the person gave a fact (a fact with a default has a value without being given). */
  given?: (path: string) => boolean;
  /** Computed dates (`today`, `deadline.date`, `dates.strike_off`). */
  computed: Readonly<Record<string, IsoDate | undefined>>;
  /**
   * Facts the person brings up when they apply. One that is not given does not make a route wait: a yes/no fact
   * counts as no, any other test on it fails.
   */
  triggers?: ReadonlyMap<string, boolean | undefined>;
  /** Facts a route may do without: a test on one of them that is missing counts as holding. */
  assume?: ReadonlySet<string>;
  /** Collects the assumed facts that were missing. */
  assumed?: Set<string>;
}

const TRUE: Truth = { state: 'true' };
const FALSE: Truth = { state: 'false' };

/** Shifts a date by a period; working days count forwards or backwards over Belgian working days. */
export function shiftDate(date: IsoDate, amount: number, unit: Unit): IsoDate {
  switch (unit) {
    case 'calendar-days':
      return addDays(date, amount);
    case 'months':
      return addMonths(date, amount);
    case 'years':
      return addMonths(date, amount * 12);
    case 'working-days': {
      if (amount >= 0) return addWorkingDays(date, amount).due;
      let day = date;
      for (let left = -amount; left > 0; ) {
        day = addDays(day, -1);
        if (isWorkingDay(day)) left -= 1;
      }
      return day;
    }
  }
}

/** The value of a date reference, or the missing top-level fact it needs. */
export function resolveDate(ref: string, ctx: EvalContext): { date: IsoDate } | { missing: string } | { none: true } {
  if (ref in ctx.computed) {
    const d = ctx.computed[ref];
    return d === undefined ? { none: true } : { date: d };
  }
  const v = ctx.value(ref);
  if (typeof v === 'string') return { date: v };
  return { missing: ref.split('.')[0]! };
}

function dateOf(expr: DateExpr, ctx: EvalContext): { date: IsoDate } | { missing: string } | { none: true } {
  const base = resolveDate(expr.ref, ctx);
  if (!('date' in base) || !expr.shift) return base;
  return { date: shiftDate(base.date, expr.shift.amount, expr.shift.unit) };
}

function test(path: string, t: Test, ctx: EvalContext): Truth {
  const isComputed = path in ctx.computed;
  const value = isComputed ? ctx.computed[path] : ctx.value(path);
  const given = isComputed || !ctx.given ? value !== undefined : ctx.given(path);
  if (t.kind === 'present') return given ? TRUE : FALSE;
  if (t.kind === 'missing') return given ? FALSE : TRUE;
  const root = path.split('.')[0]!;
  if (value === undefined) {
    if (isComputed) return FALSE;
    if (ctx.triggers?.has(root)) {
      const assumed = ctx.triggers.get(root);
      return assumed === undefined || path !== root ? FALSE : test(path, t, { ...ctx, value: () => assumed, given: () => false, triggers: undefined });
    }
    if (ctx.assume?.has(root)) {
      ctx.assumed?.add(root);
      return TRUE;
    }
    return { state: 'unknown', missing: [root] };
  }
  switch (t.kind) {
    case 'equals':
      return t.values.includes(value as string | number | boolean) ? TRUE : FALSE;
    case 'range': {
      const n = value as number;
      return (t.min === undefined || n >= t.min) && (t.max === undefined || n <= t.max) ? TRUE : FALSE;
    }
    case 'date': {
      const other = dateOf(t.expr, ctx);
      if ('none' in other) return FALSE;
      if ('missing' in other) return { state: 'unknown', missing: [other.missing] };
      const v = value as IsoDate;
      const holds = t.op === 'before' ? v < other.date : t.op === 'after' ? v > other.date : t.op === 'not-before' ? v >= other.date : v <= other.date;
      return holds ? TRUE : FALSE;
    }
  }
}

/** Evaluates a condition in three-valued logic: false wins over unknown in `all`, true wins over unknown in `any`. */
export function evaluate(cond: Cond, ctx: EvalContext): Truth {
  switch (cond.kind) {
    case 'test':
      return test(cond.path, cond.test, ctx);
    case 'not': {
      const r = evaluate(cond.item, ctx);
      return r.state === 'unknown' ? r : r.state === 'true' ? FALSE : TRUE;
    }
    case 'all': {
      const missing: string[] = [];
      for (const item of cond.items) {
        const r = evaluate(item, ctx);
        if (r.state === 'false') return FALSE;
        if (r.state === 'unknown') missing.push(...r.missing);
      }
      return missing.length ? { state: 'unknown', missing } : TRUE;
    }
    case 'any': {
      const missing: string[] = [];
      for (const item of cond.items) {
        const r = evaluate(item, ctx);
        if (r.state === 'true') return TRUE;
        if (r.state === 'unknown') missing.push(...r.missing);
      }
      return missing.length ? { state: 'unknown', missing } : FALSE;
    }
  }
}
