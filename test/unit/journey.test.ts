import { describe, expect, it } from 'vitest';
import { formatRef, isRef, parseRef } from '../../server/domain/case-ref.ts';
import { checkJourney, delays, type Timeframe } from '../../server/domain/journey.ts';
import { addMonths, checkEventMonth, monthLabel, monthOf } from '../../server/domain/months.ts';

const TF: Timeframe[] = [
  { urgency: 'routine', fromStage: 'scan', toStage: 'report', maxDays: 28, source: 'NHS England 2023', local: false },
  { urgency: 'routine', fromStage: 'request', toStage: 'scan', maxDays: 42, source: 'DM01', local: false },
  { urgency: 'urgent', fromStage: 'scan', toStage: 'report', maxDays: 2, source: 'local', local: true },
];

describe('checkJourney', () => {
  it('accepts offsets in order, with stages missing', () => {
    expect(checkJourney({})).toEqual([]);
    expect(checkJourney({ request: 0, scan: 10, report: 10, action: 60 })).toEqual([]);
  });
  it('requires the request as day 0', () => {
    expect(checkJourney({ scan: 3 })).toEqual([{ stage: 'request', message: 'Enter the request as day 0 when you record later stages' }]);
    expect(checkJourney({ request: 2, scan: 3 })[0]).toMatchObject({ stage: 'request', message: 'The request is day 0' });
  });
  it('names a stage that goes backwards, negative or fractional days', () => {
    expect(checkJourney({ request: 0, scan: 10, report: 4 })).toEqual([{ stage: 'report', message: 'Day of report cannot be before day of scan (day 10)' }]);
    expect(checkJourney({ request: 0, vetting: -1 })[0]!.message).toBe('Day of vetting must be a whole number of days, 0 or more');
    expect(checkJourney({ request: 0, vetting: 1.5 })[0]!.stage).toBe('vetting');
    expect(checkJourney({ request: 0, action: 5000 })[0]!.message).toMatch(/3650 or fewer/);
  });
});

describe('delays', () => {
  it('computes each interval for the urgency and flags breaches', () => {
    expect(delays({ request: 0, scan: 30, report: 70 }, 'routine', TF)).toEqual([
      { fromStage: 'request', toStage: 'scan', days: 30, maxDays: 42, breached: false, overBy: 0, source: 'DM01', local: false },
      { fromStage: 'scan', toStage: 'report', days: 40, maxDays: 28, breached: true, overBy: 12, source: 'NHS England 2023', local: false },
    ]);
  });
  it('is exactly at the limit without breaching', () => {
    expect(delays({ request: 0, scan: 1, report: 3 }, 'urgent', TF)[0]).toMatchObject({ days: 2, breached: false });
  });
  it('skips intervals missing an end, and cases without urgency', () => {
    expect(delays({ request: 0, scan: 5 }, 'routine', TF).map((d) => d.toStage)).toEqual(['scan']);
    expect(delays({ request: 0, scan: 5, report: 99 }, null, TF)).toEqual([]);
  });
});

describe('delays over stages not recorded', () => {
  const CHAIN: Timeframe[] = [
    { urgency: 'routine', fromStage: 'report', toStage: 'alert', maxDays: 1, source: 'local', local: true },
    { urgency: 'routine', fromStage: 'alert', toStage: 'acknowledgement', maxDays: 7, source: 'AoMRC', local: true },
    { urgency: 'routine', fromStage: 'acknowledgement', toStage: 'action', maxDays: 14, source: 'local', local: true },
    { urgency: 'urgent', fromStage: 'alert', toStage: 'acknowledgement', maxDays: 1, source: 'AoMRC', local: true },
  ];

  it('holds an alert never acknowledged to the timeframes either side of the acknowledgement', () => {
    // The missed cancer: alerted on day 13, never acknowledged, acted on at day 270.
    expect(delays({ request: 0, report: 12, alert: 13, action: 270 }, 'routine', CHAIN)).toEqual([
      { fromStage: 'report', toStage: 'alert', days: 1, maxDays: 1, breached: false, overBy: 0, source: 'local', local: true },
      { fromStage: 'alert', toStage: 'action', days: 257, maxDays: 21, breached: true, overBy: 236, source: 'AoMRC; local', local: true, skipped: ['acknowledgement'] },
    ]);
  });

  it('chains over several stages, and only as far as the first recorded one', () => {
    expect(delays({ request: 0, report: 10, action: 30 }, 'routine', CHAIN)).toEqual([
      expect.objectContaining({ fromStage: 'report', toStage: 'action', days: 20, maxDays: 22, breached: false, skipped: ['alert', 'acknowledgement'] }),
    ]);
  });

  it('uses the recorded stages when there are any, and chains nothing when the end is not recorded', () => {
    expect(delays({ request: 0, alert: 2, acknowledgement: 3, action: 30 }, 'routine', CHAIN).map((d) => [d.fromStage, d.toStage, d.skipped])).toEqual([
      ['alert', 'acknowledgement', undefined],
      ['acknowledgement', 'action', undefined],
    ]);
    expect(delays({ request: 0, alert: 2 }, 'routine', CHAIN)).toEqual([]);
    // No timeframe leads on from the urgent acknowledgement: no chain to action.
    expect(delays({ request: 0, alert: 2, action: 40 }, 'urgent', CHAIN)).toEqual([]);
  });

  it('prefers a timeframe set for the two stages themselves to a chain between them', () => {
    const withDirect = [...CHAIN, { urgency: 'routine', fromStage: 'alert', toStage: 'action', maxDays: 30, source: 'trust', local: true }];
    expect(delays({ request: 0, alert: 2, action: 40 }, 'routine', withDirect)).toEqual([
      { fromStage: 'alert', toStage: 'action', days: 38, maxDays: 30, breached: true, overBy: 8, source: 'trust', local: true },
    ]);
  });
});

describe('case references', () => {
  it('formats and parses CB-YYYY-NNNNN', () => {
    expect(formatRef(2026, 12)).toBe('CB-2026-00012');
    expect(parseRef('cb-2026-00012')).toEqual({ year: 2026, sequence: 12 });
    expect(isRef('CB-2026-1')).toBe(false);
    expect(() => formatRef(2026, 100_000)).toThrow(RangeError);
  });
});

describe('event months', () => {
  const now = new Date('2026-11-23T10:00:00Z');
  it('accepts past and current months only', () => {
    expect(checkEventMonth('2026-11', now)).toBeUndefined();
    expect(checkEventMonth('2026-12', now)).toBe('future');
    expect(checkEventMonth('2026-13', now)).toBe('format');
    expect(checkEventMonth('2026-3', now)).toBe('format');
    expect(checkEventMonth('1980-01', now)).toBe('too_early');
  });
  it('uses UK time for the current month', () => {
    expect(monthOf(new Date('2026-05-31T23:30:00Z'))).toBe('2026-06');
  });
  it('remembers only the last moment it formatted, so each new moment gets its own month', () => {
    const d = new Date('2026-01-15T12:00:00Z');
    expect(monthOf(d)).toBe('2026-01');
    expect(monthOf(new Date('2026-01-15T12:00:00Z'))).toBe('2026-01');
    d.setUTCMonth(6);
    expect(monthOf(d)).toBe('2026-07');
    expect(monthOf(new Date('2025-12-31T23:59:59Z'))).toBe('2025-12');
    expect(() => monthOf(new Date('nonsense'))).toThrow(RangeError);
  });
  it('adds months across years and labels them', () => {
    expect(addMonths('2026-11', 3)).toBe('2027-02');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(monthLabel('2026-03')).toBe('March 2026');
  });
});
