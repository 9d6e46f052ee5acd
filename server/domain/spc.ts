/**
 * XmR charts with the NHS England "Making Data Count" rules, reproducing NHSRplotthedots 0.2.2
 * (`ptd_spc()`) point for point: see `SPC.md` beside DESIGN.md. Pure: trend pages, the API and the
 * acceptance check all call `xmr()` with a series of periods and values.
 */
import { rMean } from './spc/mean.ts';
import type { Improvement, PointType, SpcRule, XmrInput, XmrOptions, XmrPoint } from './spc/types.ts';

export type { Improvement, PointType, SpcRule, XmrInput, XmrOptions, XmrPoint } from './spc/types.ts';
export {
  defaultFormatPeriod,
  describeVariation,
  type DescribeOptions,
  groupSummaries,
  isTrialLimits,
  limitsCollapsed,
  pointDirection,
  signalLabel,
  TRIAL_LIMITS_BELOW,
  variationIcon,
  type VariationIcon,
  type XmrGroup,
} from './spc/reading.ts';

/** Process limits sit 2.66 average moving ranges (3 sigma) from the mean. */
const LIMIT = 2.66;
/** The "close to limits" band starts at 2 sigma; written as the package writes it so it rounds the same. */
const LIMIT_CLOSE = 2 * (LIMIT / 3);
/** Moving ranges at or above 3.267 × their mean are screened out before the limits are set. */
const SCREEN = 3.267;
/** Both the trend and the shift rule need 7 points. */
const RUN = 7;

type Sign = -1 | 0 | 1;

const sign = (d: number): Sign => (d > 0 ? 1 : d < 0 ? -1 : 0);

/**
 * One result per point, sorted by `x`. Periods are compared as strings, so they must sort in date
 * order that way (`YYYY-MM`, `YYYY-MM-DD`, `YYYY-Qn`). Throws on a duplicate period or a value that
 * is not a finite number; a group too small or too flat for limits gets NaN limits, never an error.
 */
export function xmr(points: readonly XmrInput[], options: XmrOptions): XmrPoint[] {
  for (const p of points) {
    if (typeof p.y !== 'number' || !Number.isFinite(p.y)) {
      throw new RangeError(`xmr: the value for ${JSON.stringify(p.x)} is not a finite number (${String(p.y)})`);
    }
  }
  // Code-unit order, not localeCompare: ISO periods then sort exactly as R sorts the dates.
  const sorted = [...points].sort((a, b) => (a.x < b.x ? -1 : a.x > b.x ? 1 : 0));
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]!.x === sorted[i - 1]!.x) {
      throw new RangeError(`xmr: duplicate period ${JSON.stringify(sorted[i]!.x)}; each period needs exactly one value`);
    }
  }

  const rebase = new Set(options.rebase ?? []);
  const groups: XmrInput[][] = [];
  let groupIndex = 0;
  for (const p of sorted) {
    if (rebase.has(p.x)) groupIndex++;
    (groups[groupIndex] ??= []).push(p);
  }

  const results: XmrPoint[] = [];
  groups.forEach((members, group) => {
    // A rebase on the very first period leaves group 0 empty, as cumsum() does in R.
    if (members) results.push(...xmrGroup(members, group, options.improvement));
  });
  return results;
}

