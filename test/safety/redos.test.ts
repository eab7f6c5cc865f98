import { describe, expect, it } from 'vitest';
import { detectPersonalData, scanInjection } from '../../src/safety/index.js';
import { ADVERSARIAL_STRINGS } from './adversarial-strings.js';

// I4: every pattern is linear. Each 1 MB adversarial string must be scanned to completion; timing belongs to
// bench/safety.ts, so the generous timeout only guards against a pattern that would never finish.
describe('I4: 1 MB adversarial strings complete', () => {
  for (const a of ADVERSARIAL_STRINGS) {
    it(`I4/${a.family}: ${a.name} (${(a.text.length / 1024).toFixed(0)} KB) completes for injection and PII scans`, { timeout: 180_000 }, () => {
      const findings = scanInjection(a.text, { context: 'skill' });
      const pii = detectPersonalData(a.text);
      expect(Array.isArray(findings)).toBe(true);
      expect(Array.isArray(pii)).toBe(true);
      for (const f of findings) expect(f.end).toBeLessThanOrEqual(a.text.length);
    });
  }
});
