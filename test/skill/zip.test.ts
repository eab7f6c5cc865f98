// Pins the skill-folder archive writer: the zip checksum is the standard CRC-32, the archive is a pure function of
// the files (same input, same bytes), folders appear once before their files, and an independent reader (fflate)
// reads back exactly what went in, non-ASCII names included.
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { crc32, zipSkillFolder } from '../../src/skill/zip.js';

const enc = (s: string) => new TextEncoder().encode(s);

describe('zipSkillFolder', () => {
  it('uses the standard CRC-32', () => {
    expect(crc32(enc('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
  });

  it('writes the folder layout, byte-exact and deterministic', () => {
    const files = [
      { path: 'SKILL.md', bytes: enc('---\nname: demo\n---\nBody\n') },
      { path: 'forms/annexe 3 é.md', bytes: enc('Formulaire\n') },
      { path: 'forms/empty.txt', bytes: new Uint8Array(0) },
    ];
    const zip = zipSkillFolder('demo', files);
    expect(Buffer.from(zipSkillFolder('demo', files)).equals(Buffer.from(zip))).toBe(true);
    const read = unzipSync(zip);
    expect(Object.keys(read)).toEqual(['demo/', 'demo/SKILL.md', 'demo/forms/', 'demo/forms/annexe 3 é.md', 'demo/forms/empty.txt']);
    for (const f of files) expect(Buffer.from(read[`demo/${f.path}`]!).equals(Buffer.from(f.bytes))).toBe(true);
  });
});
