import type { SkillFile } from './schema.js';

/**
 * A skill folder as a zip archive (`<name>/SKILL.md` and its supporting files), the upload format of assistants that
 * import Agent Skills. The archive is a pure function of the file bytes: entries in the corpus order (SKILL.md
 * first), one fixed timestamp (1980-01-01 00:00, the DOS epoch), fixed Unix permissions, no extra fields. Files are
 * STORED, not deflated, so every server process and Node.js version produces the same bytes and the same ETag
 * (several processes behind a load balancer must agree); skills are small text files, and HTTP compression can
 * still apply on the way.
 */
export function zipSkillFolder(name: string, files: readonly Pick<SkillFile, 'path' | 'bytes'>[]): Uint8Array {
  const entries: ZipEntry[] = [];
  const folders = new Set<string>();
  const addFolder = (path: string) => {
    if (folders.has(path)) return;
    folders.add(path);
    entries.push({ name: `${path}/`, bytes: new Uint8Array(0), folder: true });
  };
  addFolder(name);
  for (const file of files) {
    const parts = file.path.split('/');
    for (let i = 1; i < parts.length; i++) addFolder(`${name}/${parts.slice(0, i).join('/')}`);
    entries.push({ name: `${name}/${file.path}`, bytes: file.bytes, folder: false });
  }
  return zipStored(entries);
}

/** One archive member: a folder (name ends in `/`, no bytes) or a file. */
export interface ZipEntry {
  name: string;
  bytes: Uint8Array;
  folder: boolean;
}

const DOS_TIME = 0; // 00:00:00
const DOS_DATE = (0 << 9) | (1 << 5) | 1; // 1980-01-01
const UTF8_NAMES = 0x0800;
const VERSION_NEEDED = 10; // 1.0: stored entries, no zip64
const MADE_BY_UNIX = (3 << 8) | 30; // host Unix, spec 3.0: external attributes carry Unix modes
const FILE_MODE = 0o100644;
const FOLDER_MODE = 0o040755;
const MS_DOS_DIRECTORY = 0x10;

/** Writes a zip archive of STORED entries (no compression, no zip64: at most 65,535 entries and 4 GiB). */
export function zipStored(entries: readonly ZipEntry[]): Uint8Array {
  if (entries.length > 0xffff) throw new RangeError('a zip archive without zip64 holds at most 65,535 entries');
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const crc = crc32(entry.bytes);
    const size = entry.bytes.byteLength;

    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(VERSION_NEEDED, 4);
    local.writeUInt16LE(UTF8_NAMES, 6);
    local.writeUInt16LE(0, 8); // method: stored
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(size, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    locals.push(local, name, Buffer.from(entry.bytes.buffer, entry.bytes.byteOffset, size));

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(MADE_BY_UNIX, 4);
    central.writeUInt16LE(VERSION_NEEDED, 6);
    central.writeUInt16LE(UTF8_NAMES, 8);
    central.writeUInt16LE(0, 10);
    central.writeUInt16LE(DOS_TIME, 12);
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(size, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    // extra length, comment length, disk number start, internal attributes: all 0
    central.writeUInt32LE((((entry.folder ? FOLDER_MODE : FILE_MODE) << 16) | (entry.folder ? MS_DOS_DIRECTORY : 0)) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);

    offset += local.length + name.length + size;
    if (offset > 0xffffffff) throw new RangeError('a zip archive without zip64 holds at most 4 GiB');
  }
  const centralSize = centrals.reduce((sum, b) => sum + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  const out = Buffer.concat([...locals, ...centrals, end]);
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}

let table: Uint32Array | undefined;
/** CRC-32 (IEEE 802.3, the zip checksum). */
export function crc32(bytes: Uint8Array): number {
  table ??= Uint32Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  let crc = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) crc = table[(crc ^ bytes[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
