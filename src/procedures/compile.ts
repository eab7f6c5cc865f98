import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { lineLocator } from '../diagnostics/diagnostic.js';
import { findCitationTags } from '../skill/citations.js';
import { parseYaml } from '../skill/frontmatter.js';
import { ownStrings } from '../skill/own-strings.js';
import { compileCondition, contradiction, COMPUTED, type Cond, type ConditionProblem } from './conditions.js';
import { parseDateExpr, type DateExpr } from './date-expr.js';
import { ProcedureFileSchema, type DeadlineRule, type Route, type Span, type Unit } from './schema.js';
import type { FactVocabulary } from './vocabulary.js';
import { zodIssueDiagnostics } from './zod-diagnostics.js';

/** File name of a skill's procedure file. */
export const PROCEDURE_FILE = 'procedure.yaml';

/** A citation of a rule: registry id and optional locator. */
export interface RuleCitation {
  id: string;
  locator?: string;
}

/** A period counted from (or back to) a date fact or an event. */
export interface CompiledSpan {
  amount: number;
  unit: Unit;
  direction: 'after' | 'before';
  /** A date fact path or an event name. */
  anchor: string;
}

export interface CompiledReading {
  amount: number;
  unit: Unit;
  saturdayIsWorkingDay: boolean;
  safe: boolean;
  cite: RuleCitation[];
}

export interface CompiledRoute {
  /** `<skill>#<id>`. */
  key: string;
  id: string;
  skill: string;
  result: Route['result'];
  title?: string;
  document?: string;
  /** Absent only for `ask` routes, which add notes and questions. */
  why?: string;
  when: Cond;
  ifUnknown: ReadonlyMap<string, { why?: string; note?: string }>;
  asks: readonly string[];
  winsOver: readonly string[];
  deadline?: CompiledSpan & { rule: string; cite: RuleCitation[]; readings: CompiledReading[] };
  window?: { opens: CompiledSpan; closes: CompiledSpan; cite: RuleCitation[] };
  periods: readonly (CompiledSpan & { text: string; cite: RuleCitation[] })[];
  dates: Readonly<Record<string, DateExpr>>;
  cite: RuleCitation[];
  notes: readonly { text: string; when?: Cond }[];
  /** 1-based line of the route in its file. */
  line: number;
}

/** A timed rule as the prose must state it: amount, unit and event, with where it is declared. */
export interface RuleStatement {
  amount: number;
  unit: Unit;
  direction: 'after' | 'before';
  anchor: string;
  route: string;
  line: number;
}

/** A validated procedure file, ready for the engine. */
export interface CompiledProcedure {
  skill: string;
  /** Repository-relative path of the file. */
  path: string;
  routes: readonly CompiledRoute[];
  lookups: Readonly<Record<string, { of: string; map: Readonly<Record<string, string>> }>>;
  /** Every timed rule of the file (deadlines, window bounds, periods, readings), for agreement with the prose. */
  rules: readonly RuleStatement[];
}

/**
 * What compiling a procedure file needs from its YAML parse when the file is well formed: the parsed value and
 * where each route starts. Plain JSON, so the corpus's parse cache can keep it by the file's digest.
 */
export interface StoredProcedureParse {
  value: unknown;
  routeOffsets: number[];
}

/** A place to keep the parse of one procedure file (its bytes as they are now) between starts. */
export interface ProcedureParseStore {
  get(): unknown;
  set(parse: StoredProcedureParse): void;
}

export interface CompileContext {
  skill: string;
  vocabulary: FactVocabulary;
  /** Whether a reference id exists in the registry. */
  hasReference: (id: string) => boolean;
  /**
   * The stored parse of this file, if any. With one, the YAML is parsed only to locate a problem; the schema and
   * every check still run on the stored value.
   */
  stored?: ProcedureParseStore;
}

/** Whether a parsed value comes back the same from JSON (finite numbers, plain records, no prototype keys). */
function survivesJson(value: unknown): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(survivesJson);
  if (typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype || Object.hasOwn(value, '__proto__')) return false;
  return Object.values(value).every(survivesJson);
}

const isStoredParse = (v: unknown): v is StoredProcedureParse =>
  typeof v === 'object' && v !== null && 'value' in v && Array.isArray((v as StoredProcedureParse).routeOffsets) && (v as StoredProcedureParse).routeOffsets.every((o) => Number.isInteger(o));

