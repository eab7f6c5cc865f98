import { isIsoDate } from '../../guidance/dates.js';

/**
 * The plan view's reading of a tool result: `find_procedure` (procedures with dates, plus the `skills` and
 * `references` the server adds for the view) or `get_skill` (one procedure without dates). Pure and DOM-free, so
 * the view, the `/plan.ics` route and tests share it. Tolerant by design: fields the view does not know are
 * ignored, optional fields may be missing (an older server), `needs[]` entries may be bare fact names or
 * `{fact, question, questions}` objects, and `procedures[].skill` may name any skill. A result that lacks what
 * the view cannot do without gives `undefined`, and the view shows the text content instead.
 */

/** A citation tag as tools write it. */
export interface Cite {
  id: string;
  locator?: string;
}

/** A reference resolved to what a person can open. */
export interface ReferenceInfo {
  title: string;
  /** Always an http(s) URL; anything else is dropped when reading. */
  url: string;
}

/** A `**Contested:**` point of a skill: two readings, both cited, and what to do. */
export interface ContestedPoint {
  text: string;
  /** The skill section it stands in (`who-and-when`, `stages` …), when known. */
  section?: string;
  citations: Cite[];
}

/** What a date means for the person. */
export type DateKind = 'deadline' | 'safe' | 'opens' | 'closes' | 'named';

/** One date of a procedure, with where it comes from and the contested points that bear on it. */
export interface PlanDate {
  kind: DateKind;
  /** `YYYY-MM-DD`, always a real date. */
  date: string;
  /** Name of a `named` date, as the server wrote it. */
  name?: string;
  rule?: string;
  citations: Cite[];
  contested: ContestedPoint[];
}

export interface Stage {
  index: number;
  title: string;
}

export interface DocumentItem {
  text: string;
  citations: Cite[];
}

/** One procedure to carry out. */
export interface PlanProcedure {
  /** Stable within one result: skill name and position. */
  key: string;
  skill: string;
  title: string;
  document?: string;
  why?: string;
  uri?: string;
  dates: PlanDate[];
  documents: DocumentItem[];
  stages: Stage[];
  /** Every contested point of the skill (those tied to a date are also on that date). */
  contested: ContestedPoint[];
  citations: Cite[];
}

/** A fact the server still needs, with the question to ask where it sent one. */
export interface Need {
  fact: string;
  question?: string;
  /** Questions by language code (`en`, `nl`, `fr`, `de`). */
  questions: Record<string, string>;
}

export interface Plan {
  source: 'find_procedure' | 'get_skill';
  today?: string;
  procedures: PlanProcedure[];
  exempt?: { reason: string; citations: Cite[] };
  outOfScope?: { reason: string; uri?: string; citations: Cite[] };
  needs: Need[];
  notes: string[];
  references: Record<string, ReferenceInfo>;
}

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const date = (v: unknown): string | undefined => (typeof v === 'string' && isIsoDate(v) ? v : undefined);

function readCites(v: unknown): Cite[] {
  const out: Cite[] = [];
  for (const c of arr(v)) {
    if (!isObj(c)) continue;
    const id = str(c.id);
    if (!id) continue;
    const locator = str(c.locator);
    out.push(locator ? { id, locator } : { id });
  }
  return out;
}

function readUrl(v: unknown): string | undefined {
  const s = str(v);
  return s && /^https?:\/\/[^\s]+$/i.test(s) ? s : undefined;
}

function readReferences(structured: Obj): Record<string, ReferenceInfo> {
  const out: Record<string, ReferenceInfo> = {};
  const add = (id: unknown, entry: unknown) => {
    const key = str(id);
    if (!key || !isObj(entry)) return;
    const url = readUrl(entry.url);
    if (url) out[key] = { title: str(entry.title) ?? key, url };
  };
  if (isObj(structured.references)) for (const [id, entry] of Object.entries(structured.references)) add(id, entry);
  // get_skill sends its sources as resolved citations.
  for (const c of arr(structured.citations)) if (isObj(c)) add(c.id, c);
  return out;
}

function readContested(v: unknown): ContestedPoint[] {
  const out: ContestedPoint[] = [];
  for (const c of arr(v)) {
    if (typeof c === 'string' && c.trim()) out.push({ text: c, citations: [] });
    else if (isObj(c) && str(c.text)) {
      const section = str(c.section);
      out.push({ text: str(c.text)!, ...(section ? { section } : {}), citations: readCites(c.citations) });
    }
  }
  return out;
}

