/**
 * Search relevance on the evaluation set `test/search/queries.yaml`: for each query, the rank of the skill that
 * should come first, summed up as top-1 accuracy, top-3 recall and mean reciprocal rank (MRR) overall, per query
 * language, and for the tuning part and the held-apart part separately. Pure functions over any ranker, so the
 * relevance test, the benchmark and a comparison between indexes all read the same figures.
 *
 * `node --import tsx bench/relevance.ts [--root DIR] [--misses]` prints the tables for a corpus root (default:
 * this repository); `--misses` lists the tuning queries whose expected skill is not first (held-apart queries are
 * never listed, so they stay out of tuning).
 */
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parse } from 'yaml';
import * as z from 'zod';

/** The languages a query may be written in. */
export const LANGUAGES = ['en', 'nl', 'fr', 'de'] as const;

const SkillName = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'a skill name (kebab-case)');

/** One query as written in the evaluation set file. */
export const EvalQuerySchema = z.strictObject({
  q: z.string().min(1),
  lang: z.enum(LANGUAGES),
  expect: SkillName,
  also: z.array(SkillName).optional(),
});

/** One query of the evaluation set, with the part it belongs to (`holdout`: the held-apart part). */
export type EvalQuery = z.infer<typeof EvalQuerySchema> & { holdout: boolean };

/** The evaluation set file: the tuning part (`queries`) and the held-apart part (`held_apart`). */
export const EvalSetSchema = z.strictObject({
  queries: z.array(EvalQuerySchema).min(1),
  held_apart: z.array(EvalQuerySchema).min(1),
});

/** Path of the evaluation set in a checkout. */
export const QUERIES_FILE = join(dirname(dirname(fileURLToPath(import.meta.url))), 'test/search/queries.yaml');

/** Reads and validates the evaluation set: the tuning part, then the held-apart part. */
export async function loadEvalSet(path = QUERIES_FILE): Promise<EvalQuery[]> {
  const parsed = EvalSetSchema.safeParse(parse(await readFile(path, 'utf8')));
  if (!parsed.success) throw new Error(`${path}: ${z.prettifyError(parsed.error)}`);
  return [
    ...parsed.data.queries.map((q) => ({ ...q, holdout: false })),
    ...parsed.data.held_apart.map((q) => ({ ...q, holdout: true })),
  ];
}

/** Anything that ranks skill names for a query, best first. */
export type Ranker = (query: string) => readonly string[];

/** The outcome of one query. */
export interface QueryOutcome {
  query: EvalQuery;
  /** 1-based rank of the expected skill, or null when it is not in the results. */
  rank: number | null;
  /** The first three skills returned. */
  top: string[];
}

/** The figures over a group of queries. */
export interface Metrics {
  n: number;
  /** Share of queries whose expected skill is first. */
  top1: number;
  /** Share of queries whose expected skill is among the first three. */
  top3: number;
  /** Mean of 1/rank of the expected skill (0 when absent). */
  mrr: number;
  /** Among queries that name acceptable seconds and get their expected skill first: share whose second hit is one. */
  second: number | null;
}

/** Runs every query through `rank`. */
export function evaluate(queries: readonly EvalQuery[], rank: Ranker): QueryOutcome[] {
  return queries.map((query) => {
    const results = rank(query.q);
    const at = results.indexOf(query.expect);
    return { query, rank: at === -1 ? null : at + 1, top: results.slice(0, 3) };
  });
}

/** Summarises outcomes. */
export function metrics(outcomes: readonly QueryOutcome[]): Metrics {
  const n = outcomes.length;
  if (n === 0) return { n, top1: 0, top3: 0, mrr: 0, second: null };
  const hit = (k: number) => outcomes.filter((o) => o.rank !== null && o.rank <= k).length / n;
  const mrr = outcomes.reduce((sum, o) => sum + (o.rank === null ? 0 : 1 / o.rank), 0) / n;
  const judged = outcomes.filter((o) => o.rank === 1 && o.query.also?.length);
  const second = judged.length === 0 ? null : judged.filter((o) => o.query.also?.includes(o.top[1] ?? '')).length / judged.length;
  return { n, top1: hit(1), top3: hit(3), mrr, second };
}

/** Named groups of outcomes: all, each language, the tuning part and the held-apart part. */
export function groups(outcomes: readonly QueryOutcome[]): Array<{ name: string; metrics: Metrics }> {
  const of = (name: string, keep: (o: QueryOutcome) => boolean) => ({ name, metrics: metrics(outcomes.filter(keep)) });
  return [
    of('all', () => true),
    ...LANGUAGES.map((lang) => of(lang, (o) => o.query.lang === lang)),
    of('tuning part', (o) => !o.query.holdout),
    of('held-apart part', (o) => o.query.holdout),
  ];
}

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

/** A Markdown table of {@link groups}. */
export function metricsTable(outcomes: readonly QueryOutcome[]): string {
  const rows = groups(outcomes).map(({ name, metrics: m }) => `| ${name} | ${m.n} | ${pct(m.top1)} | ${pct(m.top3)} | ${m.mrr.toFixed(3)} | ${m.second === null ? '—' : pct(m.second)} |`);
  return ['| queries | n | top-1 | top-3 | MRR | second hit acceptable |', '|---|---:|---:|---:|---:|---:|', ...rows].join('\n');
}

/** Tuning queries whose expected skill is not first (held-apart ones are left out on purpose). */
export function tuningMisses(outcomes: readonly QueryOutcome[]): string[] {
  return outcomes
    .filter((o) => !o.query.holdout && o.rank !== 1)
    .map((o) => `${o.query.lang}  "${o.query.q}"  expected ${o.query.expect} (rank ${o.rank ?? '—'}), got ${o.top.join(', ')}`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { root: { type: 'string' }, misses: { type: 'boolean', default: false } } });
  const { loadCorpus } = await import('../src/load-corpus.js');
  const { createSearchIndex } = await import('../src/search/index.js');
  const corpus = await loadCorpus(values.root ?? dirname(dirname(fileURLToPath(import.meta.url))), { cache: false });
  const index = createSearchIndex(corpus);
  const outcomes = evaluate(await loadEvalSet(), (q) => index.search(q, 10).map((r) => r.skill));
  process.stdout.write(`${metricsTable(outcomes)}\n`);
  if (values.misses) process.stdout.write(`\n${tuningMisses(outcomes).join('\n')}\n`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
