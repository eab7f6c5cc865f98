import { parseProblems, type CorpusRule } from '../rule.js';

/** A reference has the fields `resolve_citation` and the pages show: title, kind, issuer, https URL, languages, checked date. */
export const referenceSchema: CorpusRule = {
  id: 'reference-schema',
  scope: 'corpus',
  description: 'Reference files have the required fields with valid values and nothing else.',
  check({ source }) {
    return parseProblems(source.references.map((r) => r.parsed), this.id);
  },
};
