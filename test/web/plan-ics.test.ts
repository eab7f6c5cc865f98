/**
 * Pins `GET /plan.ics` on the real app (127.0.0.1, port 0): find_procedure's facts in the query give a calendar
 * that ical.js reads, with the annex 3 deadline as an all-day event; nested and boolean facts are typed from the
 * tool's schema; summaries follow Accept-Language; bad facts answer 400 with exactly the message find_procedure
 * gives for them; facts without dates answer 422 saying what is missing.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Corpus } from '../../src/corpus/types.js';
import { createHttpApp } from '../../src/http/app.js';
import { createSearchIndex } from '../../src/search/index.js';
import { createWebRoutes } from '../../src/web/routes.js';
import { callTools, parseCalendar, shippedCorpus } from '../helpers/plan.js';
import { rawRequest } from './helpers.js';

let app: Server;
let port: number;
let corpus: Corpus;
const now = () => new Date('2026-02-20T10:00:00Z');

beforeAll(async () => {
  corpus = await shippedCorpus();
  const routes = createWebRoutes({ corpus, search: createSearchIndex(corpus), mcpPath: '/mcp', now });
  app = createHttpApp({ corpus, routes, now });
  await new Promise<void>((r) => app.listen(0, '127.0.0.1', r));
  port = (app.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((r) => app.close(() => r())));

const get = (target: string, headers: Record<string, string> = {}, method = 'GET') =>
  rawRequest(port, target, { method, headers: { host: `127.0.0.1:${port}`, ...headers } });

describe('GET /plan.ics', () => {
  it('a non-EU visitor arriving on 2 March 2026: the annex 3 deadline as an all-day event', async () => {
    const res = await get('/plan.ics?nationality=US&intended_stay_days=14&accommodation=private-address&arrival_date=2026-03-02');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('inline; filename="loket-plan.ics"');
    const calendar = parseCalendar(res.text);
    expect(calendar.version).toBe('2.0');
    expect(calendar.events).toHaveLength(1);
    expect(calendar.events[0]).toMatchObject({ start: '2026-03-05', end: '2026-03-06', allDay: true, summary: 'Last day (legal date): Arrival declaration (annex 3)' });
    expect(calendar.events[0]?.description).toContain(corpus.registry.get('loi-1980-12-15-etrangers')!.url);
    expect(res.text).toContain('DTSTAMP:20260220T000000Z');
  });

  it('types booleans and dotted nested facts from the tool schema', async () => {
    const family = parseCalendar((await get('/plan.ics?nationality=US&intended_stay_days=30&accommodation=private-address&arrival_date=2026-03-02&family_of_eu_citizen=true')).text);
    expect(family.events[0]).toMatchObject({ start: '2026-03-16', summary: 'Last day (legal date): Declaration of presence (annex 3ter)' });
    expect(family.events.slice(1).map((e) => e.summary)).toEqual(['Safe date: Declaration of presence (annex 3ter)']);
    const renewal = parseCalendar((await get('/plan.ics?nationality=MA&residence_card.type=B&residence_card.expires_on=2027-01-20&today=2026-11-23')).text);
    expect(renewal.events.map((e) => e.start)).toEqual(['2026-12-11', '2026-12-21']);
  });

  it('writes summaries in the language of Accept-Language', async () => {
    const res = await get('/plan.ics?nationality=FR&intended_stay_days=365&arrival_date=2026-05-15', { 'accept-language': 'fr-BE,fr;q=0.9,en;q=0.5' });
    expect(parseCalendar(res.text).events.map((e) => [e.start, e.summary])).toEqual([
      ['2026-08-15', 'Dernier jour (date légale)\u00a0: Registration as an EU citizen (annex 19)'],
      ['2026-08-14', 'Date sûre\u00a0: Registration as an EU citizen (annex 19)'],
    ]);
    expect(res.headers.vary).toContain('Accept-Language');
  });

  it.each([
    ['an unknown country', 'nationality=XX', { nationality: 'XX' }],
    ['a malformed date', 'nationality=US&arrival_date=2026-3-2', { nationality: 'US', arrival_date: '2026-3-2' }],
    ['an impossible date', 'nationality=US&intended_stay_days=10&arrival_date=2026-02-30', { nationality: 'US', intended_stay_days: 10, arrival_date: '2026-02-30' }],
    ['a number that is not one', 'nationality=US&intended_stay_days=two', { nationality: 'US', intended_stay_days: 'two' }],
    ['an unknown fact', 'nationality=US&passport_number=X1', { nationality: 'US', passport_number: 'X1' }],
    ['a missing nationality', 'arrival_date=2026-03-02', { arrival_date: '2026-03-02' }],
    ['a bad card type', 'nationality=MA&residence_card.type=Z&residence_card.expires_on=2027-01-20', { nationality: 'MA', residence_card: { type: 'Z', expires_on: '2027-01-20' } }],
  ])('400 for %s, with the message find_procedure gives', async (_, query, args) => {
    const [tool] = await callTools([{ name: 'find_procedure', arguments: args }]);
    expect(tool?.isError).toBe(true);
    const message = tool!.content[0]!.text!;
    const text = await get(`/plan.ics?${query}`, { accept: 'text/plain' });
    expect(text.status).toBe(400);
    expect(text.text).toBe(`These facts cannot be read. ${message}\n`);
    const json = await get(`/plan.ics?${query}`, { accept: 'application/json' });
    expect(json.status).toBe(400);
    expect(JSON.parse(json.text)).toEqual({ error: { code: 'bad-request', message } });
  });

  it('400 when a fact is given twice', async () => {
    const res = await get('/plan.ics?nationality=US&nationality=FR', { accept: 'text/plain' });
    expect(res.status).toBe(400);
    expect(res.text).toContain('nationality appears more than once');
  });

  it('Z6: __proto__, constructor and prototype in a fact name are refused, and nothing is polluted', async () => {
    for (const name of ['__proto__.polluted', 'constructor.prototype.polluted', 'residence_card.__proto__']) {
      const res = await get(`/plan.ics?nationality=US&${name}=1`, { accept: 'text/plain' });
      expect(res.status, name).toBe(400);
      expect(res.text).toContain(`unknown fact ${name}`);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('422 when the facts give no dates, naming what is missing', async () => {
    const res = await get('/plan.ics?nationality=US&intended_stay_days=14', { accept: 'text/plain' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('arrival_date');
    const hotel = await get('/plan.ics?nationality=US&intended_stay_days=14&accommodation=hotel', { accept: 'text/plain' });
    expect(hotel.status).toBe(422);
    expect(hotel.text).toContain('hotel');
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const head = await get('/plan.ics?nationality=US&intended_stay_days=14&accommodation=private-address&arrival_date=2026-03-02', {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    const post = await get('/plan.ics?nationality=US', {}, 'POST');
    expect(post.status).toBe(405);
  });
});
