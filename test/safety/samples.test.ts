import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { assessInjection, detectPersonalData, scanInjection } from '../../src/safety/index.js';

// The real-world texts live outside the repository (../shared/samples relative to the repo root).
const SAMPLES = new URL('../../../shared/samples/', import.meta.url);
const read = (name: string): string => readFileSync(fileURLToPath(new URL(name, SAMPLES)), 'utf8');
const paragraphs = (text: string): string[] => text.split(/\n\s*\n/).filter((p) => p.trim().length > 0);

const BENIGN = ['commune-annex-3-nl.txt', 'tongeren-borgloon-short-stay-nl.txt', 'generic-registration-article-en.txt'];

/** The "alpha skill" banner of the annex-19 sample: from "Reading this as a human?" to "This skill is brand-new…". */
function splitBanner(text: string): { banner: string[]; body: string[] } {
  const paras = paragraphs(text);
  const from = paras.findIndex((p) => p.startsWith('Reading this as a human?'));
  const to = paras.findIndex((p) => p.startsWith('This skill is brand-new'));
  if (from < 0 || to < from) throw new Error('banner not found in annex-19-skill-en.txt');
  return { banner: paras.slice(from, to + 1), body: [...paras.slice(0, from), ...paras.slice(to + 1)] };
}

describe('samples (I1, F2)', () => {
  for (const name of BENIGN) {
    it(`I1: zero injection findings on every paragraph of ${name}, in skill and observation context`, () => {
      const paras = paragraphs(read(name));
      expect(paras.length).toBeGreaterThan(5);
      for (const p of paras) {
        expect(scanInjection(p, { context: 'skill' }), p).toEqual([]);
        expect(scanInjection(p, { context: 'observation' }), p).toEqual([]);
      }
    });
    it(`F2: zero personal-data findings on ${name}`, () => {
      for (const p of paragraphs(read(name))) expect(detectPersonalData(p), p).toEqual([]);
    });
  }

  it('I1: zero injection findings on annex-19-skill-en.txt outside its banner', () => {
    const { body } = splitBanner(read('annex-19-skill-en.txt'));
    expect(body.length).toBeGreaterThan(30);
    for (const p of body) {
      expect(scanInjection(p, { context: 'skill' }), p).toEqual([]);
      expect(scanInjection(p, { context: 'observation' }), p).toEqual([]);
    }
  });

  it('I1: the whole annex-19 body scanned as one text has no findings', () => {
    const { body } = splitBanner(read('annex-19-skill-en.txt'));
    expect(scanInjection(body.join('\n\n'), { context: 'skill' })).toEqual([]);
  });

  it('F2: zero personal-data findings on annex-19-skill-en.txt', () => {
    expect(detectPersonalData(read('annex-19-skill-en.txt'))).toEqual([]);
  });

  it('R4: the annex-19 banner that tells the assistant to file a validation is a hard finding in skill context', () => {
    const { banner } = splitBanner(read('annex-19-skill-en.txt'));
    const directive = banner.find((p) => p.includes('injection_flag')) as string;
    const findings = scanInjection(directive, { context: 'skill' });
    const r4 = findings.filter((f) => f.rule === 'R4');
    expect(r4.length).toBeGreaterThan(0);
    expect(r4.every((f) => f.class === 'hard')).toBe(true);
    expect(r4.map((f) => directive.slice(f.start, f.end))).toContain('injection_flag');
    expect(assessInjection(directive, { context: 'skill' }).decision).toBe('reject');
  });

  it('R9/R5: the promotional sample card-renewal-promo-zh.txt is rejected for its Telegram handle and external image', () => {
    const text = read('card-renewal-promo-zh.txt');
    const { findings, decision } = assessInjection(text, { context: 'observation' });
    expect(decision).toBe('reject');
    const rules = new Set(findings.filter((f) => f.class === 'hard').map((f) => f.rule));
    expect(rules.has('R9')).toBe(true);
    expect(rules.has('R5')).toBe(true);
    const spans = findings.map((f) => text.slice(f.start, f.end));
    expect(spans.some((s) => s.includes('@esim1088'))).toBe(true);
    expect(spans.some((s) => s.startsWith('![Image]'))).toBe(true);
  });

  it('I1: the Chinese article text itself (without the spam lines) is clean', () => {
    const paras = paragraphs(read('card-renewal-promo-zh.txt')).filter((p) => !p.includes('esim1088'));
    for (const p of paras) expect(scanInjection(p, { context: 'observation' }), p).toEqual([]);
  });
});
