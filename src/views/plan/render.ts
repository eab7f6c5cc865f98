/// <reference lib="dom" />
import { publicHolidaysOn } from '../../guidance/holidays.js';
import { monthsOf, monthWeeks, type Month } from './calendar.js';
import { holidayName, STRINGS, type Language, type Strings } from './i18n.js';
import { plainText, splitCitations, type Cite, type ContestedPoint, type Plan, type PlanDate, type PlanProcedure } from './model.js';

/**
 * Builds the plan view's DOM. Every text from a tool result goes in through `textContent` or an attribute set
 * with `setAttribute`, never through HTML parsing, and links are made only from http(s) URLs of the reference
 * registry, so nothing a tool result carries can become markup or script.
 */

/** What the rendering needs besides the plan: the language, the person's progress and the actions. */
export interface RenderContext {
  lang: Language;
  /** Tool arguments, when the host sent them (the arrival date is marked on the calendar). */
  input: Record<string, unknown>;
  isChecked: (procedure: PlanProcedure, index: number) => boolean;
  onCheck: (procedure: PlanProcedure, index: number, checked: boolean) => void;
  currentStage: (procedure: PlanProcedure) => number;
  onSetStage: (procedure: PlanProcedure, index: number) => void;
  onWalk: (procedure: PlanProcedure, index: number, status: HTMLElement) => void;
  onCalendar: (status: HTMLElement) => void;
  onLink: (event: MouseEvent, url: string) => void;
}

const LOCALES: Readonly<Record<Language, string>> = { en: 'en-GB', nl: 'nl-BE', fr: 'fr-BE', de: 'de-BE' };

type Child = Node | string | false | null | undefined;

/** An element with attributes and children; strings become text nodes. */
export function h(tag: string, attrs: Record<string, string | undefined> = {}, ...children: Child[]): HTMLElement {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined) el.setAttribute(k, v);
  for (const c of children) if (c !== false && c !== null && c !== undefined) el.append(typeof c === 'string' ? document.createTextNode(c) : c);
  return el;
}

function utc(date: string): Date {
  return new Date(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))));
}

