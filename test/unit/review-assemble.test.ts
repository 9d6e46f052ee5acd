import { describe, expect, it } from 'vitest';
import type { XmrPoint } from '../../server/domain/spc.ts';
import { assemblePack, reviewQuarters, signalIn, type WindowCase } from '../../server/reviews/assemble.ts';
import type { Vocabularies } from '../../server/vocabularies/service.ts';

const v = {
  themes: [
    { code: 'T1', label: 'Guidelines', summary: '', factors: [{ code: 'T1.01', label: 'No alert' }] },
    { code: 'T2', label: 'Acting', summary: '', factors: [{ code: 'T2.03', label: 'Follow-up not booked' }] },
    { code: 'T3', label: 'Delays', summary: '', factors: [] },
    { code: 'T4', label: 'Learning', summary: '', factors: [] },
  ],
  sources: [{ code: 'phso', label: 'PHSO complaint' }, { code: 'incident', label: 'Incident' }, { code: 'real', label: 'REAL meeting' }],
  departments: [{ code: 'north', label: 'North' }, { code: 'south', label: 'South' }],
  modalities: [], bodyAreas: [], settings: [], urgencies: [], alertCategories: [], ageBands: [], actionOwners: [],
  harms: [{ code: 'low', label: 'Low harm' }],
  journeyStages: [{ code: 'request', label: 'Request' }, { code: 'scan', label: 'Scan' }, { code: 'report', label: 'Report' }],
} as unknown as Vocabularies;

let id = 0;
const c = (eventMonth: string, change: Partial<WindowCase> = {}): WindowCase => ({
  id: ++id, ref: `CB-2026-${String(id).padStart(5, '0')}`, title: `Case ${id}`, eventMonth, department: 'north', source: 'incident', harm: 'low', urgency: 'routine', journey: {}, themes: ['T1'], factors: [], repeats: [], ...change,
});
const point = (x: string, pointType: XmrPoint['pointType'] = 'common_cause'): XmrPoint => ({ x, y: 1, mean: 1, lpl: 0, upl: 2, outsideLimits: false, closeToLimits: false, relativeToMean: 0, rule: null, pointType, group: 0 });
const TF = [{ urgency: 'routine', fromStage: 'scan', toStage: 'report', maxDays: 28, source: 'NHSE', local: false }];

