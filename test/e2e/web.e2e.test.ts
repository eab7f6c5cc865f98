/**
 * Drives Debian's Chromium (no browser download) through playwright-core against the real app with the web
 * routes mounted, the way a person meets loket: open the index, search "bijlage 3", open the annex 3 skill,
 * walk its stages, and check that every citation footnote leads to its reference's official URL. Also pins
 * that pages work under their own CSP and without JavaScript, are keyboard navigable, pass axe-core with no
 * serious or critical violations, and writes desktop and phone screenshots (see test/helpers/chromium.ts for where).
 * Skipped (with a message) only when /usr/bin/chromium is absent; `scripts/ensure-chromium.sh` installs it.
 */
import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/load-corpus.js';
import type { Corpus } from '../../src/corpus/types.js';
import { createHttpApp } from '../../src/http/app.js';
import { createSearchIndex } from '../../src/search/index.js';
import { createWebRoutes } from '../../src/web/routes.js';
import { hasChromium, launchChromium, screenshotDir, warnIfNoChromium } from '../helpers/chromium.js';

const ROOT = resolve(import.meta.dirname, '../..');
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const NAME = 'annex-3-arrival-declaration';
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
warnIfNoChromium('the browser suite');
let SCREENSHOTS = '';

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

describe.skipIf(!hasChromium)('web surface in Chromium', () => {
  let app: Server;
  let origin: string;
  let corpus: Corpus;
  let browser: Browser;

  beforeAll(async () => {
    corpus = await loadCorpus(ROOT);
    const routes = createWebRoutes({ corpus, search: createSearchIndex(corpus), mcpPath: '/mcp' });
    app = createHttpApp({ corpus, routes });
    await new Promise<void>((r) => app.listen(0, '127.0.0.1', r));
    origin = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
    SCREENSHOTS = await screenshotDir();
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    if (app) await new Promise<void>((r) => app.close(() => r()));
  });

  async function withPage<T>(options: Parameters<Browser['newContext']>[0], run: (page: Page, context: BrowserContext) => Promise<T>): Promise<T> {
    const context = await browser.newContext(options);
    try {
      const page = await context.newPage();
      return await run(page, context);
    } finally {
      await context.close();
    }
  }

  /** Expected footnote targets in document order: the citation tags of the skill, numbered by first use. */
  function expectedFootnotes(name: string): { number: number; url: string }[] {
    const skill = corpus.getSkill(name)!;
    const numbers = new Map<string, number>();
    return [...skill.citations]
      .sort((a, b) => a.offset - b.offset)
      .map((c) => {
        const key = `${c.id}|${c.locator ?? ''}`;
        if (!numbers.has(key)) numbers.set(key, numbers.size + 1);
        return { number: numbers.get(key)!, url: corpus.registry.get(c.id)!.url };
      });
  }

  it('search "bijlage 3" from the index, open the annex 3 skill and walk its stages', async () => {
    await withPage({ viewport: DESKTOP }, async (page) => {
      const violations: string[] = [];
      page.on('console', (m) => {
        if (/Content Security Policy|Refused/i.test(m.text())) violations.push(m.text());
      });
      await page.goto(`${origin}/skills`);
      expect(await page.locator('h1').textContent()).toContain('Belgian commune procedures');
      // The inline stylesheet is allowed by its CSP hash: the skip link is styled off-screen.
      expect(await page.locator('a.skip').evaluate((el) => (globalThis as any).getComputedStyle(el).position)).toBe('absolute');

      await page.getByLabel('Search procedures').fill('bijlage 3');
      await page.getByRole('button', { name: 'Search' }).click();
      await page.waitForURL(/\/skills\?q=bijlage(\+|%20)3$/);
      const first = page.locator('ul.skills > li h3 a').first();
      expect(await first.getAttribute('href')).toBe(`/skills/${NAME}`);
      await first.click();
      await page.waitForURL(`${origin}/skills/${NAME}`);
      const skill = corpus.getSkill(NAME)!;
      expect(await page.locator('h1').textContent()).toBe(skill.meta.title);
      expect(await page.locator('p.status').first().textContent()).toContain(`Version ${skill.meta.version}`);

      // The paste box names this skill's URL and the MCP endpoint of the same server.
      const paste = await page.locator('section.paste').textContent();
      expect(paste).toContain(`${origin}/skills/${NAME}`);
      expect(paste).toContain(`${origin}/mcp`);

      // Follow every stage from the table of contents, in order.
      const stageLinks = page.locator('nav.toc a[href^="#stage-"]');
      expect(await stageLinks.count()).toBe(skill.stages.length);
      for (const stage of skill.stages) {
        await page.locator(`nav.toc a[href="#stage-${stage.index}"]`).click();
        expect(page.url()).toBe(`${origin}/skills/${NAME}#stage-${stage.index}`);
        const section = page.locator(`section#stage-${stage.index}`);
        await expect.poll(() => section.locator('h3').isVisible()).toBe(true);
        expect(await section.locator('h3').textContent()).toContain(stage.title);
        expect(await section.locator('ul > li').count()).toBe(stage.steps.length);
        if (stage.deadline) expect(await section.locator('dl.stage-facts dt', { hasText: 'Deadline' }).count()).toBe(1);
        if (stage.outcome) expect(await section.locator('dl.stage-facts dt', { hasText: 'Outcome' }).count()).toBe(1);
      }

      // Contested notes are visible and labelled.
      const contested = page.locator('aside.contested[role="note"]');
      expect(await contested.count()).toBe(skill.contested.length);
      expect(await contested.first().locator('.label').textContent()).toBe('Contested');
      expect(violations).toEqual([]);
    });
  }, 120_000);

  it('every citation footnote links to its source, and each source to the registry URL', async () => {
    await withPage({ viewport: DESKTOP }, async (page) => {
      for (const skill of corpus.skills) {
        await page.goto(`${origin}/skills/${skill.name}`);
        const expected = expectedFootnotes(skill.name);
        const hrefs = await page.locator('sup.cite a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
        expect(hrefs).toEqual(expected.map((e) => `#source-${e.number}`));
        const sources = await page
          .locator('ol.sources > li')
          .evaluateAll((items) => items.map((li) => [li.id, li.querySelector('a')?.getAttribute('href')]));
        const byNumber = new Map((sources as [string, string][]).map(([id, url]) => [Number(id.replace('source-', '')), url]));
        for (const e of expected) expect(byNumber.get(e.number)).toBe(e.url);
      }
      // Clicking a footnote lands on its source.
      await page.goto(`${origin}/skills/${NAME}`);
      await page.locator('sup.cite a').first().click();
      expect(page.url()).toBe(`${origin}/skills/${NAME}#source-1`);
      expect(await page.locator('#source-1 a').first().getAttribute('href')).toBe(expectedFootnotes(NAME)[0]!.url);
    });
  }, 120_000);

  it('reads without JavaScript', async () => {
    await withPage({ viewport: PHONE, javaScriptEnabled: false }, async (page) => {
      await page.goto(`${origin}/skills/${NAME}`);
      expect(await page.locator('section.stage').count()).toBe(corpus.getSkill(NAME)!.stages.length);
      expect(await page.locator('ul.checklist > li').count()).toBe(corpus.getSkill(NAME)!.documents.length);
      await page.goto(`${origin}/skills?q=annexe%2019`);
      expect(await page.locator('ul.skills > li h3 a').first().getAttribute('href')).toBe('/skills/annex-19-eu-registration');
    });
  }, 120_000);

  it('is keyboard navigable: the first Tab reaches a visible skip link that moves focus to the content', async () => {
    await withPage({ viewport: DESKTOP }, async (page) => {
      await page.goto(`${origin}/skills/${NAME}`);
      await page.keyboard.press('Tab');
      // Key presses and the focus or hash changes they cause settle asynchronously on a busy machine: poll.
      await expect.poll(() => page.evaluate('document.activeElement.className')).toBe('skip');
      const box = await page.locator('a.skip').boundingBox();
      expect(box && box.y >= 0).toBe(true);
      expect(await page.locator('a.skip').evaluate((el) => (globalThis as any).getComputedStyle(el).outlineStyle)).not.toBe('none');
      await page.keyboard.press('Enter');
      await expect.poll(() => page.url()).toMatch(/#main$/);
      await page.keyboard.press('Tab');
      // Focus continues inside the main content, not back in the header.
      await expect.poll(() => page.evaluate('document.activeElement.closest("main") !== null')).toBe(true);
    });
  }, 120_000);

  for (const [label, viewport] of [['desktop', DESKTOP], ['phone', PHONE]] as const) {
    it(`axe-core finds no serious or critical violations or unresolved checks (${label})`, async () => {
      await withPage({ viewport, bypassCSP: true }, async (page) => {
        for (const target of ['/skills', `/skills/${NAME}`, '/skills?q=bijlage%203', '/no-such-page']) {
          await page.goto(`${origin}${target}`);
          await page.addScriptTag({ path: AXE });
          const result = (await page.evaluate('axe.run(document)')) as { violations: AxeViolation[]; incomplete: AxeViolation[]; passes: unknown[] };
          // axe really ran its rules on the page.
          expect(result.passes.length).toBeGreaterThan(20);
          const serious = [...result.violations, ...result.incomplete]
            .filter((v) => v.impact === 'serious' || v.impact === 'critical')
            .map((v) => `${target}: ${v.id} (${v.impact}) ${v.help} at ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
          expect(serious).toEqual([]);
        }
      });
    }, 120_000);

    it(`renders without horizontal scrolling and writes screenshots (${label})`, async () => {
      await withPage({ viewport }, async (page) => {
        for (const [target, file] of [['/skills', 'index'], [`/skills/${NAME}`, 'skill'], ['/skills?q=bijlage%203', 'search']] as const) {
          await page.goto(`${origin}${target}`);
          const overflow = await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth');
          expect(overflow).toBeLessThanOrEqual(0);
          await page.screenshot({ path: join(SCREENSHOTS, `${file}-${label}.png`) });
          await page.screenshot({ path: join(SCREENSHOTS, `${file}-${label}-full.png`), fullPage: true });
        }
        await page.goto(`${origin}/skills/${NAME}#stage-2`);
        await page.screenshot({ path: join(SCREENSHOTS, `stage-${label}.png`) });
        await page.goto(`${origin}/skills/${NAME}#documents`);
        await page.screenshot({ path: join(SCREENSHOTS, `documents-${label}.png`) });
        await page.locator('aside.contested').first().screenshot({ path: join(SCREENSHOTS, `contested-${label}.png`) });
        await page.goto(`${origin}/skills/${NAME}#sources`);
        await page.screenshot({ path: join(SCREENSHOTS, `sources-${label}.png`) });
        expect(existsSync(join(SCREENSHOTS, `skill-${label}.png`))).toBe(true);
      });
    }, 120_000);
  }
});
