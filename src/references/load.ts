import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { pointAt } from '../diagnostics/diagnostic.js';
import { parseYaml } from '../skill/frontmatter.js';
import { ownStrings } from '../skill/own-strings.js';
import { REFERENCE_ID, ReferenceFileSchema, type Reference } from './schema.js';

/**
 * Parses one `references/<id>.yaml` text into a reference. Pure: the caller reads the file. The id is the file
 * name without `.yaml`.
 */
export function parseReference(path: string, text: string): { reference?: Reference; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const report = (offset: number, ruleId: string, message: string) => {
    const p = pointAt(text, offset);
    diagnostics.push({ file: path, line: p.line, column: p.column, severity: 'error', ruleId, message });
  };
  const id = path.split('/').pop()!.replace(/\.ya?ml$/, '');
  if (!REFERENCE_ID.test(id)) report(0, 'reference-id', `Reference file name \`${id}\` must be kebab-case (lowercase letters, digits, single hyphens); it is the id skills cite`);
  const yaml = parseYaml(text);
  for (const e of yaml.errors) report(e.offset, 'reference-yaml', `Not valid YAML: ${e.message}`);
  if (yaml.errors.length) return { diagnostics };
  // Own copies of the parsed strings: the registry is kept for as long as the corpus, the file's text is not.
  const parsed = ReferenceFileSchema.safeParse(normaliseDates(ownStrings(yaml.value)));
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = issue.path.join('.');
      let message = `${key || 'reference'}: ${issue.message}`;
      if (issue.code === 'unrecognized_keys') message = `Unexpected field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `\`${k}\``).join(', ')}; allowed: ${Object.keys(ReferenceFileSchema.shape).join(', ')}`;
      else if (issue.code === 'invalid_type' && issue.input === undefined) message = `Missing required field \`${key}\``;
      const offset = issue.code === 'unrecognized_keys' ? (yaml.keyOffsetOf([issue.keys[0]!]) ?? yaml.offsetOf([])) : yaml.offsetOf(issue.path);
      report(offset, 'reference-schema', message);
    }
  }
  if (diagnostics.length || !parsed.success) return { diagnostics };
  return { reference: Object.freeze({ ...parsed.data, id, languages: Object.freeze([...parsed.data.languages]) as string[] }), diagnostics };
}

// YAML 1.2 keeps unquoted dates as strings already; this only guards against Date objects from other loaders.
function normaliseDates(value: unknown): unknown {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, v instanceof Date ? v.toISOString().slice(0, 10) : v]));
  }
  return value;
}