function xmrGroup(points: readonly XmrInput[], group: number, improvement: Improvement): XmrPoint[] {
  const ys = points.map((p) => p.y);
  const n = ys.length;

  const mean = rMean(ys);
  const movingRanges = ys.slice(1).map((y, i) => Math.abs(y - ys[i]!));
  const rawAmr = rMean(movingRanges);
  // One screening pass against the unscreened mean; with no kept ranges the limits become NaN.
  const amr = rMean(movingRanges.filter((mr) => mr < SCREEN * rawAmr));

  const lpl = mean - LIMIT * amr;
  const upl = mean + LIMIT * amr;
  const nlpl = mean - LIMIT_CLOSE * amr;
  const nupl = mean + LIMIT_CLOSE * amr;

  // Comparisons with NaN limits are false, which is where R's NA flags end up too.
  const outside = ys.map((y) => y > upl || y < lpl);
  const close = ys.map((y, i) => !outside[i] && (y < nlpl || y > nupl));
  const side = ys.map((y) => sign(y - mean));

  const inTrend = partOfRun(n, (end) => isTrendEnd(ys, end));
  const inShift = partOfRun(n, (end) => isShiftEnd(side, end));
  const inTwoOfThree = twoInThree(close, side);

  return points.map((p, i) => {
    const rel = side[i]!;
    let rule: SpcRule | null = null;
    let direction: Sign = 0;
    if (outside[i]) {
      rule = 'outside_limits';
      direction = rel === 1 ? 1 : -1;
    } else if (inTrend[i]) {
      rule = 'trend';
      direction = trendDirection(ys, inTrend, i) === 1 ? 1 : -1;
    } else if (inTwoOfThree[i]) {
      rule = 'two_in_three';
      direction = rel > 0 ? 1 : -1;
    } else if (inShift[i]) {
      rule = 'shift';
      direction = rel > 0 ? 1 : -1;
    }
    return {
      x: p.x,
      y: p.y,
      mean,
      lpl,
      upl,
      outsideLimits: outside[i]!,
      closeToLimits: close[i]!,
      relativeToMean: rel,
      rule,
      pointType: pointType(direction, improvement),
      group,
    };
  });
}

/** Marks every point of any window of RUN points whose last point satisfies `endsRun`. */
function partOfRun(n: number, endsRun: (end: number) => boolean): boolean[] {
  const part = new Array<boolean>(n).fill(false);
  for (let end = RUN - 1; end < n; end++) {
    if (!endsRun(end)) continue;
    for (let i = end - RUN + 1; i <= end; i++) part[i] = true;
  }
  return part;
}

/** Six steps in a row with the same nonzero sign end at `end`; an equal neighbour breaks the run. */
function isTrendEnd(ys: readonly number[], end: number): boolean {
  const first = sign(ys[end - RUN + 2]! - ys[end - RUN + 1]!);
  if (first === 0) return false;
  for (let i = end - RUN + 3; i <= end; i++) {
    if (sign(ys[i]! - ys[i - 1]!) !== first) return false;
  }
  return true;
}

/** Seven points in a row strictly on one side of the mean end at `end`. */
function isShiftEnd(side: readonly Sign[], end: number): boolean {
  const s = side[end]!;
  if (s === 0) return false;
  for (let i = end - RUN + 1; i < end; i++) if (side[i] !== s) return false;
  return true;
}

/**
 * A close point is flagged when some 3-point window holding it, entirely inside the group, has at
 * least 2 close points and all 3 points strictly on one side of the mean.
 */
function twoInThree(close: readonly boolean[], side: readonly Sign[]): boolean[] {
  const flagged = new Array<boolean>(close.length).fill(false);
  for (let start = 0; start + 2 < close.length; start++) {
    const window = [start, start + 1, start + 2];
    const closeCount = window.filter((i) => close[i]).length;
    const sideSum = window.reduce((sum, i) => sum + side[i]!, 0);
    if (closeCount < 2 || Math.abs(sideSum) !== 3) continue;
    for (const i of window) if (close[i]) flagged[i] = true;
  }
  return flagged;
}

/**
 * The package labels a trend point by its own step: the step to the next point when that point is
 * also in a trend, otherwise the step from the previous point. Where two trends meet this can give
 * a point the other trend's direction; that is the package's behaviour and we keep it.
 */
function trendDirection(ys: readonly number[], inTrend: readonly boolean[], i: number): Sign {
  if (i + 1 < ys.length && inTrend[i + 1]) return sign(ys[i + 1]! - ys[i]!);
  return i > 0 ? sign(ys[i]! - ys[i - 1]!) : 0;
}

function pointType(direction: Sign, improvement: Improvement): PointType {
  if (direction === 0) return 'common_cause';
  if (improvement === 'neutral') return direction > 0 ? 'special_cause_neutral_high' : 'special_cause_neutral_low';
  const oriented = improvement === 'increase' ? direction : -direction;
  return oriented > 0 ? 'special_cause_improvement' : 'special_cause_concern';
}
