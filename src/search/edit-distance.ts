/**
 * Optimal-string-alignment distance (insertions, deletions, substitutions and swaps of two neighbouring
 * letters, each costing 1) between `a` and `b`, or `max + 1` as soon as it is known to exceed `max`. Used for
 * typos: "aankomstverklaaring", "adreswijzging", "apostile". Reuses the caller's rows to allocate nothing.
 */
export function boundedDistance(a: string, b: string, max: number, rows: [Int32Array, Int32Array, Int32Array]): number {
  const n = a.length;
  const m = b.length;
  if (Math.abs(n - m) > max) return max + 1;
  if (n === 0 || m === 0) return Math.max(n, m);
  let [prev2, prev, cur] = rows;
  for (let j = 0; j <= m; j++) prev[j] = j;
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    let rowMin = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j <= m; j++) {
      const cost = ai === b.charCodeAt(j - 1) ? 0 : 1;
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) d = Math.min(d, prev2[j - 2]! + 1);
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[m]! > max ? max + 1 : prev[m]!;
}

/** Row buffers for {@link boundedDistance} for words up to `length` letters. */
export function distanceRows(length: number): [Int32Array, Int32Array, Int32Array] {
  return [new Int32Array(length + 1), new Int32Array(length + 1), new Int32Array(length + 1)];
}
