import { describe, expect, it } from 'vitest';
import { countSeries, delaySeries, median, periods } from '../../server/trends/series.ts';
import { delays, type Timeframe } from '../../server/domain/journey.ts';

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

describe('the breach share agrees with the journey rules', () => {
  it('counts a case as breached exactly when one of its intervals ending at the report is over its timeframe', () => {
    // A seeded generator: many journeys with gaps, several urgencies and intervals, compared with `delays`.
    let seed = 7;
    // mulberry32
    const rand = (n: number) => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return (((t ^ (t >>> 14)) >>> 0) / 4294967296) * n | 0;
    };
    const timeframes: Timeframe[] = [
      { urgency: 'urgent', fromStage: 'request', toStage: 'report', maxDays: 14, source: 'x', local: false },
      { urgency: 'urgent', fromStage: 'scan', toStage: 'report', maxDays: 3, source: 'x', local: false },
      { urgency: 'routine', fromStage: 'scan', toStage: 'report', maxDays: 28, source: 'x', local: true },
      { urgency: 'routine', fromStage: 'request', toStage: 'scan', maxDays: 42, source: 'x', local: false },
    ];
    const maybe = (v: number) => (rand(4) === 0 ? null : v);
    const rows = Array.from({ length: 2000 }, () => {
      const request = 0;
      const scan = request + rand(60);
      return { event_month: `2026-0${1 + rand(6)}`, urgency: [null, 'urgent', 'routine', 'two_week'][rand(4)]!, day_request: maybe(request), day_vetting: null, day_scan: maybe(scan), day_report: maybe(scan + rand(40)) };
    });
    const expected = new Map<string, number[]>();
    for (const r of rows) {
      const journey = Object.fromEntries(Object.entries({ request: r.day_request, scan: r.day_scan, report: r.day_report }).filter(([, v]) => v !== null));
      // Timeframes set for the report itself; chains over stages not recorded are the case page's.
      const toReport = delays(journey, r.urgency, timeframes).filter((d) => d.toStage === 'report' && !d.skipped);
      if (toReport.length) expected.set(r.event_month, [...(expected.get(r.event_month) ?? []), toReport.some((d) => d.breached) ? 1 : 0]);
    }
    const share = delaySeries(rows, timeframes, '2026-01', '2026-06', 'month', 'share');
    expect(share).toEqual(
      [...expected].sort(([a], [b]) => a.localeCompare(b)).map(([x, xs]) => ({ x, y: Math.round((1000 * xs.reduce((a, b) => a + b, 0)) / xs.length) / 10, n: xs.length })),
    );
    expect(share.length).toBe(6);
  });
});
