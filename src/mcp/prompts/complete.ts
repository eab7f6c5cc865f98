import { completable } from '@modelcontextprotocol/server';
import * as z from 'zod';
import type { Corpus } from '../../corpus/types.js';
import { searchIndexFor } from '../../search/shared.js';

/** A skill-name prompt argument that completes from the corpus (by name prefix, then by search). */
export function skillNameArgument(corpus: Corpus) {
  return completable(z.string().min(1).max(64).describe('Skill name as listed by skills/list'), (value) => {
    const index = searchIndexFor(corpus);
    const byName = index.completeName(value ?? '');
    if (byName.length > 0 || !value) return byName;
    return index.search(value, 10).map((r) => r.skill);
  });
}

/** An optional language argument (a name or code such as "nl", "français", "Deutsch"). */
export const LanguageArgument = z.string().max(40).optional().describe('Language to answer in, e.g. nl, fr, de, en');
