// Pins the three guidance tools as a client sees them: listed with schemas and read-only annotations, answering
// through a real MCP Client with structuredContent plus text, "today" defaulting to the Brussels date of the
// injected clock, and bad input coming back as isError results that say what to fix.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeDeadlineTool } from '../../src/mcp/tools/compute-deadline.js';
import type { ToolDeps } from '../../src/mcp/tools/deps.js';
import { findProcedureTool } from '../../src/mcp/tools/find-procedure.js';
import { schengenStayTool } from '../../src/mcp/tools/schengen-stay.js';
import { type Connected, connectInMemory, textOf } from '../helpers/connect.js';
import { shippedCorpus } from '../helpers/corpus.js';

const corpus = await shippedCorpus();
const GUIDANCE_TOOLS = [findProcedureTool(corpus.guidance), computeDeadlineTool, schengenStayTool];

/** 23:30 UTC on 22 November 2026 is already 23 November in Brussels. */
const LATE_EVENING = () => new Date('2026-11-22T23:30:00Z');

describe('guidance tools through a real MCP client', () => {
  let connected: Connected;
  beforeAll(async () => {
    connected = await connectInMemory({ now: LATE_EVENING, corpus }, { tools: GUIDANCE_TOOLS as never });
  });
  afterAll(async () => {
    await connected.close();
  });

  const call = (name: string, args: Record<string, unknown>) => connected.client.callTool({ name, arguments: args });

  it('lists the three tools with titles, schemas and read-only annotations', async () => {
    const { tools } = await connected.client.listTools();
    const byName = new Map(tools.map((t) => [t.name, t]));
    for (const name of ['find_procedure', 'compute_deadline', 'schengen_stay']) {
      const tool = byName.get(name);
      expect(tool?.title).toBeTruthy();
      expect(tool?.outputSchema).toBeDefined();
      expect(tool?.annotations).toMatchObject({ readOnlyHint: true, idempotentHint: true, openWorldHint: false });
      expect(tool?.description).not.toMatch(/IMPORTANT|must always|ignore/i);
    }
    const fp = byName.get('find_procedure')!;
    // The inputs of SPEC §5 keep their names; §10.1 and §10.4 add the rest, all from facts.yaml.
    expect(Object.keys(fp.inputSchema.properties ?? {})).toEqual(expect.arrayContaining([
      'nationality', 'intended_stay_days', 'accommodation', 'arrival_date', 'family_of_eu_citizen', 'residence_card', 'card_problem', 'today',
      'long_stay_visa', 'family_of_belgian', 'moved_on', 'leaving_on', 'absence', 'registered_on', 'region', 'driving_licence',
    ]));
    expect(fp.inputSchema.required).toEqual(['nationality']);
  });

  it('find_procedure: annex 3 with deadline and safe date, today defaulting to the Brussels date', async () => {
    const result = await call('find_procedure', { nationality: 'US', intended_stay_days: 20, accommodation: 'private-address', arrival_date: '2026-11-19' });
    expect(result.isError).toBeFalsy();
    const s = result.structuredContent as Record<string, any>;
    expect(s.today).toBe('2026-11-23');
    expect(s.procedures[0].skill).toBe('annex-3-arrival-declaration');
    // Thursday 19 Nov 2026 + 3 working days: Fri 20, (Sat 21, Sun 22 skipped) Mon 23, Tue 24.
    expect(s.procedures[0].deadline.date).toBe('2026-11-24');
    expect(s.procedures[0].deadline.safe_date).toBe('2026-11-23');
    expect(textOf(result)).toMatch(/Deadline: 2026-11-24 \(safe date: 2026-11-23\)/);
  });

  it('find_procedure: exemption and out-of-scope answers render as text too', async () => {
    const hotel = await call('find_procedure', { nationality: 'FR', intended_stay_days: 5, accommodation: 'hotel' });
    expect((hotel.structuredContent as any).exempt.reason).toMatch(/hotel/);
    expect(textOf(hotel)).toMatch(/^No procedure needed/);
    const long = await call('find_procedure', { nationality: 'CN', intended_stay_days: 400, long_stay_visa: false });
    expect((long.structuredContent as any).out_of_scope.uri).toBe('skill://arrival-in-belgium/SKILL.md');
    expect(textOf(long)).toMatch(/Out of scope here/);
  });

  it('find_procedure: an unknown country is an isError result saying what a code looks like', async () => {
    const result = await call('find_procedure', { nationality: 'XX' });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/ISO 3166-1 alpha-2.*"FR"/);
  });

  it('find_procedure: unknown keys and malformed dates are rejected', async () => {
    const extra = await call('find_procedure', { nationality: 'FR', passport_number: '123' });
    expect(extra.isError).toBe(true);
    // The refusal lists the facts find_procedure knows, so the caller can correct the name.
    expect(textOf(extra)).toMatch(/Unknown fact "passport_number".*nationality, intended_stay_days/);
    expect(textOf(extra)).not.toContain('123');
    const contradictory = await call('find_procedure', { nationality: 'FR', arrival_date: '2026-03-02', leaving_on: '2026-01-15' });
    expect(contradictory.isError).toBe(true);
    expect(textOf(contradictory)).toMatch(/leaving_on \(2026-01-15\) is before arrival_date \(2026-03-02\)/);
    const needs = await call('find_procedure', { nationality: 'US' });
    expect((needs.structuredContent as any).needs[0]).toMatchObject({ fact: 'intended_stay_days', questions: { de: expect.stringMatching(/Tage/) } });
    expect(textOf(needs)).toMatch(/Still needed for a precise answer: intended_stay_days \(How many days/);
    const date = await call('find_procedure', { nationality: 'FR', arrival_date: '01/02/2026' });
    expect(date.isError).toBe(true);
    const impossible = await call('find_procedure', { nationality: 'FR', intended_stay_days: 30, arrival_date: '2026-02-30' });
    expect(impossible.isError).toBe(true);
    expect(textOf(impossible)).toMatch(/arrival_date "2026-02-30" is not a real date/);
  });

  it('compute_deadline: working days over Easter 2026 with the days skipped', async () => {
    const result = await call('compute_deadline', { from: '2026-04-02', amount: 3, unit: 'working-days' });
    const s = result.structuredContent as Record<string, any>;
    expect(s.due).toBe('2026-04-08');
    expect(s.safe_due).toBe('2026-04-07');
    expect(s.skipped).toContainEqual({ date: '2026-04-06', reason: 'Easter Monday (public holiday)' });
    expect(textOf(result)).toMatch(/^Due: 2026-04-08\./);
  });

  it('compute_deadline: months and an out-of-range amount', async () => {
    const months = await call('compute_deadline', { from: '2025-01-31', amount: 1, unit: 'months' });
    expect((months.structuredContent as any).due).toBe('2025-02-28');
    const tooMany = await call('compute_deadline', { from: '2025-01-31', amount: 500, unit: 'months' });
    expect(tooMany.isError).toBe(true);
    expect(textOf(tooMany)).toMatch(/0 to 120/);
  });

  it('schengen_stay: days used and latest exit, on defaulting to today in Brussels', async () => {
    const result = await call('schengen_stay', { stays: [{ entry: '2026-09-01', exit: '2026-09-30' }, { entry: '2026-11-01' }] });
    const s = result.structuredContent as Record<string, any>;
    expect(s.on).toBe('2026-11-23');
    expect(s.days_used).toBe(30 + 23);
    expect(s.days_remaining).toBe(37);
    expect(s.latest_exit).toBe('2026-12-30');
    expect(textOf(result)).toMatch(/53 of 90 days used/);
  });

  it('schengen_stay: overlapping stays are an isError result naming them', async () => {
    const result = await call('schengen_stay', { stays: [{ entry: '2026-09-01', exit: '2026-09-30' }, { entry: '2026-09-15', exit: '2026-10-01' }], on: '2026-10-10' });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/stay 1 \(2026-09-01 to 2026-09-30\) and stay 2 \(2026-09-15 to 2026-10-01\) overlap/);
  });
});

