import { readdirSync, readFileSync, statSync, type Dirent } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { parseReference } from '../references/load.js';
import { parseVocabulary, VOCABULARY_FILE } from '../procedures/vocabulary.js';
import { digestOf } from '../skill/digest.js';
import { parseSkill, type ParsedSkill } from '../skill/parse.js';
import { readLock } from './lock.js';
import { entryKey, type ParseCache } from './parse-cache.js';
import { decodeText, decodeValidText, inspectSupportingFile, isText } from './served-files.js';
import type { CorpusSource, ReferenceEntry, SkillFolder, SupportingFile, VocabularyEntry } from './source.js';

/** Limits from the Skills extension (K4): files and bytes per skill, and our own cap on SKILL.md. */
export const LIMITS = { filesPerSkill: 512, bytesPerSkill: 16 * 1024 * 1024, skillMdBytes: 256 * 1024 } as const;

/** Options of {@link readCorpus}. */
export interface ReadOptions {
  /**
   * Parse results of files seen before, by path and digest (see `parse-cache.ts`); without it every file is
   * parsed. Only the parse of each file comes from it, never a decision about the file.
   */
  cache?: ParseCache;
}

/**
 * Reads `skills/`, `references/`, the fact vocabulary and the lock under `root`, and parses every file once: each
 * reference and the vocabulary here, each SKILL.md into a {@link ParsedSkill} when the linter asks for it. The one
 * module that reads the corpus from disk. It decides nothing: which files have problems and which skills are
 * served is for the lint rules.
 */
export async function readCorpus(root: string, options: ReadOptions = {}): Promise<CorpusSource> {
  const cache = options.cache;
  const rel = (p: string) => relative(root, p).split(sep).join('/');
  const cached = <T>(path: string, digest: string, parse: () => T): T => {
    const key = entryKey(path, digest);
    let hit = cache?.get<T>(key);
    if (hit === undefined) {
      hit = parse();
      cache?.set(key, hit);
    }
    return hit;
  };

  // Files are read with the synchronous calls: loading runs before the server listens and its parsing and rules
  // hold the thread anyway, and a promise per call (open, stat, read, close) costs more CPU than the reads.
  const refDir = join(root, 'references');
  const refFiles = listDir(refDir)
    .sort()
    .map((name) => {
      const full = join(refDir, name);
      return { name, path: rel(full), bytes: isFile(full) ? readBytes(full) : undefined };
    });
  const references: ReferenceEntry[] = [];
  for (const { name, path, bytes } of refFiles) {
    if (!bytes) continue;
    const entry: ReferenceEntry = { name, path, bytes, digest: digestOf(bytes) };
    const text = decodeText(bytes);
    if (text !== undefined) entry.text = text;
    if (text !== undefined && /\.ya?ml$/.test(name)) entry.parsed = cached(path, entry.digest, () => parseReference(path, text));
    references.push(entry);
  }

  const vocabulary = readVocabulary(root);

  const folders: SkillFolder[] = [];
  const skillsDir = join(root, 'skills');
  for (const item of listEntries(skillsDir).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const folder = item.name;
    const dir = join(skillsDir, folder);
    // The listing says what most entries are; a link is followed to what it points at.
    const directory = item.isSymbolicLink() ? isDirectory(dir) : item.isDirectory();
    const entry: SkillFolder = { folder, dir: rel(dir), isDirectory: directory, hasSkillMd: false, fileCount: 0, totalBytes: 0, skillMdBytes: 0, supporting: [] };
    folders.push(entry);
    if (!entry.isDirectory) continue;
    const paths = walk(dir);
    entry.hasSkillMd = paths.includes(join(dir, 'SKILL.md'));
    if (!entry.hasSkillMd) continue;
    entry.fileCount = paths.length;
    const contents = paths.map(readBytes);
    for (const [i, p] of paths.entries()) {
      const bytes = contents[i]!;
      entry.totalBytes += bytes.byteLength;
      const inSkill = relative(dir, p).split(sep).join('/');
      const path = rel(p);
      if (inSkill === 'SKILL.md') {
        entry.skillMdBytes = bytes.byteLength;
        // Checked here, decoded when the linter reads it: the texts of a corpus are not all held at once.
        if (isText(bytes)) {
          const digest = digestOf(bytes);
          entry.skillMd = {
            path,
            digest,
            bytes,
            get text() {
              return decodeValidText(bytes);
            },
            parse: (text) => cached<ParsedSkill>(path, digest, () => parseSkill({ path, text })),
          };
        }
        continue;
      }
      const file: SupportingFile = { path, inSkill, bytes, digest: digestOf(bytes), info: inspectSupportingFile(inSkill, bytes) };
      entry.supporting.push(file);
    }
  }
  return { root, references, ...(vocabulary ? { vocabulary } : {}), folders, lock: await readLock(root) };
}

/** Reads and parses the fact vocabulary (`facts.yaml`) under `root`, alone; `undefined` when there is none. */
export function readVocabulary(root: string): VocabularyEntry | undefined {
  const path = join(root, VOCABULARY_FILE);
  if (!isFile(path)) return undefined;
  const bytes = readBytes(path);
  const vocabulary: VocabularyEntry = { path: VOCABULARY_FILE, bytes, digest: digestOf(bytes) };
  const text = decodeText(bytes);
  if (text !== undefined) {
    vocabulary.text = text;
    vocabulary.parsed = parseVocabulary(VOCABULARY_FILE, text);
  }
  return vocabulary;
}

function listDir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
function listEntries(dir: string): Dirent[] {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}
function isFile(p: string) {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}
function isDirectory(p: string) {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}
/**
 * The bytes of a file, in a buffer of their own: a file read into memory of its own is kept as read (no copy); a
 * small one that Node.js placed in its shared pool is copied out, so keeping it does not keep the pool.
 */
function readBytes(p: string): Uint8Array {
  const read = readFileSync(p);
  if (read.byteOffset === 0 && read.byteLength === read.buffer.byteLength) return new Uint8Array(read.buffer, 0, read.byteLength);
  return new Uint8Array(read);
}
/** All regular files under `dir`, SKILL.md first, then sorted; hidden files and symlinks are skipped. */
function walk(dir: string): string[] {
  const out: string[] = [];
  const visit = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.name.startsWith('.')) continue;
      const p = join(d, e.name);
      if (e.isDirectory()) visit(p);
      else if (e.isFile()) out.push(p);
    }
  };
  visit(dir);
  const top = join(dir, 'SKILL.md');
  return out.sort((a, b) => Number(b === top) - Number(a === top) || a.localeCompare(b));
}
