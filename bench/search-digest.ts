/**
 * A fingerprint of what search returns over a corpus, for checking that a change to how the index is built or
 * stored leaves every result as it was: run it in two checkouts over the same corpus and compare the lines.
 *
 * `node --import tsx bench/search-digest.ts [--root DIR] [--queries N]` prints the SHA-256 of the posting table
 * (every term with its documents and impacts, bit for bit, and the typo words) and of the ranked results (skill,
 * score, snippet) of the evaluation set, every skill's title and aliases, and N word combinations drawn from the
 * skills' own text with a fixed seed (some with a typo or cut short). Without `--root`, the shipped skills.
 */
import { createHash } from 'node:crypto';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Corpus } from '../src/corpus/types.js';
import { loadCorpus } from '../src/load-corpus.js';
import { createSearchIndex, DEFAULT_RANKING } from '../src/search/index.js';
import { buildPostings } from '../src/search/postings.js';
import { createStemCache } from '../src/search/stem.js';
import { stayCode, stayRanges } from '../src/search/stay.js';
import { loadEvalSet } from './relevance.js';

/** SHA-256 of the posting table the index is built from. */
function postingsDigest(corpus: Corpus): { digest: string; terms: number; postings: number } {
  const ranges = new Map<string, string[]>();
  for (const route of corpus.guidance?.routes ?? []) ranges.set(route.skill, [...(ranges.get(route.skill) ?? []), ...stayRanges(route.when).map(stayCode)]);
  const stays = new Map([...ranges].map(([skill, codes]) => [skill, [...new Set(codes)]]));
  const table = buildPostings(corpus.skills, stays, DEFAULT_RANKING, createStemCache().forms);
  const hash = createHash('sha256');
  for (const [token, id] of [...table.termIds].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const start = table.offsets[id]!;
    const end = table.offsets[id + 1]!;
    hash.update(`${token}\0`);
    hash.update(new Uint8Array(Int32Array.from(table.docIds.subarray(start, end)).buffer));
    hash.update(new Uint8Array(table.impacts.slice(start, end).buffer));
  }
  hash.update([...table.keyWords].sort().join(' '));
  return { digest: hash.digest('hex'), terms: table.termIds.size, postings: table.docIds.length };
}

/** Queries: the evaluation set, titles and aliases, and `count` seeded combinations of the skills' words. */
async function queriesFor(corpus: Corpus, count: number): Promise<string[]> {
  const queries = (await loadEvalSet()).map((q) => q.q);
  const words: string[] = [];
  for (const skill of corpus.skills) {
    queries.push(skill.meta.title, ...(skill.meta.aliases ?? []));
    for (const text of [skill.description, ...skill.sections.slice(0, 3).map((s) => s.text)]) {
      for (const word of text.split(/\s+/).slice(0, 40)) {
        const clean = word.replace(/[^\p{L}\p{N}]/gu, '');
        if (clean.length > 3) words.push(clean);
      }
    }
  }
  let seed = 12345;
  const next = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  for (let i = 0; i < count && words.length > 0; i++) {
    const picked = Array.from({ length: 1 + next(4) }, () => words[next(words.length)]!);
    const first = picked[0]!;
    const change = next(4);
    if (change === 1 && first.length >= 4) {
      const at = 1 + next(first.length - 2);
      picked[0] = first.slice(0, at) + first[at + 1] + first[at] + first.slice(at + 2);
    } else if (change === 2) picked[0] = first.slice(0, Math.max(3, first.length - 3));
    queries.push(picked.join(' '));
  }
  queries.push('annex 3ter', 'bijlage 19', 'F card', 'visa D', 'I am Moroccan and stay 2 months', 'xyzzy', 'déclaration', 'Anlage 8');
  return queries;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { root: { type: 'string' }, queries: { type: 'string', default: '3000' } } });
  const corpus = await loadCorpus(values.root ?? dirname(dirname(fileURLToPath(import.meta.url))), { cache: false });
  const postings = postingsDigest(corpus);
  const queries = await queriesFor(corpus, Number.parseInt(values.queries, 10));
  const index = createSearchIndex(corpus);
  const results = createHash('sha256');
  for (const query of queries) results.update(`${JSON.stringify([query, index.search(query, 10)])}\n`);
  process.stdout.write(`skills ${corpus.skills.length}, terms ${postings.terms}, postings ${postings.postings}\n`);
  process.stdout.write(`postings ${postings.digest}\n`);
  process.stdout.write(`results  ${results.digest('hex')} (${queries.length} queries)\n`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
