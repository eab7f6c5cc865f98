import { fileDiagnostic, type CorpusRule } from '../rule.js';

/** `references/` holds one `<id>.yaml` per source and nothing else. */
export const referenceFile: CorpusRule = {
  id: 'reference-file',
  scope: 'corpus',
  description: 'Only `<id>.yaml` files lie in references/.',
  check({ source }) {
    return source.references.filter((r) => !/\.ya?ml$/.test(r.name)).map((r) => fileDiagnostic(r.path, this.id, 'Only `<id>.yaml` files belong in references/; move or remove this file'));
  },
};
