import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { pointAt } from '../diagnostics/diagnostic.js';
import { parseYaml } from '../skill/frontmatter.js';
import { type EventDef, type Fact, type FactField, type Vocabulary, VocabularySchema } from './schema.js';
import { zodIssueDiagnostics } from './zod-diagnostics.js';

/** Path of the vocabulary file inside a corpus root. */
export const VOCABULARY_FILE = 'facts.yaml';

/** A fact or an object field, addressed by its dotted path (`residence_card.expires_on`). */
export interface FactInfo {
  path: string;
  def: Fact | FactField;
  /** The top-level fact holding it (itself for a top-level fact). */
  root: string;
}

/** The vocabulary with lookups by path. Immutable once built. */
export interface FactVocabulary {
  readonly source: Vocabulary;
  /** Top-level fact names, in file order (the order of needs[]). */
  readonly names: readonly string[];
  fact(path: string): FactInfo | undefined;
  event(name: string): EventDef | undefined;
  /** Every date fact or event with its prose phrases, for agreement checks. */
  readonly eventPhrases: ReadonlyMap<string, readonly string[]>;
}

/** Builds the lookups over a validated vocabulary. */
export function createVocabulary(source: Vocabulary): FactVocabulary {
  const byPath = new Map<string, FactInfo>();
  const phrases = new Map<string, string[]>();
  const addPhrases = (name: string, def: { event?: { en: string[]; nl?: string[] | undefined; fr?: string[] | undefined; de?: string[] | undefined } | undefined }) => {
    if (def.event) phrases.set(name, [...def.event.en, ...(def.event.nl ?? []), ...(def.event.fr ?? []), ...(def.event.de ?? [])]);
  };
  for (const [name, def] of Object.entries(source.facts)) {
    byPath.set(name, { path: name, def, root: name });
    if (def.type === 'date') addPhrases(name, def);
    if (def.type === 'object') {
      for (const [field, fdef] of Object.entries(def.fields)) {
        const path = `${name}.${field}`;
        byPath.set(path, { path, def: fdef, root: name });
        if (fdef.type === 'date') addPhrases(path, fdef);
      }
    }
  }
  for (const [name, def] of Object.entries(source.events ?? {})) phrases.set(name, [...def.en, ...(def.nl ?? []), ...(def.fr ?? []), ...(def.de ?? [])]);
  return Object.freeze({
    source,
    names: Object.freeze(Object.keys(source.facts)),
    fact: (path: string) => byPath.get(path),
    event: (name: string) => source.events?.[name],
    eventPhrases: phrases,
  });
}

/** An empty vocabulary, for corpora without `facts.yaml` (no procedure can be routed). */
export const EMPTY_VOCABULARY: FactVocabulary = createVocabulary({ facts: {} });

/**
 * Parses `facts.yaml`. Pure: the caller reads the file. Problems carry the position of the offending node; a
 * `not-before` naming an unknown or non-date fact is an error too.
 */
export function parseVocabulary(path: string, text: string): { vocabulary?: FactVocabulary; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const report = (offset: number, message: string) => {
    const p = pointAt(text, offset);
    diagnostics.push({ file: path, line: p.line, column: p.column, severity: 'error', ruleId: 'facts-schema', message });
  };
  const yaml = parseYaml(text);
  for (const e of yaml.errors) {
    const p = pointAt(text, e.offset);
    diagnostics.push({ file: path, line: p.line, column: p.column, severity: 'error', ruleId: 'facts-yaml', message: `Not valid YAML: ${e.message}` });
  }
  if (yaml.errors.length) return { diagnostics };
  // One file, parsed once or twice per process: zod's interpreter checks it, without compiling a parser first.
  const parsed = VocabularySchema.safeParse(yaml.value, { jitless: true });
  if (!parsed.success) {
    diagnostics.push(...zodIssueDiagnostics(parsed.error.issues, yaml, text, path, 'facts-schema'));
    return { diagnostics };
  }
  const vocabulary = createVocabulary(parsed.data);
  const checkNotBefore = (at: (string | number)[], def: Fact | FactField) => {
    if (def.type !== 'date' || def['not-before'] === undefined) return;
    for (const other of [def['not-before']].flat()) {
      const info = vocabulary.fact(other);
      if (!info || info.def.type !== 'date') report(yaml.offsetOf([...at, 'not-before']), `not-before names \`${other}\`, which is not a date fact of this file`);
    }
  };
  for (const [name, def] of Object.entries(parsed.data.facts)) {
    checkNotBefore(['facts', name], def);
    if (def.type === 'integer' && def.min !== undefined && def.max !== undefined && def.min > def.max) report(yaml.offsetOf(['facts', name, 'min']), `min ${def.min} is above max ${def.max}`);
    if (def.type === 'object') for (const [field, fdef] of Object.entries(def.fields)) checkNotBefore(['facts', name, 'fields', field], fdef);
    if (def.type === 'commune' && parsed.data.facts[def.sets]?.type !== 'enum') report(yaml.offsetOf(['facts', name, 'sets']), `sets names \`${def.sets}\`, which is not an enum fact of this file`);
  }
  if (diagnostics.length) return { diagnostics };
  return { vocabulary, diagnostics };
}