/** A date written out in the view language, e.g. "Wednesday 8 April 2026". */
export function longDate(date: string, lang: Language): string {
  return new Intl.DateTimeFormat(LOCALES[lang], { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(utc(date));
}

function citeLabel(cite: Cite, plan: Plan): string {
  const title = plan.references[cite.id]?.title ?? cite.id;
  return cite.locator ? `${title}, ${cite.locator}` : title;
}

function citeLink(cite: Cite, plan: Plan, ctx: RenderContext): HTMLElement {
  const ref = plan.references[cite.id];
  const label = citeLabel(cite, plan);
  if (!ref) return h('span', { class: 'cite' }, `[${label}]`);
  const a = h('a', { href: ref.url, target: '_blank', rel: 'noopener noreferrer', class: 'cite', 'data-ref': cite.id }, label);
  a.addEventListener('click', (event) => ctx.onLink(event, ref.url));
  return a;
}

/** Text with its `[id, locator]` tags turned into links to the official sources. */
function citedText(text: string, plan: Plan, ctx: RenderContext): DocumentFragment {
  const fragment = document.createDocumentFragment();
  for (const part of splitCitations(plainText(text))) {
    if ('text' in part) fragment.append(part.text);
    else if (plan.references[part.cite.id]) fragment.append('[', citeLink(part.cite, plan, ctx), ']');
    else fragment.append(part.raw);
  }
  return fragment;
}

function sources(citations: readonly Cite[], plan: Plan, ctx: RenderContext, t: Strings): HTMLElement | undefined {
  if (citations.length === 0) return undefined;
  const list = h('ul', { class: 'sources' });
  for (const c of citations) list.append(h('li', {}, citeLink(c, plan, ctx)));
  return h('div', { class: 'source-list' }, h('span', { class: 'label' }, `${t.sources}${t.colon}`), list);
}

function contestedBlock(points: readonly ContestedPoint[], summary: string, plan: Plan, ctx: RenderContext, extraClass = ''): HTMLElement {
  const details = h('details', { class: `contested ${extraClass}`.trim() }, h('summary', {}, summary));
  for (const point of points) details.append(h('p', { lang: 'en' }, citedText(point.text, plan, ctx)));
  return details;
}

function dateLabelOf(date: PlanDate, t: Strings): string {
  return date.kind === 'named' ? (date.name ?? '') : t[date.kind];
}

function dateItem(date: PlanDate, plan: Plan, ctx: RenderContext, t: Strings): HTMLElement {
  const li = h(
    'li',
    { class: `date ${date.kind}`, 'data-kind': date.kind, 'data-date': date.date },
    h('span', { class: 'label' }, `${dateLabelOf(date, t)}${t.colon}`),
    ' ',
    h('time', { datetime: date.date }, longDate(date.date, ctx.lang)),
  );
  if (date.contested.length > 0) {
    li.append(' ', h('span', { class: 'badge', 'data-contested': 'true' }, t.contested));
  }
  if (date.rule) li.append(h('p', { class: 'rule', lang: 'en' }, date.rule));
  if (date.contested.length > 0) li.append(contestedBlock(date.contested, `${t.contested}${t.colon} ${t.contestedHere}`, plan, ctx));
  const list = sources(date.citations, plan, ctx, t);
  if (list) li.append(list);
  return li;
}

interface Mark {
  cls: string;
  text: string;
}

function marksFor(procedure: PlanProcedure, plan: Plan, ctx: RenderContext, t: Strings): Map<string, Mark[]> {
  const marks = new Map<string, Mark[]>();
  const add = (date: string, mark: Mark) => marks.set(date, [...(marks.get(date) ?? []), mark]);
  const window = { opens: procedure.dates.find((d) => d.kind === 'opens')?.date, closes: procedure.dates.find((d) => d.kind === 'closes')?.date };
  for (const d of procedure.dates) add(d.date, { cls: d.kind, text: dateLabelOf(d, t) });
  if (window.opens && window.closes) {
    for (let d = utc(window.opens); d <= utc(window.closes); d = new Date(d.getTime() + 86_400_000)) {
      add(d.toISOString().slice(0, 10), { cls: 'in-window', text: '' });
    }
  }
  const arrival = ctx.input.arrival_date;
  if (typeof arrival === 'string') add(arrival, { cls: 'arrival', text: t.arrival });
  if (plan.today) add(plan.today, { cls: 'today', text: t.today });
  return marks;
}

function weekdayNames(lang: Language): Array<{ short: string; long: string }> {
  const short = new Intl.DateTimeFormat(LOCALES[lang], { weekday: 'short', timeZone: 'UTC' });
  const long = new Intl.DateTimeFormat(LOCALES[lang], { weekday: 'long', timeZone: 'UTC' });
  // 2024-01-01 was a Monday.
  return Array.from({ length: 7 }, (_, i) => {
    const day = new Date(Date.UTC(2024, 0, 1 + i));
    return { short: short.format(day), long: long.format(day) };
  });
}

function monthTable(month: Month, marks: Map<string, Mark[]>, ctx: RenderContext, t: Strings): HTMLElement {
  const caption = new Intl.DateTimeFormat(LOCALES[ctx.lang], { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(month.year, month.month - 1, 1)));
  const head = h('tr', {});
  for (const w of weekdayNames(ctx.lang)) head.append(h('th', { scope: 'col', abbr: w.long }, w.short));
  const body = h('tbody', {});
  for (const week of monthWeeks(month)) {
    const row = h('tr', {});
    for (const day of week) {
      if (day === null) {
        row.append(h('td', { class: 'pad' }));
        continue;
      }
      const classes: string[] = [];
      const labels: string[] = [];
      for (const holiday of publicHolidaysOn(day)) {
        classes.push('holiday');
        labels.push(`${t.holiday}${t.colon} ${holidayName(holiday, ctx.lang)}`);
      }
      for (const mark of marks.get(day) ?? []) {
        classes.push(mark.cls);
        if (mark.text) labels.push(mark.text);
      }
      const cell = h('td', { 'data-date': day, ...(classes.length ? { class: [...new Set(classes)].join(' ') } : {}), ...(labels.length ? { title: labels.join('; ') } : {}) });
      cell.append(h('span', { class: 'num' }, String(Number(day.slice(8, 10)))));
      if (labels.length) cell.append(h('span', { class: 'sr' }, ` ${labels.join('; ')}`));
      row.append(cell);
    }
    body.append(row);
  }
  return h('table', { class: 'month' }, h('caption', {}, caption), h('thead', {}, head), body);
}

function legend(procedure: PlanProcedure, months: readonly Month[], ctx: RenderContext, t: Strings): HTMLElement {
  const kinds = new Set(procedure.dates.map((d) => d.kind));
  const items: Array<[string, string]> = [];
  for (const kind of ['deadline', 'safe', 'opens', 'closes'] as const) if (kinds.has(kind)) items.push([kind, t[kind]]);
  const arrival = ctx.input.arrival_date;
  if (typeof arrival === 'string' && months.some((m) => arrival.startsWith(`${String(m.year).padStart(4, '0')}-${String(m.month).padStart(2, '0')}-`))) {
    items.push(['arrival', t.arrival]);
  }
  items.push(['holiday', t.holiday]);
  const list = h('ul', { class: 'legend', 'aria-label': t.legend });
  for (const [cls, text] of items) list.append(h('li', {}, h('span', { class: `key ${cls}`, 'aria-hidden': 'true' }), text));
  return list;
}

function calendar(procedure: PlanProcedure, plan: Plan, ctx: RenderContext, t: Strings, headingId: string): HTMLElement | undefined {
  if (procedure.dates.length === 0) return undefined;
  const marks = marksFor(procedure, plan, ctx, t);
  const section = h('section', { class: 'calendar', 'aria-labelledby': headingId }, h('h3', { id: headingId }, t.calendar));
  const shown = monthsOf(procedure.dates.map((d) => d.date));
  const months = h('div', { class: 'months' });
  for (const month of shown) months.append(monthTable(month, marks, ctx, t));
  section.append(months, legend(procedure, shown, ctx, t));
  return section;
}

function checklist(procedure: PlanProcedure, plan: Plan, ctx: RenderContext, t: Strings, id: string): HTMLElement | undefined {
  if (procedure.documents.length === 0) return undefined;
  const progress = h('p', { class: 'progress', 'aria-live': 'polite' });
  const update = () => {
    const done = procedure.documents.filter((_, i) => ctx.isChecked(procedure, i)).length;
    progress.textContent = t.ready(done, procedure.documents.length);
  };
  const list = h('ul', { class: 'checklist' });
  procedure.documents.forEach((doc, i) => {
    const box = h('input', { type: 'checkbox', id: `${id}-doc-${i}` }) as HTMLInputElement;
    box.checked = ctx.isChecked(procedure, i);
    box.addEventListener('change', () => {
      ctx.onCheck(procedure, i, box.checked);
      update();
    });
    list.append(h('li', {}, box, h('label', { for: box.id, lang: 'en' }, citedText(doc.text, plan, ctx))));
  });
  update();
  return h('section', { class: 'documents', 'aria-labelledby': `${id}-docs` }, h('h3', { id: `${id}-docs` }, t.documents), progress, list);
}

function stages(procedure: PlanProcedure, ctx: RenderContext, t: Strings, id: string): HTMLElement | undefined {
  if (procedure.stages.length === 0) return undefined;
  const current = ctx.currentStage(procedure);
  const list = h('ol', { class: 'stages' });
  for (const stage of procedure.stages) {
    const isCurrent = stage.index === current;
    const button = h('button', { type: 'button', class: 'stage-pick' }, `${stage.index}. `, h('span', { lang: 'en' }, stage.title), h('span', { class: 'sr' }, ` (${t.setCurrent})`));
    button.addEventListener('click', () => ctx.onSetStage(procedure, stage.index));
    const li = h('li', { 'data-stage': String(stage.index), ...(isCurrent ? { class: 'current', 'aria-current': 'step' } : {}) }, button);
    if (isCurrent) li.append(h('span', { class: 'here' }, t.current));
    list.append(li);
  }
  const section = h('section', { class: 'stage-list', 'aria-labelledby': `${id}-stages` }, h('h3', { id: `${id}-stages` }, t.stages), list);
  const next = procedure.stages.find((s) => s.index > current);
  const status = h('p', { class: 'status', role: 'status' });
  if (next) {
    const walk = h('button', { type: 'button', class: 'walk' }, t.walk(next.index, next.title));
    walk.addEventListener('click', () => ctx.onWalk(procedure, next.index, status));
    section.append(walk);
  } else {
    status.textContent = t.allStages;
  }
  section.append(status);
  return section;
}

function procedureSection(procedure: PlanProcedure, n: number, plan: Plan, ctx: RenderContext, t: Strings): HTMLElement {
  const id = `p${n}`;
  const section = h('section', { class: 'procedure', 'aria-labelledby': `${id}-title`, 'data-skill': procedure.skill }, h('h2', { id: `${id}-title`, lang: 'en' }, procedure.title));
  if (procedure.why) section.append(h('p', { class: 'why', lang: 'en' }, citedText(procedure.why, plan, ctx)));
  if (procedure.document) section.append(h('p', { class: 'document' }, h('span', { class: 'label' }, `${t.document}${t.colon} `), h('span', { lang: 'en' }, procedure.document)));
  const general = sources(procedure.citations, plan, ctx, t);
  if (general) section.append(general);
  if (procedure.dates.length > 0) {
    const list = h('ul', { class: 'dates' });
    for (const date of procedure.dates) list.append(dateItem(date, plan, ctx, t));
    section.append(list);
  }
  const parts = [calendar(procedure, plan, ctx, t, `${id}-cal`), checklist(procedure, plan, ctx, t, id), stages(procedure, ctx, t, id)];
  for (const part of parts) if (part) section.append(part);
  const tied = new Set(procedure.dates.flatMap((d) => d.contested));
  const others = procedure.contested.filter((p) => !tied.has(p) && ![...tied].some((q) => q.text === p.text));
  if (others.length > 0) section.append(contestedBlock(others, `${t.otherContested} (${others.length})`, plan, ctx, 'other'));
  return section;
}

/** The whole plan. */
export function renderPlan(plan: Plan, ctx: RenderContext): HTMLElement {
  const t = STRINGS[ctx.lang];
  const main = h('main', { id: 'plan' });
  const header = h('header', { class: 'top' }, h('h1', {}, t.title));
  const hasDates = plan.procedures.some((p) => p.dates.length > 0);
  if (hasDates) {
    const status = h('p', { class: 'status', role: 'status' });
    const button = h('button', { type: 'button', class: 'ics' }, t.addToCalendar);
    button.addEventListener('click', () => ctx.onCalendar(status));
    header.append(h('div', { class: 'actions' }, button, status));
  }
  main.append(header);
  if (plan.exempt) {
    main.append(h('section', { class: 'exempt box' }, h('h2', {}, t.exempt), h('p', { lang: 'en' }, citedText(plan.exempt.reason, plan, ctx)), sources(plan.exempt.citations, plan, ctx, t) ?? ''));
  }
  if (plan.outOfScope) {
    main.append(h('section', { class: 'out-of-scope box' }, h('h2', {}, t.outOfScope), h('p', { lang: 'en' }, citedText(plan.outOfScope.reason, plan, ctx)), sources(plan.outOfScope.citations, plan, ctx, t) ?? ''));
  }
  plan.procedures.forEach((p, i) => main.append(procedureSection(p, i + 1, plan, ctx, t)));
  if (plan.needs.length > 0) {
    const list = h('ul', {});
    for (const need of plan.needs) {
      const question = need.questions[ctx.lang] ?? need.question;
      list.append(h('li', { 'data-fact': need.fact }, question ? h('span', {}, question) : h('code', {}, need.fact)));
    }
    main.append(h('section', { class: 'needs' }, h('h2', {}, t.needs), list));
  }
  if (plan.notes.length > 0) {
    const list = h('ul', {});
    for (const note of plan.notes) list.append(h('li', { lang: 'en' }, citedText(note, plan, ctx)));
    main.append(h('section', { class: 'notes' }, h('h2', {}, t.notes), list));
  }
  return main;
}

/** A plain message, with the tool's text content when there is one: never a blank frame. */
export function renderMessage(lang: Language, message: string, text?: string): HTMLElement {
  const t = STRINGS[lang];
  const main = h('main', { id: 'plan' }, h('h1', {}, t.title), h('p', { class: 'message', role: 'status' }, message));
  if (text) main.append(h('pre', { class: 'raw', lang: 'en' }, text));
  return main;
}