const PLACEHOLDER = /\{([a-z_][a-z0-9_.]*)\}/g;

/**
 * Parses and checks one procedure file: schema, facts and values against the vocabulary, citations against the
 * registry, date expressions, placeholders, and routes that can never apply. Pure: the caller reads the file.
 * Returns the compiled file only when it has no errors.
 */
export function compileProcedure(path: string, text: string, ctx: CompileContext): { procedure?: CompiledProcedure; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const locate = lineLocator(text);
  // Parsing the YAML is most of the cost of a well-formed file; a stored parse (only ever written for a file that
  // parsed without errors and matched the schema) skips it, and the parse runs again only to locate a problem.
  const hit = ctx.stored?.get();
  const stored = isStoredParse(hit) ? hit : undefined;
  let full: ReturnType<typeof parseYaml> | undefined;
  const yaml = () => (full ??= parseYaml(text));
  const report = (offset: number, ruleId: string, message: string) => {
    const p = locate(offset);
    diagnostics.push({ file: path, line: p.line, column: p.column, severity: 'error', ruleId, message });
  };
  if (!stored) {
    for (const e of yaml().errors) report(e.offset, 'procedure-yaml', `Not valid YAML: ${e.message}`);
    if (yaml().errors.length) return { diagnostics };
  }
  // Own copies of the parsed strings: the compiled file is kept for as long as the corpus, its YAML text is not.
  const value = stored ? stored.value : ownStrings(yaml().value);
  const parsed = ProcedureFileSchema.safeParse(value);
  if (!parsed.success) {
    diagnostics.push(...zodIssueDiagnostics(parsed.error.issues, yaml(), text, path, 'procedure-schema'));
    return { diagnostics };
  }
  const file = parsed.data;
  const at = (p: (string | number)[]) => yaml().offsetOf(p);
  const routeOffsets = stored?.routeOffsets.length === file.routes.length ? stored.routeOffsets : file.routes.map((_, i) => at(['routes', i]));
  if (!stored && survivesJson(value)) ctx.stored?.set({ value, routeOffsets });
  const checker = new Checker(ctx, (p, rule, message) => report(at(p), rule, message));

  const ids = new Set<string>();
  const routes: CompiledRoute[] = [];
  const rules: RuleStatement[] = [];
  const lookups = file.lookups ?? {};
  for (const [name, l] of Object.entries(lookups)) {
    if (!ctx.vocabulary.fact(l.of)) report(at(['lookups', name, 'of']), 'procedure-fact', `lookups.${name}.of names \`${l.of}\`, which is not a fact of facts.yaml`);
  }
  file.routes.forEach((route, i) => {
    const base: (string | number)[] = ['routes', i];
    if (ids.has(route.id)) report(at([...base, 'id']), 'procedure-schema', `Route id \`${route.id}\` is used twice in this file; ids are unique`);
    ids.add(route.id);
    const compiled = checker.route(route, base, Object.keys(lookups));
    const line = locate(routeOffsets[i]!).line;
    routes.push({ ...compiled, line });
    for (const s of spansOf(compiled)) rules.push({ amount: s.amount, unit: s.unit, direction: s.direction, anchor: s.anchor, route: route.id, line });
  });
  if (diagnostics.length) return { diagnostics };
  return { procedure: { skill: ctx.skill, path, routes, lookups, rules }, diagnostics };
}

/** Every span a route declares, readings included, for the agreement check. */
function spansOf(r: Omit<CompiledRoute, 'line'>): CompiledSpan[] {
  const out: CompiledSpan[] = [];
  if (r.deadline) {
    out.push(r.deadline);
    for (const reading of r.deadline.readings) out.push({ ...r.deadline, amount: reading.amount, unit: reading.unit });
  }
  if (r.window) out.push(r.window.opens, r.window.closes);
  out.push(...r.periods);
  return out;
}

type Report = (path: (string | number)[], ruleId: string, message: string) => void;

class Checker {
  constructor(
    private readonly ctx: CompileContext,
    private readonly report: Report,
  ) {}

