/** The `skill://` URIs of the Skills extension: `skill://<name>/<path>`, the path percent-encoded per segment. */

const SCHEME = 'skill://';

/** The URI of one file of a skill. */
export function skillFileUri(name: string, path: string): string {
  return `${SCHEME}${name}/${path.split('/').map(encodeURIComponent).join('/')}`;
}

/** The URI of a skill's SKILL.md, the form tool results, search results and submissions name a skill by. */
export function skillUri(name: string): string {
  return skillFileUri(name, 'SKILL.md');
}

/** Splits `skill://<name>/<path>` into its parts (the path decoded), or `undefined`. */
export function parseSkillFileUri(uri: string): { name: string; path: string } | undefined {
  if (!uri.startsWith(SCHEME)) return undefined;
  const rest = uri.slice(SCHEME.length);
  const slash = rest.indexOf('/');
  if (slash <= 0) return undefined;
  try {
    const path = rest.slice(slash + 1).split('/').map(decodeURIComponent).join('/');
    return { name: rest.slice(0, slash), path };
  } catch {
    return undefined;
  }
}
