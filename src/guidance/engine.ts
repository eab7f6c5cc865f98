import type { CompiledRoute, CompiledSpan } from '../procedures/compile.js';
import { skillUri } from '../skill/uri.js';
import type { ProcedureAnswer, Procedure, ProcedureDeadline } from './answer.js';
import { classifyNationality, type Nationality } from './countries.js';
import { regionOfCommune } from './communes.js';
import { type IsoDate } from './dates.js';
import { computeDeadline, isWorkingDay, lastWorkingDayOnOrBefore } from './deadlines.js';
import { isGuidanceError, type GuidanceError } from './error.js';
import { evaluate, shiftDate, type EvalContext } from './evaluate.js';
import { checkFacts, validateFacts, type Facts } from './facts.js';
import { fillText } from './fill.js';
import type { Guidance } from './guidance.js';

/**
 * find_procedure's engine: facts about a person in, the procedures that apply out, with computed deadlines and
 * windows, exemptions, the facts still missing (with their questions) and notes. It knows no procedure: every
 * rule, text and citation comes from the procedure files of the corpus (`skills/<name>/procedure.yaml`). Pure and
 * deterministic (`today` is an argument).
 */
export function findProcedure(guidance: Guidance, given: Facts, today: IsoDate): ProcedureAnswer | GuidanceError {
  const invalid = validateFacts(guidance.vocabulary, given, today);
  if (invalid) return invalid;
  const derived = deriveFromCommunes(guidance, given);
  if ('code' in derived) return derived;
  const facts: Facts = derived.facts;
  const problem = checkFacts(guidance.vocabulary, facts, today);
  if (problem) return problem;
  let nationality: Nationality | undefined;
  const classes: Record<string, string> = {};
  for (const name of guidance.vocabulary.names) {
    const def = guidance.vocabulary.fact(name)!.def;
    if (def.type !== 'country' || facts[name] === undefined) continue;
    const n = classifyNationality(String(facts[name]));
    if (isGuidanceError(n)) return n;
    classes[name] = n.regime;
    if (name === 'nationality') nationality = n;
  }
  const raw = (path: string): unknown => {
    let v: unknown = facts;
    for (const key of path.split('.')) v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined;
    return v;
  };
  const value = (path: string): unknown => {
    if (path in classes) return classes[path];
    const v = raw(path);
    if (v !== undefined) return v;
    return undefined;
  };
  const isGiven = (path: string) => raw(path) !== undefined;

  // Which routes hold, which wait for facts.
  const held: { route: CompiledRoute; assumed: Set<string> }[] = [];
  const pending: { route: CompiledRoute; missing: string }[] = [];
  for (const route of guidance.routes) {
    const assumed = new Set<string>();
    const r = evaluate(route.when, { value, given: isGiven, triggers: guidance.triggers, computed: { today }, assume: new Set(route.ifUnknown.keys()), assumed });
    if (r.state === 'true') held.push({ route, assumed });
    // An `ask` route only adds notes: it never makes the answer wait for a fact.
    else if (r.state === 'unknown' && route.result !== 'ask') pending.push({ route, missing: r.missing[0]! });
  }
  const removed = beaten(held.map((h) => h.route), guidance);
  const needs = new Set<string>();
  for (const p of pending) if (!removed.has(p.route.key)) needs.add(p.missing);

  const answer: ProcedureAnswer = { ...(nationality ? { nationality } : {}), procedures: [], exemptions: [], needs: [], notes: [] };
  const notes: string[] = [];
  for (const { route, assumed } of held) {
    if (removed.has(route.key)) continue;
    for (const fact of [...assumed, ...route.asks]) needs.add(fact);
    const built = buildRoute(route, assumed, { value, given: isGiven, computed: { today } }, guidance, today, needs);
    notes.push(...built.notes);
    const citations = route.cite.map((c) => ({ ...c }));
    if (route.result === 'procedure' && built.procedure) answer.procedures.push(built.procedure);
    if (route.result === 'exempt') {
      answer.exemptions.push({ reason: built.why, skill: route.skill, citations });
      answer.exempt ??= answer.exemptions[0];
    }
    if (route.result === 'out-of-scope' && !answer.out_of_scope) answer.out_of_scope = { reason: built.why, skill: route.skill, uri: skillUri(route.skill), citations };
    if (route.result === 'ask' && built.why) notes.unshift(built.why);
  }
  answer.notes = [...new Set(notes)];
  answer.needs = guidance.vocabulary.names.filter((n) => needs.has(n)).map((fact) => {
    const ask = guidance.vocabulary.fact(fact)!.def as { ask: { en: string; nl: string; fr: string; de: string } };
    return { fact, question: ask.ask.en, questions: { ...ask.ask } };
  });
  return answer;
}

