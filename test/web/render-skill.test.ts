/**
 * Pins how a skill reads as a web page: stages as numbered sections with labelled deadline and outcome, the
 * documents as a checklist, contested notes visibly marked, citation tags as numbered footnotes whose "Sources"
 * entries link to the registry's official URL with the legal identifiers, and a sanitiser that lets nothing
 * else through (raw HTML, scripts, images, javascript: links).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/load-corpus.js';
import type { Corpus, Registry } from '../../src/corpus/types.js';
import type { Reference } from '../../src/references/schema.js';
import { renderSkillBody } from '../../src/web/render-skill.js';
import { REPO_ROOT } from './helpers.js';

let corpus: Corpus;
beforeAll(async () => {
  corpus = await loadCorpus(REPO_ROOT);
});

const REF: Reference = {
  id: 'loi-test',
  title: 'Loi de test',
  short_title: 'Test Act',
  kind: 'statute',
  issuer: 'Parliament',
  url: 'https://www.ejustice.just.fgov.be/eli/loi/1980/12/15/1980121550/justel',
  numac: '1980121550',
  eli: 'eli/loi/1980/12/15/1980121550',
  languages: ['fr', 'nl'],
  checked: '2026-09-28',
};
const registry: Pick<Registry, 'get'> = { get: (id) => (id === REF.id ? REF : undefined) };

describe('the real skills', () => {
  it('every stage of every skill is a <section id="stage-N"> in order, with its heading', () => {
    for (const skill of corpus.skills) {
      const { html } = renderSkillBody(skill.body, corpus.registry);
      const ids = [...html.matchAll(/<section id="(stage-\d+)" class="stage"><h3>([^<]*)<\/h3>/g)];
      expect(ids.map((m) => m[1])).toEqual(skill.stages.map((s) => `stage-${s.index}`));
      expect(ids.map((m) => m[2])).toEqual(skill.stages.map((s) => s.title.startsWith('Stage') ? s.title : expect.stringContaining(s.title)));
    }
  });

  it('labels each stage’s deadline and outcome', () => {
    for (const skill of corpus.skills) {
      const { html } = renderSkillBody(skill.body, corpus.registry);
      for (const stage of skill.stages) {
        const section = new RegExp(`<section id="stage-${stage.index}" class="stage">([\\s\\S]*?)</section>`).exec(html)?.[1] ?? '';
        expect(section.includes('<dt>Deadline</dt>')).toBe(stage.deadline !== undefined);
        expect(section.includes('<dt>Outcome</dt>')).toBe(stage.outcome !== undefined);
      }
    }
  });

  it('numbers each distinct citation once and links every footnote to a source with the registry URL', () => {
    for (const skill of corpus.skills) {
      const { html, sources } = renderSkillBody(skill.body, corpus.registry);
      const distinct = new Set(skill.citations.map((c) => `${c.id}|${c.locator ?? ''}`));
      expect(sources.length).toBe(distinct.size);
      const order = [...new Set([...skill.citations].sort((a, b) => a.offset - b.offset).map((c) => `${c.id}|${c.locator ?? ''}`))];
      expect(sources.map((s) => `${s.id}|${s.locator ?? ''}`)).toEqual(order);
      const footnotes = [...html.matchAll(/<sup class="cite"><a href="#source-(\d+)"/g)];
      expect(html).not.toMatch(/<\/span>\s+<span class="cites">/);
      expect(footnotes.length).toBe(skill.citations.length);
      for (const s of sources) {
        const item = new RegExp(`<li id="source-${s.number}"><a href="([^"]+)">`).exec(html);
        expect(item?.[1]).toBe(corpus.registry.get(s.id)!.url.replace(/&/g, '&#x26;'));
      }
    }
  });

  it('turns every contested note into a labelled aside', () => {
    for (const skill of corpus.skills) {
      const { html } = renderSkillBody(skill.body, corpus.registry);
      const asides = html.match(/<aside class="contested" role="note" aria-label="Contested">\s*<p><span class="label">Contested<\/span>/g) ?? [];
      expect(asides.length).toBe(skill.contested.length);
      expect(html).not.toContain('<blockquote>\n<p><strong>Contested:');
    }
  });

  it('renders the documents section as a checklist', () => {
    const skill = corpus.getSkill('annex-3-arrival-declaration')!;
    const { html } = renderSkillBody(skill.body, corpus.registry);
    expect(html).toMatch(/<section id="documents"><h2>Documents<\/h2>\s*<ul class="checklist">/);
  });
});

describe('footnotes', () => {
  it('shows title, kind, locator and legal identifiers in the Sources list', () => {
    const { html, sources } = renderSkillBody('## Scope\n\nA claim [loi-test, art. 5]. Another [loi-test, art. 5] [loi-test].\n', registry);
    expect(sources.map((s) => [s.number, s.locator])).toEqual([[1, 'art. 5'], [2, undefined]]);
    expect(html).toContain('<a href="#source-1" id="cite-1-1" title="Test Act, art. 5">[1]</a>');
    expect(html).toContain('<a href="#source-1" id="cite-1-2" title="Test Act, art. 5">[1]</a>');
    expect(html).toContain('<a href="#source-2" id="cite-2-1" title="Test Act">[2]</a>');
    // Marks follow their word with no space and stay together on one line.
    expect(html).toContain('Another<span class="cites"><sup class="cite"><a href="#source-1" id="cite-1-2" title="Test Act, art. 5">[1]</a></sup><sup class="cite"><a href="#source-2"');
    const item = /<li id="source-1">([\s\S]*?)<\/li>/.exec(html)?.[1] ?? '';
    expect(item).toContain(`<a href="${REF.url}">Test Act</a>, art. 5<span class="meta">Loi de test</span>`);
    expect(item).toContain('Statute');
    expect(item).toContain('NUMAC 1980121550');
    expect(item).toContain('ELI eli/loi/1980/12/15/1980121550');
  });

  it('leaves tags in code and unknown ids as text', () => {
    const { html, sources } = renderSkillBody('## Scope\n\nCode `[loi-test]` and [unknown-ref] stay.\n', registry);
    expect(sources).toEqual([]);
    expect(html).toContain('<code>[loi-test]</code>');
    expect(html).toContain('[unknown-ref]');
  });
});

describe('sanitising', () => {
  it('drops raw HTML, scripts, images, event handlers and javascript: links', () => {
    const body = [
      '## Scope',
      '',
      '<script>alert(1)</script>',
      '',
      'Text <img src=x onerror=alert(1)> and <a href="https://x" onclick="alert(1)">raw</a>.',
      '',
      '![pic](https://example.org/p.png)',
      '',
      '[click](javascript:alert(1)) [data](data:text/html,hi) [ok](https://dofi.ibz.be/)',
      '',
      '<iframe src="https://example.org"></iframe><style>body{}</style>',
      '',
    ].join('\n');
    const { html } = renderSkillBody(body, registry);
    expect(html).not.toMatch(/<script|<img|<iframe|<style|onerror|onclick|javascript:|data:text/i);
    expect(html).toContain('<a href="https://dofi.ibz.be/">ok</a>');
    expect(html).toContain('<a>click</a>');
  });

  it('keeps GFM tables and strips task-list inputs', () => {
    const { html } = renderSkillBody('## Fees\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n- [ ] todo\n', registry);
    expect(html).toContain('<table>');
    expect(html).not.toContain('<input');
  });
});
