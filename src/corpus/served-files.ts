import type { ServedTextFormat } from '../lint/served-text.js';

/**
 * Which files a skill folder may hold besides SKILL.md, and how big they may be (SECURITY K11). Text files are
 * scanned with the injection rules; binary files cannot be scanned, so only a few document and image types are
 * allowed, each with a size limit and checked against its file signature. Anything else — scripts, HTML, SVG,
 * archives, executables — is refused: a skill is documentation.
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

/** The outcome for one supporting file: served as text or binary, or refused with a rule and a message. */
export type SupportingFileCheck =
  | { ok: true; mimeType: string; format?: ServedTextFormat; text?: string }
  | { ok: false; ruleId: string; message: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });
function decode(bytes: Uint8Array): string | undefined {
  if (bytes.includes(0)) return undefined;
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}

const allowedList = () => Object.keys(SUPPORTING_FILE_TYPES).map((e) => `.${e}`).join(', ');

/** Decides whether a supporting file (path inside the skill folder) may be served, and as what. */
export function checkSupportingFile(path: string, bytes: Uint8Array): SupportingFileCheck {
  const ext = /\.([A-Za-z0-9]+)$/.exec(path)?.[1]?.toLowerCase() ?? '';
  const type = SUPPORTING_FILE_TYPES[ext];
  if (!type) {
    return { ok: false, ruleId: 'skill-file-type', message: `${path}: this file type is not served from a skill folder; allowed: ${allowedList()}. Remove it or convert it to Markdown` };
  }
  if (bytes.byteLength > type.maxBytes) {
    return { ok: false, ruleId: 'skill-file-size', message: `${path} is ${bytes.byteLength} bytes; a .${ext} file in a skill folder holds at most ${type.maxBytes / KiB} KiB` };
  }
  if (type.format) {
    const text = decode(bytes);
    if (text === undefined) return { ok: false, ruleId: 'skill-file-binary', message: `${path} is not UTF-8 text, but .${ext} files are text; save it as UTF-8 or remove it` };
    return { ok: true, mimeType: type.mimeType, format: type.format, text };
  }
  const signature = type.signature ?? [];
  if (!signature.every((b, i) => bytes[i] === b)) {
    return { ok: false, ruleId: 'skill-file-binary', message: `${path} does not start like a .${ext} file; a binary file must be what its extension says` };
  }
  return { ok: true, mimeType: type.mimeType };
}
