/**
 * Pins the plan's iCalendar file (RFC 5545) through an independent parser (ical.js): one all-day event per legal
 * date, safe date and window edge of real find_procedure answers, summaries in the view language, line folding
 * that never cuts a UTF-8 character, TEXT escaping that round-trips, and the same bytes for the same answer.
 */
import { describe, expect, it } from 'vitest';
import { escapeText, foldLine, planEvents, planICalendar, toICalendar } from '../../../src/views/plan/ics.js';
import { readPlan } from '../../../src/views/plan/model.js';
import { findProcedure, parseCalendar } from '../../helpers/plan.js';

async function calendarOf(name: Parameters<typeof findProcedure>[0], lang: 'en' | 'nl' | 'fr' | 'de' = 'en') {
  const plan = readPlan((await findProcedure(name)).structuredContent)!;
  const text = planICalendar(plan, lang, '2000-01-01')!;
  return { plan, text, calendar: parseCalendar(text) };
}

describe('plan calendar', () => {
  it('non-EU visitor: the annex 3 legal date and safe date as all-day events with sources in the description', async () => {
    const { text, calendar } = await calendarOf('visitor');
    expect(calendar.version).toBe('2.0');
    expect(calendar.prodid).toBe('-//loket//plan//EN');
    expect(calendar.events.map((e) => [e.start, e.end, e.allDay, e.summary])).toEqual([
      ['2026-04-08', '2026-04-09', true, 'Last day (legal date): Arrival declaration (annex 3)'],
      ['2026-04-07', '2026-04-08', true, 'Safe date: Arrival declaration (annex 3)'],
    ]);
    const [deadline] = calendar.events;
    expect(deadline?.description).toContain('Within 3 working days of entry into Belgium');
    expect(deadline?.description).toContain('Safe date: 2026-04-07');
    expect(deadline?.description).toContain('https://');
    // Stamped with the answer's "today", so the same facts give the same file.
    expect(text).toContain('DTSTAMP:20260320T000000Z');
    expect(text.split('\r\n').every((line) => new TextEncoder().encode(line).length <= 75)).toBe(true);
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(new Set(calendar.events.map((e) => e.uid)).size).toBe(calendar.events.length);
  });

  it('EU worker: annex 19 on 15 August and the safe Friday before it', async () => {
    const { calendar } = await calendarOf('euWorker');
    expect(calendar.events.map((e) => [e.start, e.summary])).toEqual([
      ['2026-08-15', 'Last day (legal date): Registration as an EU citizen (annex 19)'],
      ['2026-08-14', 'Safe date: Registration as an EU citizen (annex 19)'],
    ]);
  });

  it('card renewal: the window edges, with summaries in Dutch', async () => {
    const { calendar } = await calendarOf('renewal', 'nl');
    expect(calendar.name).toBe('Gemeentelijke procedures');
    expect(calendar.events.map((e) => [e.start, e.summary])).toEqual([
      ['2026-12-11', 'Periode begint: Renew a B card (unlimited stay)'],
      ['2026-12-21', 'Periode eindigt: Renew a B card (unlimited stay)'],
    ]);
    expect(calendar.events[0]?.description).toContain('Betwist: When the window opens is disputed');
  });

  it('has no calendar for an answer without dates (RFC 5545 needs one component)', () => {
    const plan = readPlan({ procedures: [], needs: ['intended_stay_days'], notes: [] })!;
    expect(planEvents(plan)).toEqual([]);
    expect(planICalendar(plan, 'en', '2026-01-01')).toBeUndefined();
  });

  it('escapes TEXT so that commas, semicolons, backslashes and line breaks survive a parser', () => {
    const summary = 'A, B; C \\ D\nE — déclaration d’arrivée';
    const text = toICalendar([{ uid: 'x@loket', date: '2026-01-02', summary, description: `${'é'.repeat(80)}\n${'€'.repeat(40)}` }], { stamp: '2026-01-01', name: 'Plan' });
    const calendar = parseCalendar(text);
    expect(calendar.events[0]?.summary).toBe(summary);
    expect(calendar.events[0]?.description).toBe(`${'é'.repeat(80)}\n${'€'.repeat(40)}`);
    expect(escapeText('a,b;c\\d\r\ne')).toBe('a\\,b\\;c\\\\d\\ne');
  });

  it('folds at 75 octets without cutting a multi-byte character', () => {
    const line = `DESCRIPTION:${'€'.repeat(60)}`;
    const folded = foldLine(line);
    const parts = folded.split('\r\n');
    expect(parts.length).toBeGreaterThan(1);
    for (const [i, part] of parts.entries()) {
      expect(new TextEncoder().encode(part).length).toBeLessThanOrEqual(75);
      if (i > 0) expect(part.startsWith(' ')).toBe(true);
      expect(part).not.toContain('\uFFFD');
    }
    expect(parts.map((p, i) => (i === 0 ? p : p.slice(1))).join('')).toBe(line);
  });
});