function readStages(v: unknown): Stage[] {
  const out: Stage[] = [];
  for (const s of arr(v)) {
    if (!isObj(s) || !str(s.title)) continue;
    const index = typeof s.index === 'number' && Number.isInteger(s.index) && s.index > 0 ? s.index : out.length + 1;
    out.push({ index, title: str(s.title)! });
  }
  return out.sort((a, b) => a.index - b.index);
}

function readDocuments(v: unknown): DocumentItem[] {
  const out: DocumentItem[] = [];
  for (const d of arr(v)) {
    if (typeof d === 'string' && d.trim()) out.push({ text: d, citations: [] });
    else if (isObj(d) && str(d.text)) out.push({ text: str(d.text)!, citations: readCites(d.citations) });
  }
  return out;
}

function normaliseLocator(locator: string | undefined): string {
  return (locator ?? '').replace(/[\u2010-\u2015]/g, '-').replace(/\s+/g, ' ').trim().toLowerCase();
}

/** Whether two citations point at the same source (and the same provision where both name one). */
function sameSource(a: Cite, b: Cite): boolean {
  if (a.id !== b.id) return false;
  if (!a.locator || !b.locator) return true;
  return normaliseLocator(a.locator) === normaliseLocator(b.locator);
}

/**
 * The contested points that bear on a date: those a skill states where it sets out who must act and by when
 * ("Who and when"), citing a source the date itself rests on. A point elsewhere (the fee, the name of a form)
 * does not move the date, even when it cites the same law.
 */
export function contestedForDate(citations: readonly Cite[], points: readonly ContestedPoint[]): ContestedPoint[] {
  return points.filter((p) => p.section === 'who-and-when' && p.citations.some((c) => citations.some((d) => sameSource(c, d))));
}

function readNamedDates(v: unknown): Array<{ name: string; date: string; rule?: string; citations: Cite[] }> {
  const out: Array<{ name: string; date: string; rule?: string; citations: Cite[] }> = [];
  const push = (name: string | undefined, value: unknown) => {
    if (!name) return;
    const d = date(value);
    if (d) {
      out.push({ name, date: d, citations: [] });
      return;
    }
    if (!isObj(value)) return;
    const nested = date(value.date);
    if (!nested) return;
    const rule = str(value.rule);
    out.push({ name, date: nested, ...(rule ? { rule } : {}), citations: readCites(value.citations) });
  };
  if (Array.isArray(v)) {
    for (const entry of v) if (isObj(entry)) push(str(entry.name) ?? str(entry.label) ?? str(entry.title), entry);
  } else if (isObj(v)) {
    for (const [name, value] of Object.entries(v)) push(name, value);
  }
  return out;
}

function readDates(p: Obj, contested: ContestedPoint[]): PlanDate[] {
  const dates: PlanDate[] = [];
  const tie = (citations: Cite[], explicit: unknown) => [...readContested(explicit), ...contestedForDate(citations, contested)];
  if (isObj(p.deadline) && date(p.deadline.date)) {
    const citations = readCites(p.deadline.citations);
    const points = tie(citations, p.deadline.contested);
    const rule = str(p.deadline.rule);
    dates.push({ kind: 'deadline', date: date(p.deadline.date)!, ...(rule ? { rule } : {}), citations, contested: points });
    const safe = date(p.deadline.safe_date);
    if (safe && safe !== p.deadline.date) dates.push({ kind: 'safe', date: safe, citations, contested: points });
  }
  if (isObj(p.window)) {
    const citations = readCites(p.window.citations);
    const points = tie(citations, p.window.contested);
    const opens = date(p.window.opens);
    const closes = date(p.window.closes);
    if (opens) dates.push({ kind: 'opens', date: opens, citations, contested: points });
    if (closes) dates.push({ kind: 'closes', date: closes, citations, contested: points });
  }
  for (const named of readNamedDates(p.dates)) {
    dates.push({ kind: 'named', ...named, contested: tie(named.citations, undefined) });
  }
  return dates;
}

