/**
 * Readings of an XmR result for people: the Making Data Count variation icon, a one-line summary,
 * per-point signal text and per-group facts ("trial limits"). Pure, so pages, CSV and API share them.
 */
import { monthLabel } from '../months.ts';
import type { Improvement, XmrPoint } from './types.ts';

/**
 * The package warns about groups with fewer points than this (`ptd_spc.warning_threshold`, 13):
 * their limits are trial limits that will move as points are added.
 */
export const TRIAL_LIMITS_BELOW = 13;

export type VariationIcon =
  | 'common_cause'
  | 'improvement_high'
  | 'improvement_low'
  | 'concern_high'
  | 'concern_low'
  | 'neutral_high'
  | 'neutral_low';

export interface XmrGroup {
  group: number;
  from: string;
  to: string;
  n: number;
  mean: number;
  lpl: number;
  upl: number;
  /** Fewer than 13 points: the chart must say the limits are trial limits. */
  trialLimits: boolean;
  /** False for a single point or a flat series: there is no variation to set limits from. */
  limitsComputable: boolean;
}

/** One entry per rebase group present in `points`, in order. */
export function groupSummaries(points: readonly XmrPoint[]): XmrGroup[] {
  const groups: XmrGroup[] = [];
  for (const p of points) {
    const last = groups.at(-1);
    if (last && last.group === p.group) {
      last.to = p.x;
      last.n++;
      last.trialLimits = last.n < TRIAL_LIMITS_BELOW;
      continue;
    }
    groups.push({
      group: p.group,
      from: p.x,
      to: p.x,
      n: 1,
      mean: p.mean,
      lpl: p.lpl,
      upl: p.upl,
      trialLimits: 1 < TRIAL_LIMITS_BELOW,
      limitsComputable: Number.isFinite(p.lpl) && Number.isFinite(p.upl),
    });
  }
  return groups;
}

/**
 * Limits that collapsed onto the mean though the values vary: a rare event, zero most periods, whose
 * few moving ranges all fall to the screening, so every period reads as a signal. Its points are not
 * read as signals: the counts say more than the chart.
 */
export function limitsCollapsed(point: XmrPoint): boolean {
  return Number.isFinite(point.lpl) && point.lpl === point.upl;
}

/** Whether `group` (by default the latest one) has trial limits. False when there are no points. */
export function isTrialLimits(points: readonly XmrPoint[], group?: number): boolean {
  const target = group ?? points.at(-1)?.group;
  const n = points.filter((p) => p.group === target).length;
  return n > 0 && n < TRIAL_LIMITS_BELOW;
}

/**
 * Which way the point's signal points: 1 high or rising, -1 low or falling, 0 common cause. The
 * point type and the improvement direction together determine it, as they do in the package.
 */
export function pointDirection(point: XmrPoint, improvement: Improvement): -1 | 0 | 1 {
  switch (point.pointType) {
    case 'common_cause':
      return 0;
    case 'special_cause_neutral_high':
      return 1;
    case 'special_cause_neutral_low':
      return -1;
    case 'special_cause_improvement':
      return improvement === 'decrease' ? -1 : 1;
    case 'special_cause_concern':
      return improvement === 'decrease' ? 1 : -1;
  }
}

/** The variation icon for the latest point, as the package picks it; null for an empty series. */
export function variationIcon(points: readonly XmrPoint[], improvement: Improvement): VariationIcon | null {
  const latest = points.at(-1);
  if (!latest) return null;
  const high = pointDirection(latest, improvement) > 0;
  switch (latest.pointType) {
    case 'common_cause':
      return 'common_cause';
    case 'special_cause_neutral_high':
      return 'neutral_high';
    case 'special_cause_neutral_low':
      return 'neutral_low';
    case 'special_cause_improvement':
      return high ? 'improvement_high' : 'improvement_low';
    case 'special_cause_concern':
      return high ? 'concern_high' : 'concern_low';
  }
}

