// Pins the nationality classes: EU 27 + EEA + CH follow the free-movement regime, BE needs nothing, every other
// assigned ISO 3166-1 alpha-2 code is a third country, and anything else is an error saying what a code looks like.
import { describe, expect, it } from 'vitest';
import { isGuidanceError } from '../../src/guidance/error.js';
import {
  classifyNationality,
  EU_MEMBER_STATES,
  ISO_3166_ALPHA2,
} from '../../src/guidance/countries.js';

describe('classifyNationality', () => {
  it('lists the 27 EU member states and 249 assigned codes', () => {
    expect(new Set(EU_MEMBER_STATES).size).toBe(27);
    expect(new Set(ISO_3166_ALPHA2).size).toBe(249);
    for (const c of EU_MEMBER_STATES) expect(ISO_3166_ALPHA2).toContain(c);
  });

  it('classifies EU, EEA, Swiss, Belgian and third-country nationals', () => {
    expect(classifyNationality('FR')).toEqual({ code: 'FR', group: 'EU', regime: 'eu' });
    expect(classifyNationality('NO')).toEqual({ code: 'NO', group: 'EEA', regime: 'eu' });
    expect(classifyNationality('IS')).toMatchObject({ regime: 'eu' });
    expect(classifyNationality('LI')).toMatchObject({ regime: 'eu' });
    expect(classifyNationality('CH')).toEqual({ code: 'CH', group: 'CH', regime: 'eu' });
    expect(classifyNationality('BE')).toEqual({ code: 'BE', group: 'BE', regime: 'belgian' });
    expect(classifyNationality('MA')).toEqual({ code: 'MA', group: 'third-country', regime: 'third-country' });
    expect(classifyNationality('GB')).toMatchObject({ regime: 'third-country' });
    expect(classifyNationality('XK')).toMatchObject({ regime: 'third-country' });
  });

  it('ignores case and surrounding spaces', () => {
    expect(classifyNationality(' us ')).toMatchObject({ code: 'US', regime: 'third-country' });
  });

  it.each(['XX', 'ZZ', 'AA', 'QQ'])('rejects the unassigned code %s with a message showing a valid code', (code) => {
    const r = classifyNationality(code);
    expect(isGuidanceError(r)).toBe(true);
    if (isGuidanceError(r)) expect(r.message).toMatch(/ISO 3166-1 alpha-2.*"FR"/);
  });

  it.each(['France', 'FRA', '1', '', 'F'])('rejects the malformed value %j', (value) => {
    const r = classifyNationality(value);
    expect(isGuidanceError(r) && r.code).toBe('unknown-country');
  });

  it('points EL and UK to the ISO codes', () => {
    const el = classifyNationality('EL');
    const uk = classifyNationality('UK');
    expect(isGuidanceError(el) && el.message).toMatch(/GR/);
    expect(isGuidanceError(uk) && uk.message).toMatch(/GB/);
  });

  it('gives every assigned code a class', () => {
    for (const code of ISO_3166_ALPHA2) expect(isGuidanceError(classifyNationality(code))).toBe(false);
  });
});
