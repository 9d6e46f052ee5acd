import { describe, expect, it } from 'vitest';
import { countSeries, delaySeries, median, periods } from '../../server/trends/series.ts';

const TF = [{ urgency: 'routine', fromStage: 'scan', toStage: 'report', maxDays: 28, source: 'NHSE', local: false }];
const row = (event_month: string, day_scan: number, day_report: number, urgency = 'routine') => ({ event_month, urgency, day_request: 0, day_vetting: null, day_scan, day_report });

describe('trend series', () => {
  it('lists months or quarters of a range', () => {
    expect(periods('2025-11', '2026-02', 'month')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    // Only whole quarters: a quarter with a month missing would look like a fall.
    expect(periods('2025-11', '2026-02', 'quarter')).toEqual([]);
    expect(periods('2025-10', '2026-06', 'quarter')).toEqual(['2025-Q4', '2026-Q1', '2026-Q2']);
    expect(periods('2025-11', '2026-10', 'quarter')).toEqual(['2026-Q1', '2026-Q2', '2026-Q3']);
  });

  it('fills quiet periods with zero and sums months into quarters', () => {
    const monthly = new Map([['2026-01', 2], ['2026-03', 5], ['2026-04', 1], ['2027-01', 9]]);
    expect(countSeries(monthly, '2026-01', '2026-04', 'month')).toEqual([{ x: '2026-01', y: 2 }, { x: '2026-02', y: 0 }, { x: '2026-03', y: 5 }, { x: '2026-04', y: 1 }]);
    expect(countSeries(monthly, '2026-01', '2026-06', 'quarter')).toEqual([{ x: '2026-Q1', y: 7 }, { x: '2026-Q2', y: 1 }]);
  });

  it('gives the share of reports that breached their timeframe, leaving out periods with nothing to measure', () => {
    const rows = [row('2026-01', 2, 40), row('2026-01', 2, 10), row('2026-01', 2, 31), row('2026-01', 2, 50, 'unknown'), row('2026-03', 1, 5)];
    expect(delaySeries(rows, TF, '2026-01', '2026-03', 'month', 'share')).toEqual([{ x: '2026-01', y: 66.7, n: 3 }, { x: '2026-03', y: 0, n: 1 }]);
  });

  it('gives the median days from request to report', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    const rows = [row('2026-01', 2, 40), row('2026-02', 2, 10), row('2026-02', 2, 20)];
    expect(delaySeries(rows, TF, '2026-01', '2026-02', 'month', 'median')).toEqual([{ x: '2026-01', y: 40, n: 1 }, { x: '2026-02', y: 15, n: 2 }]);
  });
});