describe('guidance tool handlers called directly', () => {
  const deps: ToolDeps = { corpus, now: () => new Date('2026-11-23T10:00:00Z'), client: { rateKey: 'test', diversityKey: 'test' } };

  it('compute_deadline handler returns structured output and text', async () => {
    const outcome = await computeDeadlineTool.handler({ from: '2026-03-02', amount: 10, unit: 'working-days' }, deps);
    expect(outcome.ok && outcome.structured.due).toBe('2026-03-16');
  });

  it('find_procedure handler uses deps.now for today', async () => {
    const outcome = await findProcedureTool(corpus.guidance).handler({ nationality: 'MA', residence_card: { type: 'A', expires_on: '2026-12-10' } }, deps);
    expect(outcome.ok && outcome.structured.today).toBe('2026-11-23');
    expect(outcome.ok && (outcome.structured.notes as string[]).join(' ')).toMatch(/window closed on 2026-11-10/);
  });

  it('schengen_stay handler fails on unsorted stays', async () => {
    const outcome = await schengenStayTool.handler({ stays: [{ entry: '2026-05-01', exit: '2026-05-02' }, { entry: '2026-04-01', exit: '2026-04-02' }], on: '2026-06-01' }, deps);
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.error).toMatch(/date order/);
  });

  it('the output of every handler validates against its outputSchema', async () => {
    const cases = [
      [findProcedureTool(corpus.guidance), { nationality: 'FR', intended_stay_days: 365, arrival_date: '2026-01-04' }],
      [findProcedureTool(corpus.guidance), { nationality: 'BE' }],
      [computeDeadlineTool, { from: '2026-01-04', amount: 3, unit: 'months' }],
      [schengenStayTool, { stays: [{ entry: '2026-11-01' }] }],
    ] as const;
    for (const [tool, args] of cases) {
      const outcome = await (tool.handler as (a: unknown, d: ToolDeps) => any)(tool.inputSchema.parse(args), deps);
      expect(outcome.ok).toBe(true);
      expect(tool.outputSchema.safeParse(outcome.structured).success).toBe(true);
    }
  });
});