  route(route: Route, base: (string | number)[], lookupNames: string[]): Omit<CompiledRoute, 'line'> {
    const { vocabulary } = this.ctx;
    const dateNames = Object.keys(route.dates ?? {}).map((n) => `dates.${n}`);
    const scope = { vocabulary, computed: new Set(dateNames), allowComputed: false };
    const problems: ConditionProblem[] = [];
    const when = compileCondition(route.when, scope, [...base, 'when'], problems);
    const notes = (route.notes ?? []).map((n, j) => ({
      text: n.text,
      ...(n.when ? { when: compileCondition(n.when, { ...scope, allowComputed: true }, [...base, 'notes', j, 'when'], problems) } : {}),
    }));
    for (const p of problems) this.report(p.path, 'procedure-condition', p.message);
    const clash = problems.length === 0 ? contradiction(when) : undefined;
    if (clash) this.report([...base, 'when'], 'procedure-unreachable', `Route \`${route.id}\` can never apply: its conditions on \`${clash}\` exclude each other; fix the values`);

    if (route.result === 'procedure' && (route.title === undefined || route.document === undefined)) {
      this.report([...base, route.title === undefined ? 'id' : 'document'], 'procedure-schema', `Route \`${route.id}\` gives a procedure: it needs a title and the document it produces`);
    }
    if (route.result !== 'ask' && route.why === undefined) this.report([...base, 'id'], 'procedure-schema', `Route \`${route.id}\` needs a \`why\`: the sentence that tells the person why this applies`);
    if (route.result !== 'procedure' && (route.deadline || route.window)) {
      this.report([...base, route.deadline ? 'deadline' : 'window'], 'procedure-schema', `Route \`${route.id}\` is \`${route.result}\`: only a procedure has a deadline or window`);
    }
    const placeholders = new Set([...COMPUTED, ...dateNames, ...lookupNames.map((n) => `lookups.${n}`)]);
    const texts: [string | undefined, (string | number)[]][] = [
      [route.title, [...base, 'title']],
      [route.document, [...base, 'document']],
      [route.why, [...base, 'why']],
      ...notes.map((n, j) => [n.text, [...base, 'notes', j, 'text']] as [string, (string | number)[]]),
      ...Object.entries(route['if-unknown'] ?? {}).map(([k, v]) => [typeof v === 'string' ? v : 'why' in v ? v.why : v.note, [...base, 'if-unknown', k]] as [string, (string | number)[]]),
      ...(route.periods ?? []).map((p, j) => [p.text, [...base, 'periods', j, 'text']] as [string, (string | number)[]]),
      [route.deadline?.rule, [...base, 'deadline', 'rule']],
    ];
    for (const [t, p] of texts) if (t !== undefined) this.text(t, p, placeholders);

    const ifUnknown = new Map<string, { why?: string; note?: string }>();
    for (const [fact, v] of Object.entries(route['if-unknown'] ?? {})) {
      if (!vocabulary.fact(fact)) this.report([...base, 'if-unknown', fact], 'procedure-fact', `if-unknown names \`${fact}\`, which is not a fact of facts.yaml`);
      ifUnknown.set(fact, typeof v === 'string' ? { note: v } : v);
    }
    (route.asks ?? []).forEach((fact, j) => {
      if (!vocabulary.fact(fact)) this.report([...base, 'asks', j], 'procedure-fact', `asks names \`${fact}\`, which is not a fact of facts.yaml`);
    });
    const dates: Record<string, DateExpr> = {};
    for (const [name, expr] of Object.entries(route.dates ?? {})) {
      const d = parseDateExpr(expr);
      if ('error' in d) this.report([...base, 'dates', name], 'procedure-date', d.error);
      else if (vocabulary.fact(d.ref)?.def.type !== 'date' && d.ref !== 'today') this.report([...base, 'dates', name], 'procedure-date', `\`${d.ref}\` is not a date fact of facts.yaml or today`);
      else dates[name] = d;
    }
    return {
      key: `${this.ctx.skill}#${route.id}`,
      id: route.id,
      skill: this.ctx.skill,
      result: route.result,
      ...(route.title !== undefined ? { title: route.title } : {}),
      ...(route.document !== undefined ? { document: route.document } : {}),
      ...(route.why !== undefined ? { why: route.why } : {}),
      when,
      ifUnknown,
      asks: route.asks ?? [],
      winsOver: route['wins-over'] ?? [],
      ...(route.deadline ? { deadline: this.deadline(route.deadline, [...base, 'deadline']) } : {}),
      ...(route.window
        ? { window: { opens: this.span(route.window.opens, [...base, 'window', 'opens'], true), closes: this.span(route.window.closes, [...base, 'window', 'closes'], true), cite: this.cite(route.window.cite, [...base, 'window', 'cite']) } }
        : {}),
      periods: (route.periods ?? []).map((p, j) => ({ ...this.span(p, [...base, 'periods', j], false), text: p.text, cite: this.cite(p.cite, [...base, 'periods', j, 'cite']) })),
      dates,
      cite: this.cite(route.cite, [...base, 'cite']),
      notes,
    };
  }

