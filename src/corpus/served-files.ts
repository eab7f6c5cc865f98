import { isUtf8 } from 'node:buffer';

/** How a served text file is written; YAML and JSON get their string values scanned after decoding too. */
export type ServedTextFormat = 'markdown' | 'text' | 'yaml' | 'json' | 'csv';

/**
 * Which files a skill folder may hold besides SKILL.md, and how big they may be (SECURITY K11). Text files are
 * scanned with the injection rules; binary files cannot be scanned, so only a few document and image types are
 * allowed, each with a size limit and checked against its file signature. Anything else — scripts, HTML, SVG,
 * archives, executables — is refused: a skill is documentation. The rules `skill-file-type`, `skill-file-size` and
 * `skill-file-binary` report what {@link inspectSupportingFile} finds.
 */
export interface SupportingFileType {
  mimeType: string;
  maxBytes: number;
  /** Text format (scanned), or absent for an allowed binary type. */
  format?: ServedTextFormat;
  /** Leading bytes every file of this binary type starts with. */
  signature?: readonly number[];
}

const KiB = 1024;
const TEXT_LIMIT = 256 * KiB;

/** Allowed supporting files by extension (lower case, without the dot). */
export const SUPPORTING_FILE_TYPES: Readonly<Record<string, SupportingFileType>> = {
  md: { mimeType: 'text/markdown', maxBytes: TEXT_LIMIT, format: 'markdown' },
  txt: { mimeType: 'text/plain', maxBytes: TEXT_LIMIT, format: 'text' },
  yaml: { mimeType: 'application/yaml', maxBytes: TEXT_LIMIT, format: 'yaml' },
  yml: { mimeType: 'application/yaml', maxBytes: TEXT_LIMIT, format: 'yaml' },
  json: { mimeType: 'application/json', maxBytes: TEXT_LIMIT, format: 'json' },
  csv: { mimeType: 'text/csv', maxBytes: TEXT_LIMIT, format: 'csv' },
  pdf: { mimeType: 'application/pdf', maxBytes: 2048 * KiB, signature: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  png: { mimeType: 'image/png', maxBytes: 1024 * KiB, signature: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  jpg: { mimeType: 'image/jpeg', maxBytes: 1024 * KiB, signature: [0xff, 0xd8, 0xff] },
  jpeg: { mimeType: 'image/jpeg', maxBytes: 1024 * KiB, signature: [0xff, 0xd8, 0xff] },
};

/** What the table says about one supporting file. */
export interface SupportingFileInfo {
  /** Extension, lower case, without the dot ('' when there is none). */
  ext: string;
  /** The allowed type of that extension, if any. */
  type?: SupportingFileType;
  size: number;
  /** Within the size limit of its type. */
  sizeOk: boolean;
  /** For a text type: the decoded text, when the file is UTF-8. */
  text?: string;
  /** For a binary type: whether the file starts with the type's signature. */
  signatureOk?: boolean;
  /** Allowed type, within its limit, and text that decodes or a binary with the right signature. */
  served: boolean;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const utf8Valid = new TextDecoder('utf-8');

/** Whether bytes are UTF-8 text (no NUL byte, no invalid sequence): what {@link decodeText} accepts, without decoding. */
export function isText(bytes: Uint8Array): boolean {
  return !bytes.includes(0) && isUtf8(bytes);
}

/** Decodes bytes {@link isText} accepted (a leading byte order mark dropped, as {@link decodeText} does). */
export function decodeValidText(bytes: Uint8Array): string {
  return utf8Valid.decode(bytes);
}

/** Decodes bytes as UTF-8 text, or returns undefined for binary content (NUL bytes or invalid UTF-8). */
export function decodeText(bytes: Uint8Array): string | undefined {
  if (bytes.includes(0)) return undefined;
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}

/** Inspects a supporting file (path inside the skill folder) against {@link SUPPORTING_FILE_TYPES}. */
export function inspectSupportingFile(path: string, bytes: Uint8Array): SupportingFileInfo {
  const ext = /\.([A-Za-z0-9]+)$/.exec(path)?.[1]?.toLowerCase() ?? '';
  const type = SUPPORTING_FILE_TYPES[ext];
  const size = bytes.byteLength;
  if (!type) return { ext, size, sizeOk: false, served: false };
  const sizeOk = size <= type.maxBytes;
  if (!sizeOk) return { ext, type, size, sizeOk, served: false };
  if (type.format) {
    const text = decodeText(bytes);
    return text === undefined ? { ext, type, size, sizeOk, served: false } : { ext, type, size, sizeOk, text, served: true };
  }
  const signatureOk = (type.signature ?? []).every((b, i) => bytes[i] === b);
  return { ext, type, size, sizeOk, signatureOk, served: signatureOk };
}
