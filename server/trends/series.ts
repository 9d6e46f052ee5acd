import { addMonths } from '../domain/months.ts';
import { addQuarters, monthsOf, periodsBetween, quarterOf } from '../domain/quarters.ts';
import type { Journey, Stage, Timeframe } from '../domain/journey.ts';

export type Granularity = 'month' | 'quarter';
export type Point = { x: string; y: number; n?: number };

const periodOf = (month: string, g: Granularity) => (g === 'month' ? month : quarterOf(month));

/**
 * The periods of a month range: every month, or every quarter wholly inside it. A quarter with a
 * month missing would look like a fall, and SPC would call it a signal.
 */
export function periods(from: string, to: string, g: Granularity): string[] {
  if (g === 'month') return periodsBetween(from, to, addMonths);
  const first = monthsOf(quarterOf(from))[0] === from ? quarterOf(from) : addQuarters(quarterOf(from), 1);
  const last = monthsOf(quarterOf(to))[2] === to ? quarterOf(to) : addQuarters(quarterOf(to), -1);
  return periodsBetween(first, last, addQuarters);
}

/** Counts per period, zero where nothing happened (a quiet month is data, not a gap). */
export function countSeries(monthly: Map<string, number>, from: string, to: string, g: Granularity): Point[] {
  const totals = new Map(periods(from, to, g).map((p) => [p, 0]));
  for (const [month, n] of monthly) {
    const p = periodOf(month, g);
    if (totals.has(p)) totals.set(p, totals.get(p)! + n);
  }
  return [...totals].map(([x, y]) => ({ x, y }));
}

type JourneyRow = { event_month: string; urgency: string | null; day_request: number | null; day_vetting: number | null; day_scan: number | null; day_report: number | null };

const journeyOf = (r: JourneyRow): Journey => {
  const j: Journey = {};
  if (r.day_request !== null) j.request = r.day_request;
  if (r.day_vetting !== null) j.vetting = r.day_vetting;
  if (r.day_scan !== null) j.scan = r.day_scan;
  if (r.day_report !== null) j.report = r.day_report;
  return j;
};

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/**
 * The delay measures per period: the share (per cent) of cases whose interval ending at the report
 * breached its expected timeframe, or the median days from request to report. A period with no case
 * to measure has no point, rather than a misleading zero. `n` is how many cases each point rests on.
 */
export function delaySeries(rows: JourneyRow[], timeframes: Timeframe[], from: string, to: string, g: Granularity, kind: 'share' | 'median'): Point[] {
  const byPeriod = new Map<string, number[]>(periods(from, to, g).map((p) => [p, []]));
  // Per month, not per row: a hundred thousand rows share three dozen months.
  const bucketOf = new Map<string, number[] | undefined>();
  // The intervals that end at the report, per urgency: what `delays` would find set for the report
  // itself, without its sorting. Its chains over stages not recorded are not counted here.
  const toReport = new Map<string, Timeframe[]>();
  for (const t of timeframes) if (t.toStage === 'report') toReport.set(t.urgency, [...(toReport.get(t.urgency) ?? []), t]);
  for (const r of rows) {
    if (!bucketOf.has(r.event_month)) bucketOf.set(r.event_month, byPeriod.get(periodOf(r.event_month, g)));
    const bucket = bucketOf.get(r.event_month);
    if (!bucket) continue;
    if (kind === 'median') {
      if (r.day_request !== null && r.day_report !== null) bucket.push(r.day_report - r.day_request);
      continue;
    }
    const report = r.day_report;
    const intervals = r.urgency && report !== null ? toReport.get(r.urgency) : undefined;
    if (!intervals || report === null) continue;
    const journey = journeyOf(r);
    let measured = false;
    let breached = false;
    for (const t of intervals) {
      const start = journey[t.fromStage as Stage];
      if (start === undefined) continue;
      measured = true;
      if (report - start > t.maxDays) breached = true;
    }
    if (measured) bucket.push(breached ? 1 : 0);
  }
  return [...byPeriod]
    .filter(([, xs]) => xs.length > 0)
    .map(([x, xs]) => ({ x, y: kind === 'median' ? median(xs) : Math.round((1000 * xs.reduce((a, b) => a + b, 0)) / xs.length) / 10, n: xs.length }));
}