  private deadline(d: DeadlineRule, at: (string | number)[]): NonNullable<CompiledRoute['deadline']> {
    const span = this.span(d, at, true);
    const readings = (d.readings ?? []).map((r, j) => ({
      amount: r.amount ?? d.amount,
      unit: r.unit ?? d.unit,
      saturdayIsWorkingDay: r.saturday_is_working_day ?? false,
      safe: r.safe ?? false,
      cite: this.cite(r.cite, [...at, 'readings', j, 'cite']),
    }));
    if (readings.filter((r) => r.safe).length > 1) this.report([...at, 'readings'], 'procedure-schema', 'Only one reading can give the safe date; mark one with safe: true');
    return { ...span, rule: d.rule, cite: this.cite(d.cite, [...at, 'cite']), readings };
  }

  /** A span; `dated` spans are computed, so their anchor must be a date fact, not an event. */
  private span(s: Span, at: (string | number)[], dated: boolean): CompiledSpan {
    const direction = s.after !== undefined ? 'after' : 'before';
    const anchor = (s.after ?? s.before)!;
    const fact = this.ctx.vocabulary.fact(anchor);
    const event = this.ctx.vocabulary.event(anchor);
    if (fact?.def.type !== 'date' && (dated || !event)) {
      const what = event ? `\`${anchor}\` is an event with no date the person gives; a deadline or window counts from a date fact (use periods for rules counted from events)` : `\`${anchor}\` is neither a date fact nor an event of facts.yaml`;
      this.report([...at, direction], 'procedure-fact', what);
    }
    if (s.unit === 'working-days' && direction === 'before') this.report([...at, 'unit'], 'procedure-schema', 'working days are counted forwards only; count back in calendar-days or months');
    return { amount: s.amount, unit: s.unit, direction, anchor };
  }

  private cite(tags: readonly string[], at: (string | number)[]): RuleCitation[] {
    return tags.map((tag, j) => {
      const comma = tag.indexOf(',');
      const id = (comma < 0 ? tag : tag.slice(0, comma)).trim();
      const locator = comma < 0 ? undefined : tag.slice(comma + 1).trim();
      if (!this.ctx.hasReference(id)) this.report([...at, j], 'procedure-citation', `Citation \`${tag}\` does not resolve: there is no references/${id}.yaml`);
      return locator ? { id, locator } : { id };
    });
  }

  private text(t: string, at: (string | number)[], placeholders: ReadonlySet<string>): void {
    for (const tag of findCitationTags(t).tags) {
      if (!this.ctx.hasReference(tag.id)) this.report(at, 'procedure-citation', `Citation \`[${tag.id}${tag.locator ? `, ${tag.locator}` : ''}]\` in this text does not resolve: there is no references/${tag.id}.yaml`);
    }
    for (const m of t.matchAll(PLACEHOLDER)) {
      const name = m[1]!;
      if (!placeholders.has(name) && !this.ctx.vocabulary.fact(name)) this.report(at, 'procedure-placeholder', `\`{${name}}\` names nothing: use a fact (e.g. {residence_card.type}), {deadline.date}, {window.opens}, {window.closes}, {dates.<name>} or {lookups.<name>}`);
    }
  }
}

/** Tags a route cites anywhere (cite lists, rules, readings, and inline tags in its texts), for reference-cited. */
export function citedIds(p: CompiledProcedure): string[] {
  const ids: string[] = [];
  for (const r of p.routes) {
    for (const c of [...r.cite, ...(r.deadline?.cite ?? []), ...(r.deadline?.readings.flatMap((x) => x.cite) ?? []), ...(r.window?.cite ?? []), ...r.periods.flatMap((x) => x.cite)]) ids.push(c.id);
    for (const t of [r.why ?? '', ...r.notes.map((n) => n.text), ...r.periods.map((x) => x.text), ...[...r.ifUnknown.values()].map((v) => v.why ?? v.note ?? '')]) {
      for (const tag of findCitationTags(t).tags) ids.push(tag.id);
    }
  }
  return ids;
}
