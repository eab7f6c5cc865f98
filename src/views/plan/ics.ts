import { addDays } from '../../guidance/dates.js';
import { STRINGS, type Language } from './i18n.js';
import { plainText, type Cite, type Plan, type PlanDate } from './model.js';

/**
 * A plan's dates as an iCalendar file (RFC 5545): one all-day event per legal date, safe date and window edge,
 * so a person can keep the deadlines in the calendar they already use. Pure: the view offers the file for
 * download and `GET /plan.ics` serves the same bytes for the same answer.
 */

/** One all-day event. */
export interface CalendarEvent {
  uid: string;
  /** `YYYY-MM-DD` */
  date: string;
  summary: string;
  description: string;
}

function citationLine(cite: Cite, plan: Plan): string {
  const ref = plan.references[cite.id];
  const tag = cite.locator ? `${cite.id}, ${cite.locator}` : cite.id;
  return ref ? `- ${ref.title} [${tag}]: ${ref.url}` : `- [${tag}]`;
}

function summaryOf(date: PlanDate, title: string, lang: Language): string {
  const label = date.kind === 'named' ? (date.name ?? '') : STRINGS[lang][date.kind];
  return `${label}${STRINGS[lang].colon} ${title}`;
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40);
}

/** The events of a plan, in procedure order and, within a procedure, in the order the dates were given. */
export function planEvents(plan: Plan, lang: Language = 'en'): CalendarEvent[] {
  const t = STRINGS[lang];
  const events: CalendarEvent[] = [];
  plan.procedures.forEach((procedure, index) => {
    const legal = procedure.dates.find((d) => d.kind === 'deadline');
    for (const date of procedure.dates) {
      const lines: string[] = [];
      if (procedure.document) lines.push(`${t.icsDocument}${t.colon} ${procedure.document}`);
      if (date.rule) lines.push(date.rule);
      if (date.kind === 'deadline') {
        const safe = procedure.dates.find((d) => d.kind === 'safe');
        if (safe) lines.push(t.icsSafeNote(safe.date));
      }
      if (date.kind === 'safe' && legal) lines.push(`${t.deadline}${t.colon} ${legal.date}`);
      for (const point of date.contested) lines.push(`${t.contested}${t.colon} ${plainText(point.text)}`);
      if (date.citations.length > 0) lines.push(`${t.icsSources}${t.colon}`, ...date.citations.map((c) => citationLine(c, plan)));
      const name = date.kind === 'named' && date.name ? `-${slug(date.name)}` : '';
      events.push({
        uid: `${procedure.skill}-${index + 1}-${date.kind}${name}-${date.date}@loket`,
        date: date.date,
        summary: summaryOf(date, procedure.title, lang),
        description: lines.join('\n'),
      });
    }
  });
  return events;
}

/** RFC 5545 §3.3.11 TEXT: backslash, semicolon and comma escaped, line breaks as `\n`. */
export function escapeText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r\n|\r|\n/g, '\\n');
}

const encoder = new TextEncoder();

/**
 * RFC 5545 §3.1 folding: content lines longer than 75 octets are split, each continuation starting with one
 * space; a UTF-8 character is never cut in two.
 */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let size = 0;
  for (const ch of line) {
    const bytes = encoder.encode(ch).length;
    const limit = parts.length === 0 ? 75 : 74;
    if (size + bytes > limit) {
      parts.push(current);
      current = '';
      size = 0;
    }
    current += ch;
    size += bytes;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

const compact = (date: string) => date.replace(/-/g, '');

/**
 * An iCalendar document with the events as all-day `VEVENT`s (`DTSTART;VALUE=DATE`, `DTEND` the next day).
 * `stamp` (`YYYY-MM-DD`) becomes every `DTSTAMP`, so the same answer always gives the same bytes.
 */
export function toICalendar(events: readonly CalendarEvent[], options: { stamp: string; name: string }): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//loket//plan//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(options.name)}`,
  ];
  for (const event of events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${event.uid}`,
      `DTSTAMP:${compact(options.stamp)}T000000Z`,
      `DTSTART;VALUE=DATE:${compact(event.date)}`,
      `DTEND;VALUE=DATE:${compact(addDays(event.date, 1))}`,
      `SUMMARY:${escapeText(event.summary)}`,
      ...(event.description ? [`DESCRIPTION:${escapeText(event.description)}`] : []),
      'TRANSP:TRANSPARENT',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}

/** The calendar file of a plan, or `undefined` when the plan has no dates (RFC 5545 needs one component). */
export function planICalendar(plan: Plan, lang: Language, fallbackStamp: string): string | undefined {
  const events = planEvents(plan, lang);
  if (events.length === 0) return undefined;
  return toICalendar(events, { stamp: plan.today ?? fallbackStamp, name: STRINGS[lang].icsName });
}
