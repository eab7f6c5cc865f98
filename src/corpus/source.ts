import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { FactVocabulary } from '../procedures/vocabulary.js';
import type { Reference } from '../references/schema.js';
import type { ParsedSkill } from '../skill/parse.js';
import type { ReadLock } from './lock.js';
import type { SupportingFileInfo } from './served-files.js';

/** A text file as read: repository-relative path, exact bytes, digest and the decoded text. */
export interface SourceText {
  path: string;
  bytes: Uint8Array;
  digest: string;
  text: string;
}

/** An entry of `references/` that is a regular file. */
export interface ReferenceEntry {
  /** File name, e.g. `loi-1980-12-15-etrangers.yaml`. */
  name: string;
  path: string;
  bytes: Uint8Array;
  digest: string;
  /** Undefined when the file is not UTF-8 text. */
  text?: string;
  /** The parse of a `.yaml`/`.yml` text file: the reference, or the problems that kept it out. */
  parsed?: { reference?: Reference; diagnostics: Diagnostic[] };
}

/** The fact vocabulary file at the corpus root. */
export interface VocabularyEntry {
  path: string;
  bytes: Uint8Array;
  digest: string;
  /** Undefined when the file is not UTF-8 text. */
  text?: string;
  parsed?: { vocabulary?: FactVocabulary; diagnostics: Diagnostic[] };
}

/** A file of a skill folder other than SKILL.md, with what the served-file table says about it. */
export interface SupportingFile {
  /** Repository-relative path. */
  path: string;
  /** Path inside the skill folder, `/`-separated. */
  inSkill: string;
  bytes: Uint8Array;
  digest: string;
  info: SupportingFileInfo;
}

/**
 * SKILL.md of a folder, UTF-8 text. `text` is decoded from `bytes` each time it is read, so a corpus being loaded
 * does not hold every text at once.
 */
export interface SkillMdSource extends SourceText {
  /**
   * Parses `text` (this file's text, read once by the caller), or takes its parse from the cache. The linter calls
   * it once per file, builds the typed skill and lets the parse go, so a corpus being loaded holds one parse at a
   * time rather than all of them.
   */
  parse(text: string): ParsedSkill;
}

/** An entry of `skills/`. */
export interface SkillFolder {
  folder: string;
  /** `skills/<folder>`. */
  dir: string;
  /** False for a file lying directly in `skills/` (nothing else is read then). */
  isDirectory: boolean;
  /** Whether the folder holds a SKILL.md (nothing else is read when it does not). */
  hasSkillMd: boolean;
  /** Number of files and their total size, SKILL.md included. */
  fileCount: number;
  totalBytes: number;
  /** Size of SKILL.md, also when it is not text. */
  skillMdBytes: number;
  /** SKILL.md, when it is UTF-8 text. */
  skillMd?: SkillMdSource;
  /** Every other file, in path order. */
  supporting: SupportingFile[];
}

/** Every file of a corpus as read and parsed, before any rule has looked at it. */
export interface CorpusSource {
  /** Absolute root folder holding `skills/` and `references/`. */
  root: string;
  references: ReferenceEntry[];
  vocabulary?: VocabularyEntry;
  folders: SkillFolder[];
  lock: ReadLock;
}