/**
 * Fills the fact a commune determines (its region) from a commune given by name or NIS code. A commune that
 * disagrees with the region also given is a contradiction naming both.
 */
function deriveFromCommunes(guidance: Guidance, facts: Facts): { facts: Facts } | GuidanceError {
  let out: Record<string, unknown> | undefined;
  for (const name of guidance.vocabulary.names) {
    const def = guidance.vocabulary.fact(name)!.def;
    if (def.type !== 'commune' || facts[name] === undefined) continue;
    const commune = regionOfCommune(String(facts[name]));
    if (isGuidanceError(commune)) return { code: 'invalid-input', message: `${name}: ${commune.message}` };
    const stated = facts[def.sets];
    if (stated !== undefined && stated !== commune.region) {
      return { code: 'contradictory-facts', message: `${name} "${String(facts[name])}" lies in ${commune.region}, but ${def.sets} is ${String(stated)}; give one of the two, or correct it` };
    }
    out ??= { ...facts };
    out[def.sets] = commune.region;
  }
  return { facts: out ?? facts };
}

/** Keys of routes removed by precedence: those a holding, not itself removed, route wins over. */
function beaten(held: readonly CompiledRoute[], guidance: Guidance): Set<string> {
  let removed = new Set<string>();
  for (let round = 0; round < 8; round++) {
    const next = new Set<string>();
    for (const r of held) if (!removed.has(r.key)) for (const target of guidance.winsOver(r)) next.add(target);
    if (next.size === removed.size && [...next].every((k) => removed.has(k))) break;
    removed = next;
  }
  return removed;
}

interface Built {
  procedure?: Procedure;
  why: string;
  notes: string[];
}

function buildRoute(route: CompiledRoute, assumed: ReadonlySet<string>, base: EvalContext, guidance: Guidance, today: IsoDate, needs: Set<string>): Built {
  const computed: Record<string, IsoDate | undefined> = { today };
  const dateOf = (span: CompiledSpan): IsoDate | undefined => {
    const anchor = base.value(span.anchor);
    if (typeof anchor !== 'string') {
      needs.add(span.anchor.split('.')[0]!);
      return undefined;
    }
    return shiftDate(anchor, span.direction === 'after' ? span.amount : -span.amount, span.unit);
  };
  for (const [name, expr] of Object.entries(route.dates)) {
    const anchor = expr.ref === 'today' ? today : base.value(expr.ref);
    computed[`dates.${name}`] = typeof anchor === 'string' ? (expr.shift ? shiftDate(anchor, expr.shift.amount, expr.shift.unit) : anchor) : undefined;
  }
  const extraNotes: string[] = [];
  let deadline: ProcedureDeadline | undefined;
  if (route.deadline) {
    const date = dateOf(route.deadline);
    if (date !== undefined) {
      deadline = computeRuleDeadline(route.deadline, base, date, extraNotes);
      computed['deadline.date'] = deadline.date;
      computed['deadline.safe_date'] = deadline.safe_date;
    }
  }
  let window: Procedure['window'];
  if (route.window) {
    const opens = dateOf(route.window.opens);
    const closes = dateOf(route.window.closes);
    if (opens !== undefined && closes !== undefined) {
      window = { opens, closes, citations: route.window.cite.map((c) => ({ ...c })) };
      computed['window.opens'] = opens;
      computed['window.closes'] = closes;
    }
  }
  const ctx: EvalContext = { value: base.value, ...(base.given ? { given: base.given } : {}), computed };
  const fill = (t: string) => fillText(t, (name) => lookup(name, ctx, route, guidance));
  let why = route.why !== undefined ? fill(route.why) : '';
  const notes: string[] = [];
  for (const fact of assumed) {
    const u = route.ifUnknown.get(fact);
    if (u?.why) why += ` ${fill(u.why)}`;
    if (u?.note) notes.push(fill(u.note));
  }
  for (const n of route.notes) if (!n.when || evaluate(n.when, ctx).state === 'true') notes.push(fill(n.text));
  for (const p of route.periods) notes.push(fill(p.text));
  notes.push(...extraNotes);
  const title = route.title !== undefined ? fill(route.title) : '';
  if (deadline && today > deadline.date) notes.push(`The deadline for ${title.toLowerCase()} passed on ${deadline.date}: go to the commune as soon as possible.`);
  if (route.result !== 'procedure') return { why, notes };
  const dates = Object.fromEntries(Object.entries(computed).filter(([k, v]) => k.startsWith('dates.') && v !== undefined).map(([k, v]) => [k.slice(6), v!]));
  const procedure: Procedure = {
    skill: route.skill,
    uri: skillUri(route.skill),
    title,
    document: fill(route.document ?? ''),
    why,
    ...(deadline ? { deadline } : {}),
    ...(window ? { window } : {}),
    ...(Object.keys(dates).length ? { dates } : {}),
    citations: route.cite.map((c) => ({ ...c })),
  };
  return { procedure, why, notes };
}

