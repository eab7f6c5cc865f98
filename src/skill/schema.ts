import * as z from 'zod';
import { IsoDateSchema } from '../references/schema.js';

export const SKILL_NAME = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Agent Skills frontmatter keys; anything else at top level is an error (SPEC §2). */
export const FRONTMATTER_KEYS = ['name', 'description', 'license', 'metadata', 'compatibility'] as const;

/** Frontmatter as written: only the Agent Skills keys, `metadata` a map of string to string. */
export const FrontmatterSchema = z.strictObject({
  name: z.string().min(1).max(64).regex(SKILL_NAME, 'use lowercase letters, digits and single hyphens, e.g. change-of-address'),
  description: z.string().min(1).max(1024, 'a description is at most 1024 characters'),
  license: z.literal('CC-BY-4.0', { error: 'skills are licensed CC-BY-4.0' }).optional(),
  compatibility: z.string().max(500).optional(),
  metadata: z.record(z.string(), z.string({ error: 'metadata values must be strings; quote the value' })),
});
export type Frontmatter = z.infer<typeof FrontmatterSchema>;

const spaceList = z.string().transform((s) => s.split(/\s+/).filter(Boolean));
const pipeList = z.string().transform((s) => s.split('|').map((x) => x.trim()).filter(Boolean));

/** `metadata.status`: how far along a skill is, from draft to deprecated (not its community status: `submissions/status.ts`). */
export const SkillMaturitySchema = z.enum(['draft', 'alpha', 'beta', 'stable', 'deprecated']);

/** The typed view of `metadata` (SPEC §2), parsed from its string values. */
export const SkillMetadataSchema = z.object({
  title: z.string().min(1),
  version: z.string().regex(/^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/, 'expected a semantic version like 1.2.0'),
  status: SkillMaturitySchema,
  'last-verified': IsoDateSchema,
  jurisdiction: z.string().min(1),
  audience: spaceList.optional(),
  documents: spaceList.optional(),
  aliases: pipeList.optional(),
  next: spaceList.optional(),
});
export type SkillMetadata = z.infer<typeof SkillMetadataSchema>;

/** The fixed `##` sections, in order (SPEC §2). Fees and Known surprises may be omitted. */
export const SECTIONS = [
  { title: 'Scope', key: 'scope', optional: false },
  { title: 'Legal basis', key: 'legal-basis', optional: false },
  { title: 'Who and when', key: 'who-and-when', optional: false },
  { title: 'Documents', key: 'documents', optional: false },
  { title: 'Stages', key: 'stages', optional: false },
  { title: 'Fees', key: 'fees', optional: true },
  { title: 'Known surprises', key: 'surprises', optional: true },
  { title: 'Verify with', key: 'verify-with', optional: false },
] as const;
export type SectionKey = (typeof SECTIONS)[number]['key'];

/** A citation tag `[id]` or `[id, locator]` found in a skill body. */
export const CitationSchema = z.object({
  id: z.string(),
  locator: z.string().optional(),
  line: z.number().int(),
  column: z.number().int(),
  offset: z.number().int(),
});
export type Citation = z.infer<typeof CitationSchema>;

/** A block of text with the citations it carries (a step, a document, a fee …). */
export const CitedTextSchema = z.object({ text: z.string(), citations: z.array(CitationSchema) });
export type CitedText = z.infer<typeof CitedTextSchema>;

export const StageSchema = z.object({
  index: z.number().int().min(1),
  title: z.string(),
  line: z.number().int(),
  steps: z.array(CitedTextSchema),
  deadline: CitedTextSchema.optional(),
  outcome: CitedTextSchema.optional(),
  /** The stage's Markdown as written, heading included. */
  markdown: z.string(),
  citations: z.array(CitationSchema),
});
export type Stage = z.infer<typeof StageSchema>;

export const ContestedSchema = z.object({ text: z.string(), line: z.number().int(), section: z.string(), citations: z.array(CitationSchema) });
export type Contested = z.infer<typeof ContestedSchema>;

export const SectionSchema = z.object({
  key: z.string(),
  title: z.string(),
  line: z.number().int(),
  markdown: z.string(),
  /** Plain text of the section (markup stripped). */
  text: z.string(),
});
export type Section = z.infer<typeof SectionSchema>;

/** One file of a skill folder with the digest and size the Skills extension publishes. */
export interface SkillFile {
  /** Path inside the skill folder, `/`-separated, e.g. `SKILL.md`. */
  path: string;
  bytes: Uint8Array;
  digest: string;
  size: number;
  mimeType: string;
}

/** A parsed, validated skill. */
export interface Skill {
  name: string;
  description: string;
  license?: string | undefined;
  /** The frontmatter `metadata` map exactly as written (strings). */
  metadata: Readonly<Record<string, string>>;
  meta: SkillMetadata;
  /** Frontmatter as written (for Skills-extension listings). */
  frontmatter: Readonly<Frontmatter>;
  /** Repository-relative path of SKILL.md, e.g. `skills/<name>/SKILL.md`. */
  path: string;
  /** The Markdown body (after the frontmatter). */
  body: string;
  /** First paragraph of Scope, plain text. */
  summary: string;
  sections: readonly Section[];
  stages: readonly Stage[];
  documents: readonly CitedText[];
  fees: readonly CitedText[];
  surprises: readonly CitedText[];
  contested: readonly Contested[];
  citations: readonly Citation[];
  /** Every file of the skill folder, SKILL.md first. */
  files: readonly SkillFile[];
  /** Digest of SKILL.md (`sha256:<hex>`). */
  digest: string;
}
