/**
 * Pins caller identity (SECURITY G1, G8, S3): keys are HMACs of network prefixes under a daily salt, the two
 * purposes use different prefix lengths, raw IPs never appear, and old salts are deleted on rotation.
 */
import { describe, expect, it } from 'vitest';
import { createKeyDeriver, deriveClientKeys, ipPrefixes, STDIO_CLIENT_KEY, stdioClientKeys } from '../../src/store/keys.js';
import { openSqliteStore } from '../../src/store/sqlite.js';

const SALT = 'f'.repeat(64);

describe('client keys', () => {
  it('G1: IPv4 rate key is per /32 and diversity key per /24', () => {
    const a = deriveClientKeys(SALT, '198.51.100.7');
    const sameHost = deriveClientKeys(SALT, '198.51.100.7');
    const neighbour = deriveClientKeys(SALT, '198.51.100.99');
    const otherNet = deriveClientKeys(SALT, '198.51.101.7');
    expect(sameHost).toEqual(a);
    expect(neighbour.rateKey).not.toBe(a.rateKey);
    expect(neighbour.diversityKey).toBe(a.diversityKey);
    expect(otherNet.diversityKey).not.toBe(a.diversityKey);
  });

  it('G1: IPv6 rate key is per /64 and diversity key per /48', () => {
    const a = deriveClientKeys(SALT, '2001:db8:1:2::1');
    expect(deriveClientKeys(SALT, '2001:0db8:0001:0002:ffff::9')).toEqual(a);
    const otherSubnet = deriveClientKeys(SALT, '2001:db8:1:3::1');
    expect(otherSubnet.rateKey).not.toBe(a.rateKey);
    expect(otherSubnet.diversityKey).toBe(a.diversityKey);
    expect(deriveClientKeys(SALT, '2001:db8:2:2::1').diversityKey).not.toBe(a.diversityKey);
  });

  it('G1: an IPv4-mapped IPv6 address counts as the IPv4 address', () => {
    expect(ipPrefixes('::ffff:198.51.100.7')).toEqual(ipPrefixes('198.51.100.7'));
    expect(deriveClientKeys(SALT, '::ffff:198.51.100.7')).toEqual(deriveClientKeys(SALT, '198.51.100.7'));
  });

  it('G8: keys are HMACs that change with the salt and never contain the address', () => {
    const keys = deriveClientKeys(SALT, '198.51.100.7');
    expect(keys.rateKey).toMatch(/^[0-9a-f]{64}$/);
    expect(keys.rateKey).not.toBe(keys.diversityKey);
    expect(JSON.stringify(keys)).not.toContain('198.51');
    expect(deriveClientKeys('e'.repeat(64), '198.51.100.7')).not.toEqual(keys);
  });

  it('S3: stdio uses the constant key stdio-local', () => {
    expect(stdioClientKeys()).toEqual({ rateKey: STDIO_CLIENT_KEY, diversityKey: STDIO_CLIENT_KEY });
    expect(STDIO_CLIENT_KEY).toBe('stdio-local');
  });
});

describe('daily salt', () => {
  it('G8: rotates at UTC midnight, deletes older salts, and stores no IP', async () => {
    const store = await openSqliteStore({ path: ':memory:' });
    try {
      const deriver = createKeyDeriver(store);
      const day1 = await deriver.keysFor('203.0.113.5', new Date('2026-11-23T23:59:59Z'));
      expect(await deriver.keysFor('203.0.113.5', new Date('2026-11-23T08:00:00Z'))).toEqual(day1);
      const day2 = await deriver.keysFor('203.0.113.5', new Date('2026-11-24T00:00:01Z'));
      expect(day2.rateKey).not.toBe(day1.rateKey);
      const salts = store.db.prepare('SELECT utc_day FROM salts').all();
      expect(salts).toEqual([{ utc_day: '2026-11-24' }]);
      const dump = JSON.stringify(store.db.prepare('SELECT * FROM salts').all());
      expect(dump).not.toContain('203.0.113');
    } finally {
      await store.close();
    }
  });

  it('G8: two processes on one store derive the same keys on the same day', async () => {
    const store = await openSqliteStore({ path: ':memory:' });
    try {
      const now = new Date('2026-11-23T12:00:00Z');
      const a = await createKeyDeriver(store).keysFor('203.0.113.5', now);
      const b = await createKeyDeriver(store).keysFor('203.0.113.5', now);
      expect(b).toEqual(a);
    } finally {
      await store.close();
    }
  });
});