/** Short text for the data table's signal column; empty for common cause. */
export function signalLabel(point: XmrPoint, improvement: Improvement): string {
  const high = pointDirection(point, improvement) > 0;
  switch (point.rule) {
    case null:
      return '';
    case 'outside_limits':
      return high ? 'Above the upper process limit' : 'Below the lower process limit';
    case 'trend':
      return high ? 'Rising trend (7 or more points)' : 'Falling trend (7 or more points)';
    case 'two_in_three':
      return high ? '2 of 3 points near the upper limit' : '2 of 3 points near the lower limit';
    case 'shift':
      return high ? '7 or more points above the mean' : '7 or more points below the mean';
  }
}

/** "2025-04" → "April 2025", "2025-Q2" → "Q2 2025"; anything else unchanged. */
export function defaultFormatPeriod(x: string): string {
  if (/^\d{4}-(0[1-9]|1[0-2])$/.test(x)) return monthLabel(x);
  const quarter = /^(\d{4})-Q([1-4])$/.exec(x);
  if (quarter) return `Q${quarter[2]} ${quarter[1]}`;
  return x;
}

export interface DescribeOptions {
  /** What is measured, in a form that reads mid-sentence: "cases about communication". */
  measureLabel: string;
  improvement: Improvement;
  /** The length of one period, for "7 months"; defaults to month. */
  periodUnit?: 'month' | 'quarter' | 'week' | 'day';
  formatPeriod?: (x: string) => string;
}

const HEADLINE = {
  common_cause: 'Common cause variation',
  special_cause_improvement: 'Special cause improvement',
  special_cause_concern: 'Special cause concern',
  special_cause_neutral_high: 'Special cause variation',
  special_cause_neutral_low: 'Special cause variation',
} as const;

/**
 * One plain-English line on the latest point, e.g. "Special cause concern: 7 months above the mean
 * since April 2025". It speaks of the latest point only, as the variation icon does.
 */
export function describeVariation(points: readonly XmrPoint[], options: DescribeOptions): string {
  const latest = points.at(-1);
  if (!latest) return `No data yet for ${options.measureLabel}`;
  const format = options.formatPeriod ?? defaultFormatPeriod;
  const unit = options.periodUnit ?? 'month';
  const count = (k: number) => `${k} ${unit}${k === 1 ? '' : 's'}`;
  const group = points.filter((p) => p.group === latest.group);
  const headline = HEADLINE[latest.pointType];
  const high = pointDirection(latest, options.improvement) > 0;

  if (!Number.isFinite(latest.lpl)) {
    return `Not enough variation in ${options.measureLabel} to compute limits (${count(group.length)} since ${format(group[0]!.x)})`;
  }
  if (limitsCollapsed(latest)) {
    return `Too rare to read as variation: most ${unit}s of ${options.measureLabel} have none, so the process limits close on the mean (${count(group.length)} since ${format(group[0]!.x)})`;
  }

  switch (latest.rule) {
    case null:
      return `${headline}: ${options.measureLabel} within the process limits in ${format(latest.x)}, with no sign of change`;
    case 'outside_limits':
      return `${headline}: ${options.measureLabel} ${high ? 'above the upper' : 'below the lower'} process limit in ${format(latest.x)}`;
    case 'shift': {
      const start = runStart(group, (p) => p.relativeToMean === latest.relativeToMean);
      return `${headline}: ${count(group.length - start)} ${high ? 'above' : 'below'} the mean since ${format(group[start]!.x)}`;
    }
    case 'trend': {
      const step = high ? 1 : -1;
      let start = group.length - 1;
      while (start > 0 && Math.sign(group[start]!.y - group[start - 1]!.y) === step) start--;
      return `${headline}: ${options.measureLabel} ${high ? 'rising' : 'falling'} for ${count(group.length - start)} in a row since ${format(group[start]!.x)}`;
    }
    case 'two_in_three': {
      // The latest point can only be flagged by the window of the group's last 3 points.
      const closeCount = group.slice(-3).filter((p) => p.closeToLimits).length;
      return `${headline}: ${options.measureLabel} close to the ${high ? 'upper' : 'lower'} process limit in ${closeCount} of the last 3 ${unit}s, latest ${format(latest.x)}`;
    }
  }
}

/** Index where the run of points satisfying `inRun` that ends at the last point begins. */
function runStart(points: readonly XmrPoint[], inRun: (p: XmrPoint) => boolean): number {
  let start = points.length - 1;
  while (start > 0 && inRun(points[start - 1]!)) start--;
  return start;
}
