/**
 * The scanners on texts of the kinds that circulate about these procedures (fixtures in test/fixtures/samples/,
 * written for these tests): commune pages in Dutch with non-breaking and narrow non-breaking spaces, a generic
 * English article with a provider table, an earlier skill whose banner tells the assistant to file a validation,
 * and a Chinese promotional article mixing scripts and emoji with Telegram link lines and an external image.
 * Benign text gives no injection (I1) and no personal-data (F2) findings; the banner is an R4 hard finding; the
 * spam lines are R9 and R5 hard findings, and the article around them is clean.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assessInjection, detectPersonalData, scanInjection } from '../../src/safety/index.js';
import { fixtures } from '../helpers/paths.js';

const read = (name: string): string => readFileSync(join(fixtures, 'samples', name), 'utf8');
const paragraphs = (text: string): string[] => text.split(/\n\s*\n/).filter((p) => p.trim().length > 0);

const BENIGN = ['commune-arrival-nl.txt', 'short-stay-nl.txt', 'registration-article-en.txt'];
const SKILL = 'eu-registration-skill-en.txt';
const PROMO = 'card-renewal-promo-zh.txt';
const HANDLE = '@kaxufei88';

/** The banner of the early-stage skill: from "Are you a person reading this?" to "This skill is new …". */
function splitBanner(text: string): { banner: string[]; body: string[] } {
  const paras = paragraphs(text);
  const from = paras.findIndex((p) => p.startsWith('Are you a person reading this?'));
  const to = paras.findIndex((p) => p.startsWith('This skill is new'));
  if (from < 0 || to < from) throw new Error(`banner not found in ${SKILL}`);
  return { banner: paras.slice(from, to + 1), body: [...paras.slice(0, from), ...paras.slice(to + 1)] };
}

describe('samples (I1, F2)', () => {
  it('the fixtures carry the phenomena the scanners must tolerate or catch', () => {
    expect(read('commune-arrival-nl.txt')).toContain('\u00a0');
    const shortStay = read('short-stay-nl.txt');
    expect(shortStay).toContain('\u00a0');
    expect(shortStay).toContain('\u202f');
    expect(read('registration-article-en.txt')).toMatch(/^\|.*\|$/m);
    const promo = read(PROMO);
    expect(promo).toMatch(/\p{Script=Han}/u);
    expect(promo).toMatch(/\p{Extended_Pictographic}/u);
    expect(promo).toMatch(/\p{Script=Han}[^\n]*commune \/ gemeente/u);
  });

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

  it(`I1: zero injection findings on ${SKILL} outside its banner`, () => {
    const { body } = splitBanner(read(SKILL));
    expect(body.length).toBeGreaterThan(30);
    for (const p of body) {
      expect(scanInjection(p, { context: 'skill' }), p).toEqual([]);
      expect(scanInjection(p, { context: 'observation' }), p).toEqual([]);
    }
  });

  it(`I1: the whole ${SKILL} body scanned as one text has no findings`, () => {
    const { body } = splitBanner(read(SKILL));
    expect(scanInjection(body.join('\n\n'), { context: 'skill' })).toEqual([]);
  });

  it(`F2: zero personal-data findings on ${SKILL}`, () => {
    expect(detectPersonalData(read(SKILL))).toEqual([]);
  });

  it('R4: the banner that tells the assistant to file a validation is a hard finding in skill context', () => {
    const { banner } = splitBanner(read(SKILL));
    const directive = banner.find((p) => p.includes('injection_flag')) as string;
    const findings = scanInjection(directive, { context: 'skill' });
    const r4 = findings.filter((f) => f.rule === 'R4');
    expect(r4.length).toBeGreaterThan(0);
    expect(r4.every((f) => f.class === 'hard')).toBe(true);
    expect(r4.map((f) => directive.slice(f.start, f.end))).toContain('injection_flag');
    expect(assessInjection(directive, { context: 'skill' }).decision).toBe('reject');
  });

  it(`R9/R5: the promotional ${PROMO} is rejected for its Telegram handle and external image`, () => {
    const text = read(PROMO);
    const { findings, decision } = assessInjection(text, { context: 'observation' });
    expect(decision).toBe('reject');
    const rules = new Set(findings.filter((f) => f.class === 'hard').map((f) => f.rule));
    expect(rules.has('R9')).toBe(true);
    expect(rules.has('R5')).toBe(true);
    const spans = findings.map((f) => text.slice(f.start, f.end));
    expect(spans.some((s) => s.includes(HANDLE))).toBe(true);
    expect(spans.some((s) => s.startsWith('![Image]'))).toBe(true);
  });

  it('I1: the Chinese article text itself (without the spam lines) is clean', () => {
    const paras = paragraphs(read(PROMO)).filter((p) => !p.includes(HANDLE));
    expect(paras.length).toBeGreaterThan(10);
    for (const p of paras) expect(scanInjection(p, { context: 'observation' }), p).toEqual([]);
  });
});
