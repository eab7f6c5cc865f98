/**
 * Real `find_procedure` and `get_skill` results for the plan-view tests, from the repository's skills through an
 * in-process MCP client, and an iCalendar reader built on ical.js (an independent RFC 5545 parser).
 */
import { resolve } from 'node:path';
import ICAL from 'ical.js';
import { loadCorpus } from '../../src/load-corpus.js';
import type { Corpus } from '../../src/corpus/types.js';
import { connectInMemory } from './connect.js';

export const REPO_ROOT = resolve(import.meta.dirname, '../..');

/**
 * Three people: a visitor from outside the EU arriving on the Thursday before Easter Monday 2026, an EU worker
 * whose three months end on Saturday 15 August (a public holiday), and a B-card holder renewing before expiry.
 */
export const CASES = {
  visitor: { nationality: 'US', intended_stay_days: 14, accommodation: 'private-address', arrival_date: '2026-04-02', family_of_eu_citizen: false, today: '2026-03-20' },
  euWorker: { nationality: 'FR', intended_stay_days: 365, accommodation: 'private-address', arrival_date: '2026-05-15', today: '2026-05-10' },
  renewal: { nationality: 'MA', residence_card: { type: 'B', expires_on: '2027-01-20' }, today: '2026-11-23' },
} as const;

export type CaseName = keyof typeof CASES;

export interface ToolResult {
  content: Array<{ type: string; text?: string }>;
  structuredContent?: Record<string, unknown>;
  isError?: boolean;
  [key: string]: unknown;
}

let corpus: Promise<Corpus> | undefined;
/** The repository's skills and references, loaded once per test file. */
export function shippedCorpus(): Promise<Corpus> {
  corpus ??= loadCorpus(REPO_ROOT);
  return corpus;
}

/** Calls tools on a server over the shipped corpus and returns the raw results. */
export async function callTools(calls: Array<{ name: string; arguments: Record<string, unknown> }>): Promise<ToolResult[]> {
  const { client, close } = await connectInMemory({ corpus: await shippedCorpus() });
  try {
    const out: ToolResult[] = [];
    for (const call of calls) out.push((await client.callTool(call)) as ToolResult);
    return out;
  } finally {
    await close();
  }
}

/** The `find_procedure` result for one of {@link CASES}. */
export async function findProcedure(name: CaseName): Promise<ToolResult> {
  const [result] = await callTools([{ name: 'find_procedure', arguments: CASES[name] as unknown as Record<string, unknown> }]);
  return result!;
}

/** One event of a parsed calendar. */
export interface ParsedEvent {
  uid: string;
  summary: string;
  description: string;
  start: string;
  end: string;
  allDay: boolean;
}

/** Parses an iCalendar text with ical.js; throws on anything ical.js cannot read. */
export function parseCalendar(text: string): { name: string; version: string; prodid: string; events: ParsedEvent[] } {
  const root = new ICAL.Component(ICAL.parse(text));
  if (root.name !== 'vcalendar') throw new Error(`expected a VCALENDAR, got ${root.name}`);
  const events = root.getAllSubcomponents('vevent').map((component) => {
    const event = new ICAL.Event(component);
    return {
      uid: event.uid,
      summary: event.summary,
      description: event.description ?? '',
      start: event.startDate.toString(),
      end: event.endDate.toString(),
      allDay: event.startDate.isDate && event.endDate.isDate,
      stamp: component.getFirstPropertyValue('dtstamp'),
    };
  });
  for (const e of events) if (!e.uid || !e.stamp) throw new Error('every VEVENT needs UID and DTSTAMP (RFC 5545 §3.6.1)');
  return {
    name: String(root.getFirstPropertyValue('x-wr-calname') ?? ''),
    version: String(root.getFirstPropertyValue('version') ?? ''),
    prodid: String(root.getFirstPropertyValue('prodid') ?? ''),
    events: events.map(({ stamp: _stamp, ...e }) => e),
  };
}
