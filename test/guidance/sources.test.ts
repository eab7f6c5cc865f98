// Pins that every reference id the guidance library may cite exists in the shipped registry (references/<id>.yaml).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { GUIDANCE_REFERENCE_IDS } from '../../src/guidance/sources.js';

const root = fileURLToPath(new URL('../../references/', import.meta.url));

describe('GUIDANCE_REFERENCE_IDS', () => {
  it('are unique', () => {
    expect(new Set(GUIDANCE_REFERENCE_IDS).size).toBe(GUIDANCE_REFERENCE_IDS.length);
  });
  it.each(GUIDANCE_REFERENCE_IDS)('%s resolves to a file in references/', (id) => {
    expect(existsSync(`${root}${id}.yaml`)).toBe(true);
  });
});
