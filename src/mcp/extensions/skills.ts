import { type McpServer, ProtocolError, ProtocolErrorCode, type Resource } from '@modelcontextprotocol/server';
import { skillEntry, SkillsExtension, type Skill as SkillEntry, type SkillSource } from '@modelcontextprotocol/server/ext/skills';
import type { Corpus } from '../../corpus/types.js';
import type { Skill } from '../../skill/schema.js';
import { parseSkillFileUri, skillFileUri } from '../../skill/uri.js';
import { logError } from '../../log.js';
import { guarded } from '../guarded.js';
import { quarantineWarning, skillStatusOf } from '../status.js';
import type { ToolDeps } from '../tools/deps.js';

/** Prefix of our keys in `_meta`; `io.modelcontextprotocol.skills/` is reserved by the extension (K3). */
export const META_PREFIX = 'loket/';
const PAGE_SIZE = 100;

interface Published {
  /** Static entries (frontmatter, files with digest and size), keyed by skill name. */
  entries: Map<string, SkillEntry>;
}

const published = new WeakMap<object, Promise<Published>>();

/**
 * The SEP-2640 entry of a skill, built by the SDK's own `skillEntry` from the exact bytes the corpus holds, so
 * the frontmatter, digests and sizes clients verify against are the ones the SDK client checks. If the SDK
 * refuses a skill, the entry is assembled from the corpus' parsed frontmatter instead (and the reason logged).
 */
async function entryOf(skill: Skill): Promise<SkillEntry> {
  const files = Object.fromEntries(skill.files.map((f) => [f.path, f.bytes]));
  try {
    return await skillEntry(skill.name, files);
  } catch (error) {
    logError(`skill ${skill.name} entry built from parsed frontmatter`, error);
    return {
      uri: skillFileUri(skill.name, 'SKILL.md'),
      frontmatter: { ...skill.frontmatter } as SkillEntry['frontmatter'],
      resources: skill.files.map((f) => ({ uri: skillFileUri(skill.name, f.path), digest: f.digest, size: f.size })),
    };
  }
}

/** The published entries of a corpus, computed once per corpus object and shared by all servers. */
export function publishedSkills(corpus: Corpus): Promise<Published> {
  let promise = published.get(corpus);
  if (!promise) {
    promise = (async () => {
      const entries = new Map<string, SkillEntry>();
      for (const skill of corpus.skills) entries.set(skill.name, await entryOf(skill));
      return { entries };
    })();
    published.set(corpus, promise);
  }
  return promise;
}

/** Descriptive `_meta` of a skill: editorial metadata plus, when recorded, the community status (K3). */
async function metaOf(skill: Skill, deps: ToolDeps): Promise<Record<string, unknown>> {
  const status = await skillStatusOf(deps, skill);
  return {
    [`${META_PREFIX}title`]: skill.meta.title,
    [`${META_PREFIX}version`]: skill.meta.version,
    [`${META_PREFIX}status`]: skill.meta.status,
    [`${META_PREFIX}last-verified`]: skill.meta['last-verified'],
    ...(status ? { [`${META_PREFIX}skill_status`]: status } : {}),
    ...(quarantineWarning(status) ? { [`${META_PREFIX}warning`]: quarantineWarning(status) } : {}),
  };
}

function isUtf8Text(bytes: Uint8Array, mimeType: string): string | undefined {
  if (!/^text\/|json|yaml|xml|markdown/.test(mimeType)) return undefined;
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    // Serve as text only when the text encodes back to exactly the published bytes (K2).
    const round = new TextEncoder().encode(text);
    if (round.length !== bytes.length) return undefined;
    for (let i = 0; i < round.length; i++) if (round[i] !== bytes[i]) return undefined;
    return text;
  } catch {
    return undefined;
  }
}

/** A SkillSource over the shared corpus; dynamic state goes into `_meta`, never into the bytes. */
export function corpusSkillSource(deps: ToolDeps): SkillSource {
  const { corpus } = deps;
  const withMeta = async (skill: Skill): Promise<SkillEntry> => {
    const { entries } = await publishedSkills(corpus);
    const entry = entries.get(skill.name);
    if (!entry) throw new Error(`no published entry for ${skill.name}`);
    return { ...entry, _meta: { ...(entry._meta ?? {}), ...(await metaOf(skill, deps)) } };
  };
  return {
    async list({ cursor }) {
      const start = cursor === undefined ? 0 : Number.parseInt(cursor, 10);
      if (!Number.isSafeInteger(start) || start < 0 || start > corpus.skills.length || String(start) !== (cursor ?? '0')) {
        throw new ProtocolError(ProtocolErrorCode.InvalidParams, 'Invalid cursor');
      }
      const page = corpus.skills.slice(start, start + PAGE_SIZE);
      const skills = await Promise.all(page.map(withMeta));
      const next = start + PAGE_SIZE;
      return next < corpus.skills.length ? { skills, nextCursor: String(next) } : { skills };
    },
    async get(uri) {
      const parsed = parseSkillFileUri(uri);
      if (!parsed || parsed.path !== 'SKILL.md') return undefined;
      const skill = corpus.getSkill(parsed.name);
      return skill ? withMeta(skill) : undefined;
    },
    async read(uri) {
      const parsed = parseSkillFileUri(uri);
      if (!parsed) return undefined;
      const file = corpus.getSkill(parsed.name)?.files.find((f) => f.path === parsed.path);
      if (!file) return undefined;
      const text = isUtf8Text(file.bytes, file.mimeType);
      return text === undefined ? { bytes: file.bytes, mimeType: file.mimeType } : { text, mimeType: file.mimeType };
    },
    async listResources(): Promise<Resource[]> {
      return Promise.all(
        corpus.skills.map(async (skill) => ({
          uri: skillFileUri(skill.name, 'SKILL.md'),
          name: skill.name,
          title: skill.meta.title,
          description: skill.description,
          mimeType: 'text/markdown',
          size: skill.files[0]?.size,
          // The same descriptive state as in skills/list, so a client that only lists resources sees a quarantine.
          _meta: await metaOf(skill, deps),
        })),
      );
    },
  };
}

/** Serves the corpus through the Skills extension on `server`: capability, `skills/list`, `skills/get`, `skill://` reads. */
export function attachSkills(server: McpServer, deps: ToolDeps): void {
  const source = corpusSkillSource(deps);
  const safe: SkillSource = {
    list: guarded('skills/list', source.list),
    get: guarded('skills/get', source.get),
    read: guarded('skill resource read', source.read),
    ...(source.listResources ? { listResources: guarded('skill resources list', source.listResources) } : {}),
  };
  new SkillsExtension({
    source: safe,
    onWarning: (warning) => logError(`skills: ${warning.path}`, warning.message),
  }).attach(server);
}
