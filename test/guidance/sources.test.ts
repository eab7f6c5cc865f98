// Pins that every reference id the calculators cite for their own rules exists in the shipped registry (references/<id>.yaml).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CALCULATOR_REFERENCE_IDS } from '../../src/guidance/sources.js';

const root = fileURLToPath(new URL('../../references/', import.meta.url));

describe('CALCULATOR_REFERENCE_IDS', () => {
  it('are unique', () => {
    expect(new Set(CALCULATOR_REFERENCE_IDS).size).toBe(CALCULATOR_REFERENCE_IDS.length);
  });
  it.each(CALCULATOR_REFERENCE_IDS)('%s resolves to a file in references/', (id) => {
    expect(existsSync(`${root}${id}.yaml`)).toBe(true);
  });
});
