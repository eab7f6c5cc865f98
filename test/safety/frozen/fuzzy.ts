/**
 * Fuzzy word comparison for the override rule (R1): OWASP's typoglycemia check (first and last letter kept,
 * middle scrambled) plus Damerau-Levenshtein (optimal string alignment) distance ≤ 1. Only words of five or
 * more characters are compared fuzzily, and the first letter must match, so short civic words ("rules",
 * "files") are never stretched into something else.
 */

/** Optimal-string-alignment distance, stopping early once it exceeds `max`. */
export function osaDistance(a: string, b: string, max = 1): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = a.length;
  const m = b.length;
  let prev2: number[] = new Array<number>(m + 1).fill(0);
  let prev: number[] = Array.from({ length: m + 1 }, (_, j) => j);
  let cur: number[] = new Array<number>(m + 1).fill(0);
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= m; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        v = Math.min(v, (prev2[j - 2] as number) + 1);
      }
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  return prev[m] as number;
}

function sortedMiddle(w: string): string {
  return w.slice(1, -1).split('').sort().join('');
}

/** True when `token` is `word`, or (both ≥ 5 characters, same first letter) a typoglycemia or 1-edit variant. */
export function fuzzyEquals(token: string, word: string): boolean {
  if (token === word) return true;
  if (token.length < 5 || word.length < 5) return false;
  if (token[0] !== word[0]) return false;
  if (token.length === word.length && token[token.length - 1] === word[word.length - 1]) {
    if (sortedMiddle(token) === sortedMiddle(word)) return true;
  }
  return osaDistance(token, word, 1) <= 1;
}

/** A word list indexed by first letter for fast fuzzy lookup. */
export class FuzzyLexicon {
  private readonly exact: Set<string>;
  private readonly byFirst = new Map<string, string[]>();

  constructor(words: readonly string[]) {
    this.exact = new Set(words);
    for (const w of words) {
      const k = w[0] ?? '';
      const list = this.byFirst.get(k) ?? [];
      list.push(w);
      this.byFirst.set(k, list);
    }
  }

  /** The lexicon word `token` matches (exactly or fuzzily), if any. */
  match(token: string): string | undefined {
    if (this.exact.has(token)) return token;
    if (token.length < 5) return undefined;
    const list = this.byFirst.get(token[0] ?? '');
    if (!list) return undefined;
    for (const w of list) if (fuzzyEquals(token, w)) return w;
    return undefined;
  }

  /** The words of the lexicon. */
  words(): readonly string[] {
    return [...this.exact];
  }

  /** Exact membership only. */
  has(token: string): boolean {
    return this.exact.has(token);
  }
}