describe('review assembly', () => {
  it('reviews the quarter against the four before it', () => {
    expect(reviewQuarters('2026-Q3')).toEqual(['2025-Q3', '2025-Q4', '2026-Q1', '2026-Q2', '2026-Q3']);
  });

  it('says whether a signal starts in the quarter or continues into it', () => {
    const months = ['2026-07', '2026-08', '2026-09'];
    expect(signalIn([point('2026-06'), point('2026-07', 'special_cause_concern')], months)).toBe('starts');
    expect(signalIn([point('2026-06', 'special_cause_concern'), point('2026-07', 'special_cause_concern')], months)).toBe('continues');
    expect(signalIn([point('2026-06', 'special_cause_concern'), point('2026-07')], months)).toBeUndefined();
  });

  it('assembles summary, recurrences, triangulation, delays and cases from hand-made data', () => {
    const cases = [
      c('2025-08', { factors: ['T2.03'], themes: ['T2'] }),
      c('2026-02', { factors: ['T2.03'], themes: ['T2'] }),
      c('2026-07', { factors: ['T2.03'], themes: ['T2'], source: 'phso', repeats: ['CB-2026-00001'] }),
      c('2026-08', { department: 'south', themes: ['T1', 'T3'], journey: { request: 0, scan: 2, report: 40 } }),
      c('2026-09', { journey: { request: 0, scan: 1, report: 10 } }),
    ];
    const pack = assemblePack({
      quarter: '2026-Q3', departments: [], vocabularies: v, timeframes: TF, cases, counted: cases,
      charts: [{ measure: 'theme:T3', label: 'T3', improvement: 'decrease', reading: 'Special cause concern', points: [point('2026-08', 'special_cause_concern')] }, { measure: 'theme:T1', label: 'T1', improvement: 'decrease', reading: 'Common cause', points: [point('2026-08')] }],
      clusters: [], actions: { open: [], doneSinceLast: [] },
    });
    expect(pack.summary.total).toEqual([1, 0, 1, 0, 3]);
    expect(pack.summary.byTheme.find((t) => t.code === 'T2')!.counts).toEqual([1, 0, 1, 0, 1]);
    expect(pack.signals.map((s) => [s.measure, s.status])).toEqual([['theme:T3', 'starts']]);
    // T2.03 in 2026-Q1 and 2026-Q3 of the last four quarters (2025-Q3 is the fifth): recurring.
    expect(pack.recurrences.recurringFactors).toEqual([{ code: 'T2.03', label: 'Follow-up not booked', quarters: ['2026-Q1', '2026-Q3'], counts: [0, 1, 0, 1] }]);
    expect(pack.recurrences.repeats).toEqual([{ ref: 'CB-2026-00003', title: 'Case 3', repeats: ['CB-2026-00001'] }]);
    const bySource = pack.triangulation.themeBySource;
    expect(bySource.cols.map((x) => x.code)).toEqual(['phso', 'incident']);
    expect(bySource.counts[bySource.rows.findIndex((r) => r.code === 'T2')]).toEqual([1, 0]);
    // Counted cases are submitted or closed, and the links list those.
    expect(bySource.hrefs[0]![0]).toBe('/cases?theme=T1&source=phso&status=submitted_or_closed&from=2026-07&to=2026-09');
    expect(pack.delays.intervals).toEqual([{ from: 'Scan', to: 'Report', measured: 2, breached: 1, share: 50, median: 23.5 }]);
    expect(pack.delays.worst).toEqual([{ ref: 'CB-2026-00004', title: 'Case 4', interval: 'Scan to Report', days: 38, maxDays: 28, overBy: 10 }]);
    expect(pack.cases.map((x) => x.ref)).toEqual(['CB-2026-00003', 'CB-2026-00004', 'CB-2026-00005']);
    expect(pack.scope.label).toBe('Whole organisation');
  });

  it('reads each signal where it is in the quarter, and leaves out charts whose limits close on the mean', () => {
    const months = ['2026-07', '2026-08', '2026-09'];
    const spike: XmrPoint[] = [point('2026-06'), { ...point('2026-07', 'special_cause_concern'), y: 5, rule: 'outside_limits', outsideLimits: true, relativeToMean: 1 }, point('2026-08'), point('2026-09')];
    const rare: XmrPoint[] = months.map((x) => ({ ...point(x, 'special_cause_improvement'), y: 0, mean: 0.05, lpl: 0.05, upl: 0.05, rule: 'outside_limits' as const, relativeToMean: -1 as const }));
    expect(signalIn(rare, months)).toBeUndefined();
    const pack = assemblePack({
      quarter: '2026-Q3', departments: [], vocabularies: v, timeframes: TF, cases: [], counted: [], clusters: [], actions: { open: [], doneSinceLast: [] },
      charts: [
        { measure: 'theme:T3', label: 'T3 Delays', improvement: 'decrease', reading: 'Common cause variation: within limits in September 2026', points: spike },
        { measure: 'factor:T3.01', label: 'T3.01', improvement: 'decrease', reading: 'x', points: rare },
      ],
    });
    expect(pack.signals.map((x) => [x.measure, x.reading])).toEqual([['theme:T3', 'Special cause concern: T3 Delays above the upper process limit in July 2026']]);
  });

  it('keeps an interval bridged over a stage not recorded in its own row of the delays', () => {
    // Routine has a timeframe from request to report; urgent has one to the scan and one after it.
    const tf = [
      { urgency: 'routine', fromStage: 'request', toStage: 'report', maxDays: 30, source: 'trust', local: true },
      { urgency: 'urgent', fromStage: 'request', toStage: 'scan', maxDays: 14, source: 'trust', local: true },
      { urgency: 'urgent', fromStage: 'scan', toStage: 'report', maxDays: 2, source: 'trust', local: true },
    ];
    const cases = [c('2026-07', { urgency: 'routine', journey: { request: 0, report: 50 } }), c('2026-08', { urgency: 'urgent', journey: { request: 0, report: 50 } })];
    const pack = assemblePack({ quarter: '2026-Q3', departments: [], vocabularies: v, timeframes: tf, cases, counted: cases, charts: [], clusters: [], actions: { open: [], doneSinceLast: [] } });
    expect(pack.delays.intervals.map((i) => `${i.from} to ${i.to}: ${i.measured}`)).toEqual(['Request to Report: 1', 'Request to Report (no scan recorded): 1']);
  });

  it('links counts to the review\'s own department, and leaves a count over several departments unlinked', () => {
    const cases = [c('2026-07', { source: 'phso' }), c('2026-08', { department: 'south' })];
    const input = { quarter: '2026-Q3', vocabularies: v, timeframes: TF, cases, counted: cases, charts: [], clusters: [], actions: { open: [], doneSinceLast: [] } };
    const north = assemblePack({ ...input, departments: ['north'] }).triangulation;
    expect(north.themeBySource.hrefs[0]![0]).toBe('/cases?department=north&theme=T1&source=phso&status=submitted_or_closed&from=2026-07&to=2026-09');
    const both = assemblePack({ ...input, departments: ['north', 'south'] }).triangulation;
    expect(both.themeBySource.hrefs[0]).toEqual(['', '']);
    expect(both.themeByDepartment.hrefs[0]![0]).toBe('/cases?theme=T1&department=north&status=submitted_or_closed&from=2026-07&to=2026-09');
  });
});
