/** Order statistics for the benchmark: nearest-rank percentiles over a sample of timings. */

export type Summary = { n: number; p50: number; p95: number; p99: number; max: number; mean: number };

/** The nearest-rank percentile (`p` in 0–100): the smallest value with at least p% of the sample at or below it. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  if (p <= 0) return Math.min(...values);
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((Math.min(p, 100) / 100) * sorted.length);
  return sorted[Math.max(0, rank - 1)]!;
}

/** The middle value, or the mean of the two middle values of an even-sized sample. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function summarise(values: readonly number[]): Summary {
  let max = Number.NaN;
  let sum = 0;
  for (const v of values) {
    if (!(v <= max)) max = v;
    sum += v;
  }
  return { n: values.length, p50: median(values), p95: percentile(values, 95), p99: percentile(values, 99), max, mean: values.length ? sum / values.length : Number.NaN };
}

/** Rounds for display and JSON; NaN and infinities become null. */
export function round(value: number | null | undefined, digits = 2): number | null {
  if (value === null || value === undefined || !Number.isFinite(value)) return null;
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** Runs `fn` and returns how long it took, in milliseconds, with its result. */
export async function timed<T>(fn: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, value };
}
