/**
 * The arithmetic mean as R's `mean()` computes it. R sums in 80-bit long double and then adds a
 * second correction pass, so it returns the correctly rounded mean: mean(c(0.1, 0.2, 0.3)) is
 * exactly 0.2 and the mean of identical values is that value. A plain double sum gets both wrong
 * by an ulp, which flips `relative_to_mean` for points sitting on the mean and with it the shift
 * rule. Double-double arithmetic (about 106 bits) reproduces R's answer.
 */

/** Error-free sum: a + b === s + e exactly. */
function twoSum(a: number, b: number): [number, number] {
  const s = a + b;
  const bb = s - a;
  return [s, a - (s - bb) + (b - bb)];
}

const SPLITTER = 134217729; // 2^27 + 1, Dekker's split for 53-bit doubles

function split(a: number): [number, number] {
  const c = SPLITTER * a;
  const hi = c - (c - a);
  return [hi, a - hi];
}

/** Error-free product: a * b === p + e exactly (barring overflow). */
function twoProduct(a: number, b: number): [number, number] {
  const p = a * b;
  const [ah, al] = split(a);
  const [bh, bl] = split(b);
  return [p, al * bl - (p - ah * bh - al * bh - ah * bl)];
}

/** Mean of `values`; NaN for an empty list, as in R. */
export function rMean(values: readonly number[]): number {
  const n = values.length;
  if (n === 0) return Number.NaN;
  let hi = 0;
  let lo = 0;
  for (const v of values) {
    const [s, e] = twoSum(hi, v);
    [hi, lo] = twoSum(s, e + lo);
  }
  const q = hi / n;
  if (!Number.isFinite(q)) return q;
  // Remainder of the double-double sum after taking q·n away, then fold it back into q.
  const [p, pe] = twoProduct(q, n);
  const remainder = hi - p - pe + lo;
  return q + remainder / n;
}