/** The legal date of a rule, and the safe date: the earliest of the safe reading and the calendar's own caution. */
function computeRuleDeadline(rule: NonNullable<CompiledRoute['deadline']>, base: EvalContext, date: IsoDate, notes: string[]): ProcedureDeadline {
  const citations = rule.cite.map((c) => ({ ...c }));
  let safe: IsoDate | undefined;
  const anchor = base.value(rule.anchor) as IsoDate;
  if (rule.direction === 'after' && rule.unit !== 'years') {
    const d = computeDeadline({ from: anchor, amount: rule.amount, unit: rule.unit });
    if (!isGuidanceError(d) && d.safe_due !== undefined) {
      safe = d.safe_due;
      citations.push(...d.citations.filter((c) => !citations.some((x) => x.id === c.id)));
      if (rule.unit === 'working-days') {
        notes.push(`Whether Saturday counts as a working day is not settled: not counting Saturdays gives ${date}, counting them gives ${d.safe_due}. Go by ${d.safe_due} to be safe [ar-1974-04-18-jours-feries].`);
      } else notes.push(`The last day, ${date}, is not a working day; the safe date is ${d.safe_due}.`);
    }
  } else if (!isWorkingDay(date)) {
    safe = lastWorkingDayOnOrBefore(date);
    notes.push(`The last day, ${date}, is not a working day; the safe date is ${safe}.`);
  }
  for (const reading of rule.readings.filter((r) => r.safe)) {
    const alt =
      reading.unit === 'working-days' && rule.direction === 'after'
        ? (() => {
            const d = computeDeadline({ from: anchor, amount: reading.amount, unit: 'working-days', saturday_is_working_day: reading.saturdayIsWorkingDay });
            return isGuidanceError(d) ? undefined : d.due;
          })()
        : shiftDate(anchor, rule.direction === 'after' ? reading.amount : -reading.amount, reading.unit);
    if (alt !== undefined && alt < date && (safe === undefined || alt < safe)) safe = alt;
    for (const c of reading.cite) if (!citations.some((x) => x.id === c.id)) citations.push({ ...c });
  }
  return { date, rule: rule.rule, ...(safe !== undefined && safe < date ? { safe_date: safe } : {}), citations };
}

function lookup(name: string, ctx: EvalContext, route: CompiledRoute, guidance: Guidance): string | undefined {
  if (name in ctx.computed) return ctx.computed[name];
  if (name.startsWith('lookups.')) {
    const l = guidance.lookups(route.skill)[name.slice(8)];
    if (!l) return undefined;
    const v = ctx.value(l.of);
    return v === undefined ? undefined : (l.map[String(v)] ?? String(v));
  }
  const v = ctx.value(name);
  return v === undefined ? undefined : String(v);
}