function readNeeds(v: unknown): Need[] {
  const out: Need[] = [];
  for (const n of arr(v)) {
    if (typeof n === 'string' && n.trim()) out.push({ fact: n, questions: {} });
    else if (isObj(n) && str(n.fact)) {
      const questions: Record<string, string> = {};
      if (isObj(n.questions)) for (const [lang, q] of Object.entries(n.questions)) if (str(q)) questions[lang] = str(q)!;
      const question = str(n.question);
      out.push({ fact: str(n.fact)!, ...(question ? { question } : {}), questions });
    }
  }
  return out;
}

function readNotes(v: unknown): string[] {
  const out: string[] = [];
  for (const n of arr(v)) {
    if (typeof n === 'string' && n.trim()) out.push(n);
    else if (isObj(n) && str(n.text)) out.push(str(n.text)!);
  }
  return out;
}

function readFindProcedure(s: Obj): Plan | undefined {
  const details = isObj(s.skills) ? s.skills : {};
  const procedures: PlanProcedure[] = [];
  for (const [i, entry] of arr(s.procedures).entries()) {
    if (!isObj(entry)) return undefined;
    const skill = str(entry.skill);
    const title = str(entry.title);
    if (!skill || !title) return undefined;
    const detail = isObj(details[skill]) ? details[skill] : {};
    const contested = readContested(detail.contested);
    const document = str(entry.document);
    const why = str(entry.why);
    const uri = str(entry.uri);
    procedures.push({
      key: `${skill}#${i}`,
      skill,
      title,
      ...(document ? { document } : {}),
      ...(why ? { why } : {}),
      ...(uri ? { uri } : {}),
      dates: readDates(entry, contested),
      documents: readDocuments(detail.documents),
      stages: readStages(detail.stages),
      contested,
      citations: readCites(entry.citations),
    });
  }
  const plan: Plan = {
    source: 'find_procedure',
    procedures,
    needs: readNeeds(s.needs),
    notes: readNotes(s.notes),
    references: readReferences(s),
  };
  const today = date(s.today);
  if (today) plan.today = today;
  if (isObj(s.exempt) && str(s.exempt.reason)) plan.exempt = { reason: str(s.exempt.reason)!, citations: readCites(s.exempt.citations) };
  const oos = s.out_of_scope;
  if (isObj(oos) && str(oos.reason)) {
    const uri = str(oos.uri);
    plan.outOfScope = { reason: str(oos.reason)!, ...(uri ? { uri } : {}), citations: readCites(oos.citations) };
  }
  return plan;
}

function readGetSkill(s: Obj): Plan {
  const skill = str(s.skill)!;
  const contested = readContested(s.contested);
  const document = str(s.summary);
  const uri = str(s.uri);
  return {
    source: 'get_skill',
    procedures: [
      {
        key: `${skill}#0`,
        skill,
        title: str(s.title) ?? skill,
        ...(document ? { why: document } : {}),
        ...(uri ? { uri } : {}),
        dates: [],
        documents: readDocuments(s.documents),
        stages: readStages(s.stages),
        contested,
        citations: [],
      },
    ],
    needs: [],
    notes: [],
    references: readReferences(s),
  };
}

/** Reads a tool result's `structuredContent` as a plan, or `undefined` when the view cannot show it. */
export function readPlan(structured: unknown): Plan | undefined {
  if (!isObj(structured)) return undefined;
  if (Array.isArray(structured.procedures)) return readFindProcedure(structured);
  if (str(structured.skill) && Array.isArray(structured.stages)) return readGetSkill(structured);
  return undefined;
}

/** Splits text into plain runs and citation tags `[id]` / `[id, locator]`, in order. */
export function splitCitations(text: string): Array<{ text: string } | { cite: Cite; raw: string }> {
  const out: Array<{ text: string } | { cite: Cite; raw: string }> = [];
  const tag = /\[([a-z0-9]+(?:-[a-z0-9]+)*)(?:,\s*([^\]\n]+))?\]/g;
  let last = 0;
  for (const m of text.matchAll(tag)) {
    if (m.index > last) out.push({ text: text.slice(last, m.index) });
    const locator = m[2]?.trim();
    out.push({ cite: locator ? { id: m[1]!, locator } : { id: m[1]! }, raw: m[0] });
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push({ text: text.slice(last) });
  return out;
}

/** Markdown emphasis and code marks removed, for showing skill text as plain text. */
export function plainText(text: string): string {
  return text.replace(/\*\*([^*]+)\*\*/g, '$1').replace(/(^|[\s(])\*([^*\s][^*]*)\*/g, '$1$2').replace(/`([^`]+)`/g, '$1');
}
