/**
 * Summary statistics for benchmark samples: every figure in BENCHMARKS.md is a median with its spread over
 * repeated runs, and latency figures are percentiles over all requests of a run.
 */

/** The q-quantile (0..1) of `values` by linear interpolation between closest ranks. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * Math.min(1, Math.max(0, q));
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/** Median, min, max and interquartile range of repeated measurements. */
export interface Summary {
  median: number;
  min: number;
  max: number;
  q1: number;
  q3: number;
  n: number;
}

/** Summarises repeated measurements of one figure. */
export function summarize(values: readonly number[]): Summary {
  return {
    median: quantile(values, 0.5),
    min: values.length ? Math.min(...values) : Number.NaN,
    max: values.length ? Math.max(...values) : Number.NaN,
    q1: quantile(values, 0.25),
    q3: quantile(values, 0.75),
    n: values.length,
  };
}

/** Latency percentiles of one run (milliseconds). */
export interface Percentiles {
  p50: number;
  p90: number;
  p99: number;
}

/** p50/p90/p99 of one run's latencies. */
export function percentiles(latencies: readonly number[]): Percentiles {
  return { p50: quantile(latencies, 0.5), p90: quantile(latencies, 0.9), p99: quantile(latencies, 0.99) };
}

/** A number with a sensible number of digits for a report. */
export function fmt(value: number, digits?: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  const d = digits ?? (Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2);
  return value.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
}

/** "median (min–max, n=…)" for a report cell. */
export function showSummary(s: Summary, unit = '', digits?: number): string {
  if (s.n === 0) return 'n/a';
  return `${fmt(s.median, digits)}${unit} (${fmt(s.min, digits)}–${fmt(s.max, digits)}, IQR ${fmt(s.q1, digits)}–${fmt(s.q3, digits)}, n=${s.n})`;
}

/** Milliseconds since `start` (a `process.hrtime.bigint()` value). */
export function msSince(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}
