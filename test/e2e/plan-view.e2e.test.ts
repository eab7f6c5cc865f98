/**
 * The plan view (`ui://loket/plan.html`) in Debian's Chromium, hosted by the official MCP Apps host bridge
 * (test/e2e/plan-host.ts) the way an assistant hosts it: the HTML comes from `resources/read`, the data from real
 * find_procedure / get_skill calls over the shipped skills. Pins the dates, the calendar's holiday marks, the
 * checklist, the stages and the next-stage message, the citation links, the contested flags, the calendar file,
 * the host's theme and language, narrow widths, axe-core (no serious or critical violations), the fallback for
 * results the view cannot read, and that the view makes no network request and trips no CSP rule. Writes
 * screenshots (see test/helpers/chromium.ts for where). Skipped (with a message) only when /usr/bin/chromium is absent.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Corpus } from '../../src/corpus/types.js';
import { hasChromium, launchChromium, screenshotDir, warnIfNoChromium } from '../helpers/chromium.js';
import { connectInMemory } from '../helpers/connect.js';
import { CASES, parseCalendar, REPO_ROOT, shippedCorpus, type CaseName, type ToolResult } from '../helpers/plan.js';

let SCREENSHOTS = '';
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
warnIfNoChromium('the plan-view suite');

interface HostLog {
  initialized: boolean;
  messages: Array<{ role: string; content: Array<{ type: string; text: string }> }>;
  downloads: Array<{ contents: Array<{ type: string; resource: { uri: string; mimeType: string; text: string } }> }>;
  links: string[];
  contexts: Array<{ content: Array<{ text: string }> }>;
  sizes: Array<{ width?: number; height?: number }>;
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

describe.skipIf(!hasChromium)('plan view in an MCP Apps host (Chromium)', () => {
  let browser: Browser;
  let corpus: Corpus;
  let hostScript: string;
  let html: string;
  const results = {} as Record<CaseName | 'getSkill', ToolResult>;

  beforeAll(async () => {
    corpus = await shippedCorpus();
    const { client, close } = await connectInMemory({ corpus });
    try {
      const read = await client.readResource({ uri: 'ui://loket/plan.html' });
      html = (read.contents[0] as { text: string }).text;
      for (const name of Object.keys(CASES) as CaseName[]) {
        results[name] = (await client.callTool({ name: 'find_procedure', arguments: CASES[name] as unknown as Record<string, unknown> })) as ToolResult;
      }
      results.getSkill = (await client.callTool({ name: 'get_skill', arguments: { skill: 'annex-19-eu-registration' } })) as ToolResult;
    } finally {
      await close();
    }
    const bundle = await build({
      entryPoints: [join(REPO_ROOT, 'test', 'e2e', 'plan-host.ts')],
      bundle: true,
      write: false,
      format: 'iife',
      platform: 'browser',
      target: 'es2022',
      logLevel: 'error',
    });
    hostScript = bundle.outputFiles[0]!.text;
    SCREENSHOTS = await screenshotDir();
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  interface Opened {
    page: Page;
    context: BrowserContext;
    frame: Frame;
    /** Every request any frame tried to make (all are refused). */
    requests: string[];
    /** Console messages about the Content Security Policy. */
    cspErrors: string[];
    log: () => Promise<HostLog>;
  }

  async function open(
    result: ToolResult,
    options: { input?: Record<string, unknown>; hostContext?: Record<string, unknown>; width?: number; viewport?: { width: number; height: number } } = {},
  ): Promise<Opened> {
    const width = options.width ?? 720;
    const context = await browser.newContext({ viewport: options.viewport ?? { width: width + 40, height: 900 } });
    const requests: string[] = [];
    const cspErrors: string[] = [];
    await context.route('**/*', (route) => {
      requests.push(route.request().url());
      return route.abort();
    });
    context.on('request', (request) => {
      if (!requests.includes(request.url())) requests.push(request.url());
    });
    const page = await context.newPage();
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) cspErrors.push(m.text());
    });
    await page.setContent(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Test host</title></head><body style="margin:20px;background:#ddd"><main id="chat"></main></body></html>`);
    await page.addScriptTag({ content: hostScript });
    await page.evaluate(
      (o) => window.startHost(o as Parameters<Window['startHost']>[0]),
      { html, input: options.input ?? {}, result, hostContext: options.hostContext ?? { theme: 'light', locale: 'en-GB' }, width },
    );
    await page.waitForFunction(() => window.hostLog.initialized);
    const frame = page.frames().find((f) => f !== page.mainFrame())!;
    await frame.waitForSelector('main#plan h1');
    await frame.waitForFunction(() => !document.querySelector('main#plan .message') || document.querySelector('main#plan .message')?.textContent !== 'Loading your plan…');
    return { page, context, frame, requests, cspErrors, log: () => page.evaluate(() => window.hostLog) as Promise<HostLog> };
  }

  async function axe(frame: Frame): Promise<string[]> {
    await frame.evaluate(AXE);
    const result = (await frame.evaluate('axe.run(document)')) as { violations: AxeViolation[]; incomplete: AxeViolation[]; passes: unknown[] };
    expect(result.passes.length).toBeGreaterThan(15);
    return [...result.violations, ...result.incomplete]
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}) ${v.help} at ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
  }

  /** A screenshot of the host page sized to the whole view (a full-page capture can miss an out-of-process frame). */
  async function snap(v: Opened, file: string): Promise<void> {
    const size = await v.page.evaluate(() => {
      window.scrollTo(0, 0);
      const box = document.querySelector('iframe')!.getBoundingClientRect();
      return { width: Math.ceil(box.right + 20), height: Math.ceil(box.bottom + 20) };
    });
    await v.page.setViewportSize(size);
    await v.frame.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    await v.page.waitForTimeout(200);
    await v.page.screenshot({ path: join(SCREENSHOTS, file) });
  }

  const attr = (frame: Frame, selector: string, name: string) => frame.locator(selector).first().getAttribute(name);
  const text = (frame: Frame, selector: string) => frame.locator(selector).first().innerText();
  /** Text of an element that may sit in a closed <details> (innerText is empty there). */
  const content = async (frame: Frame, selector: string) => (await frame.locator(selector).first().textContent()) ?? '';

  it('non-EU visitor: dates, holiday marks, checklist, stages, next-stage message, citation links and the calendar file', async () => {
    const v = await open(results.visitor, { input: CASES.visitor });
    try {
      const { frame } = v;
      const skill = corpus.getSkill('annex-3-arrival-declaration')!;
      expect(await text(frame, 'h2')).toBe('Arrival declaration (annex 3)');
      // The legal date and the safe date, written out, with the contested flag on the date they concern.
      expect(await text(frame, 'li.date.deadline time')).toMatch(/^Wednesday,? 8 April 2026$/);
      expect(await attr(frame, 'li.date.deadline time', 'datetime')).toBe('2026-04-08');
      expect(await text(frame, 'li.date.safe time')).toMatch(/^Tuesday,? 7 April 2026$/);
      expect(await frame.locator('li.date.deadline .badge[data-contested]').count()).toBe(1);
      const disputes = await frame.locator('li.date.deadline details.contested p').allTextContents();
      expect(disputes.some((t) => t.includes('8 days'))).toBe(true);
      expect(disputes.some((t) => t.includes('Saturday'))).toBe(true);
      // The month calendar: Easter Monday is marked as a public holiday, the dates and the arrival day are marked.
      expect(await frame.locator('table.month caption').allInnerTexts()).toEqual(['April 2026']);
      expect(await attr(frame, 'td[data-date="2026-04-06"]', 'class')).toContain('holiday');
      expect(await attr(frame, 'td[data-date="2026-04-06"]', 'title')).toBe('Public holiday: Easter Monday');
      expect(await attr(frame, 'td[data-date="2026-04-08"]', 'class')).toContain('deadline');
      expect(await attr(frame, 'td[data-date="2026-04-07"]', 'class')).toContain('safe');
      expect(await attr(frame, 'td[data-date="2026-04-02"]', 'class')).toContain('arrival');
      expect(await frame.locator('td.holiday').count()).toBe(1);
      expect(await frame.locator('thead th').first().getAttribute('abbr')).toBe('Monday');

      // Every citation link opens the reference's official URL.
      const links = await frame.locator('a.cite').evaluateAll((as) => as.map((a) => ({ id: a.getAttribute('data-ref'), href: a.getAttribute('href') })));
      expect(links.length).toBeGreaterThan(10);
      for (const link of links) expect(link.href, link.id!).toBe(corpus.registry.get(link.id!)!.url);
      const deadlineSources = await frame.locator('li.date.deadline .source-list a.cite').evaluateAll((as) => as.map((a) => a.getAttribute('data-ref')));
      expect(deadlineSources).toEqual(['loi-1980-12-15-etrangers', 'rd-1981-10-08-etrangers', 'loi-1974-01-04-jours-feries', 'ar-1974-04-18-jours-feries']);
      await frame.locator('li.date.deadline .source-list a.cite').first().click();
      expect((await v.log()).links).toEqual([corpus.registry.get('loi-1980-12-15-etrangers')!.url]);

      // The documents as a checklist whose state the view keeps.
      const boxes = frame.locator('ul.checklist input[type=checkbox]');
      expect(await boxes.count()).toBe(skill.documents.length);
      expect(await text(frame, '.documents .progress')).toBe(`0 of ${skill.documents.length} ready`);
      await boxes.first().check();
      await boxes.nth(2).check();
      expect(await text(frame, '.documents .progress')).toBe(`2 of ${skill.documents.length} ready`);
      await v.page.waitForFunction(() => window.hostLog.contexts.length > 0);
      expect((await v.log()).contexts.at(-1)?.content[0]?.text).toContain(`documents ready 2 of ${skill.documents.length}`);

      // The stages, the current one highlighted, and the button that asks the assistant for the next one.
      expect(await frame.locator('ol.stages li').count()).toBe(skill.stages.length);
      expect(await attr(frame, 'ol.stages li[aria-current="step"]', 'data-stage')).toBe('1');
      expect(await text(frame, 'button.walk')).toBe(`Walk me through stage 2: ${skill.stages[1]!.title}`);
      await frame.locator('button.walk').click();
      await v.page.waitForFunction(() => window.hostLog.messages.length === 1);
      const [message] = (await v.log()).messages;
      expect(message?.role).toBe('user');
      expect(message?.content).toEqual([{ type: 'text', text: `Please walk me through stage 2 (“${skill.stages[1]!.title}”) of Arrival declaration (annex 3), skill annex-3-arrival-declaration.` }]);
      await frame.waitForSelector('ol.stages li[data-stage="2"][aria-current="step"]');
      expect(await text(frame, 'button.walk')).toBe(`Walk me through stage 3: ${skill.stages[2]!.title}`);
      expect(await text(frame, '.stage-list .status')).toBe('Asked the assistant.');
      // Ticks survive the re-render.
      expect(await text(frame, '.documents .progress')).toBe(`2 of ${skill.documents.length} ready`);

      // "Add to calendar" hands the host an iCalendar file with the two dates as all-day events.
      await frame.locator('button.ics').click();
      await v.page.waitForFunction(() => window.hostLog.downloads.length === 1);
      const [download] = (await v.log()).downloads;
      expect(download?.contents[0]?.resource.mimeType).toBe('text/calendar');
      const calendar = parseCalendar(download!.contents[0]!.resource.text);
      expect(calendar.events.map((e) => [e.start, e.allDay, e.summary])).toEqual([
        ['2026-04-08', true, 'Last day (legal date): Arrival declaration (annex 3)'],
        ['2026-04-07', true, 'Safe date: Arrival declaration (annex 3)'],
      ]);

      expect((await v.log()).sizes.some((s) => (s.height ?? 0) > 400)).toBe(true);
      await snap(v, 'plan-view.png');
      expect(v.requests).toEqual([]);
      expect(v.cspErrors).toEqual([]);
    } finally {
      await v.context.close();
    }
  }, 120_000);

  it('EU worker in French with a dark theme: 15 August is both a holiday and the legal date, the safe date is the Friday', async () => {
    const v = await open(results.euWorker, { input: CASES.euWorker, hostContext: { theme: 'dark', locale: 'fr-BE' } });
    try {
      const { frame } = v;
      expect(await frame.evaluate(() => [document.documentElement.lang, document.documentElement.dataset.theme])).toEqual(['fr', 'dark']);
      expect(await text(frame, 'h1')).toBe('Votre plan');
      expect(await text(frame, 'li.date.deadline .label')).toBe('Dernier jour (date légale)\u00a0:');
      expect(await text(frame, 'li.date.deadline time')).toBe('samedi 15 août 2026');
      expect(await text(frame, 'li.date.safe time')).toBe('vendredi 14 août 2026');
      const cell = await attr(frame, 'td[data-date="2026-08-15"]', 'class');
      expect(cell).toContain('holiday');
      expect(cell).toContain('deadline');
      expect(await attr(frame, 'td[data-date="2026-08-15"]', 'title')).toContain('Jour férié\u00a0: Assomption');
      expect(await attr(frame, 'td[data-date="2026-08-14"]', 'class')).toContain('safe');
      // Procedure texts stay as the skills write them, marked as English for screen readers.
      expect(await attr(frame, 'h2', 'lang')).toBe('en');
      const background = await frame.evaluate(() => getComputedStyle(document.body).backgroundColor);
      expect(background).toBe('rgb(22, 22, 22)');
      // A long stay brings the health-insurance step too; the first procedure is the registration.
      await frame.locator('button.walk').first().click();
      await v.page.waitForFunction(() => window.hostLog.messages.length === 1);
      expect((await v.log()).messages[0]?.content[0]?.text).toMatch(/^Guidez-moi pour l’étape 2 \(« .+ »\) de Registration as an EU citizen \(annex 19\), skill annex-19-eu-registration\.$/);
      expect(await axe(frame)).toEqual([]);
      await snap(v, 'plan-view-fr-dark.png');
      expect(v.requests).toEqual([]);
      expect(v.cspErrors).toEqual([]);
    } finally {
      await v.context.close();
    }
  }, 120_000);

  it('card renewal in Dutch: the window on the calendar, its contested opening day, Christmas marked; a language change re-renders', async () => {
    const v = await open(results.renewal, { input: CASES.renewal, hostContext: { theme: 'light', locale: 'nl-BE' } });
    try {
      const { frame } = v;
      expect(await text(frame, 'li.date.opens time')).toBe('vrijdag 11 december 2026');
      expect(await text(frame, 'li.date.closes time')).toBe('maandag 21 december 2026');
      expect(await frame.locator('li.date.opens .badge[data-contested]').count()).toBe(1);
      expect(await content(frame, 'li.date.opens details.contested p')).toContain('When the window opens is disputed');
      expect(await attr(frame, 'td[data-date="2026-12-15"]', 'class')).toContain('in-window');
      expect(await attr(frame, 'td[data-date="2026-12-25"]', 'title')).toBe('Feestdag: Kerstmis');
      expect(await frame.locator('table.month caption').allTextContents()).toEqual(['december 2026']);
      await v.page.evaluate(() => window.changeHostContext({ theme: 'dark', locale: 'de-DE' }));
      await frame.waitForFunction(() => document.querySelector('h1')?.textContent === 'Ihr Plan');
      expect(await attr(frame, 'td[data-date="2026-12-25"]', 'title')).toBe('Feiertag: Weihnachten');
      expect(await frame.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
      expect(v.requests).toEqual([]);
    } finally {
      await v.context.close();
    }
  }, 120_000);

  it('get_skill: stages and checklist for one procedure, no calendar', async () => {
    const v = await open(results.getSkill);
    try {
      const { frame } = v;
      const skill = corpus.getSkill('annex-19-eu-registration')!;
      expect(await text(frame, 'h2')).toBe(skill.meta.title);
      expect(await frame.locator('ul.checklist input').count()).toBe(skill.documents.length);
      expect(await frame.locator('ol.stages li').count()).toBe(skill.stages.length);
      expect(await frame.locator('table.month').count()).toBe(0);
      expect(await frame.locator('button.ics').count()).toBe(0);
      expect(await frame.locator('details.contested').count()).toBe(1);
    } finally {
      await v.context.close();
    }
  }, 120_000);

  it.each([
    ['an older server without structured content', { content: [{ type: 'text', text: 'Arrival declaration (annex 3): report within 3 working days.' }] }, 'This answer cannot be shown as a plan.'],
    ['structured content with missing fields', { content: [{ type: 'text', text: 'Something the view cannot read.' }], structuredContent: { procedures: [{ title: 'No skill' }] } }, 'This answer cannot be shown as a plan.'],
    ['an error result', { content: [{ type: 'text', text: 'nationality "XX" is not an assigned ISO 3166-1 alpha-2 code' }], isError: true }, 'The server could not answer:'],
  ])('%s shows a plain message and the text content, never a blank frame', async (_, result, message) => {
    const v = await open(result as ToolResult);
    try {
      expect(await text(v.frame, '.message')).toContain(message);
      expect(await text(v.frame, 'pre.raw')).toBe((result as ToolResult).content[0]!.text);
      expect(v.requests).toEqual([]);
    } finally {
      await v.context.close();
    }
  }, 60_000);

  it('makes no network request from loading to every action, and passes axe at a phone width without horizontal scrolling', async () => {
    const v = await open(results.visitor, { input: CASES.visitor, width: 320, viewport: { width: 360, height: 800 } });
    try {
      const { frame } = v;
      await frame.locator('ul.checklist input').first().check();
      await frame.locator('ol.stages button.stage-pick').nth(3).click();
      await frame.locator('details.contested summary').first().click();
      await frame.locator('button.ics').click();
      await frame.locator('button.walk').click();
      await v.page.waitForFunction(() => window.hostLog.messages.length === 1 && window.hostLog.downloads.length === 1);
      expect(await frame.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
      expect(await axe(frame)).toEqual([]);
      await snap(v, 'plan-view-phone.png');
      expect(v.requests).toEqual([]);
      expect(v.cspErrors).toEqual([]);
    } finally {
      await v.context.close();
    }
  }, 120_000);
});
