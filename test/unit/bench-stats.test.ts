import { describe, expect, it } from 'vitest';
import { median, percentile, round, summarise } from '../../bench/stats.ts';

describe('benchmark statistics', () => {
  it('takes nearest-rank percentiles', () => {
    const xs = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(xs, 50)).toBe(50);
    expect(percentile(xs, 95)).toBe(95);
    expect(percentile(xs, 99)).toBe(99);
    expect(percentile(xs, 100)).toBe(100);
    expect(percentile(xs, 0)).toBe(1);
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([1, 2, 3], 95)).toBe(3);
    expect(percentile([], 50)).toBeNaN();
  });

  it('takes the median of odd and even samples without reordering them', () => {
    const xs = [5, 1, 3];
    expect(median(xs)).toBe(3);
    expect(xs).toEqual([5, 1, 3]);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });

  it('summarises a sample and rounds for the report', () => {
    expect(summarise([2, 4, 6, 8])).toEqual({ n: 4, p50: 5, p95: 8, p99: 8, max: 8, mean: 5 });
    expect(round(1.23456, 2)).toBe(1.23);
    expect(round(Number.NaN)).toBeNull();
    expect(round(null)).toBeNull();
  });
});
