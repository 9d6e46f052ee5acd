import { describe, expect, it } from 'vitest';
import { addMonths } from '../../server/domain/months.ts';
import {
  defaultFormatPeriod,
  describeVariation,
  groupSummaries,
  isTrialLimits,
  limitsCollapsed,
  pointDirection,
  signalLabel,
  variationIcon,
  type XmrOptions,
  type XmrPoint,
  xmr,
} from '../../server/domain/spc.ts';
import { rMean } from '../../server/domain/spc/mean.ts';

// Expected values below are worked out by hand from SPC.md; the comments show the arithmetic.
// 2.66·AMR gives the process limits and (2·2.66/3)·AMR = 1.77333…·AMR the "close" band.

/** Monthly periods from `start`, one per value. */
const series = (ys: readonly number[], start = '2024-01') => ys.map((y, i) => ({ x: addMonths(start, i), y }));
const run = (ys: readonly number[], options: Partial<XmrOptions> = {}, start?: string) =>
  xmr(series(ys, start), { improvement: 'increase', ...options });

const rules = (r: readonly XmrPoint[]) => r.map((p) => p.rule);
const types = (r: readonly XmrPoint[]) => r.map((p) => p.pointType);
const sides = (r: readonly XmrPoint[]) => r.map((p) => p.relativeToMean);

function expectNear(actual: number, expected: number, tolerance = 1e-9) {
  expect(Math.abs(actual - expected), `${actual} vs ${expected}`).toBeLessThan(tolerance);
}

function expectLimits(r: readonly XmrPoint[], mean: number, amr: number) {
  for (const p of r) {
    expectNear(p.mean, mean);
    expectNear(p.lpl, mean - 2.66 * amr);
    expectNear(p.upl, mean + 2.66 * amr);
  }
}

const C = null;
const O = 'outside_limits';
const T = 'trend';
const W = 'two_in_three';
const S = 'shift';

describe('xmr: limits', () => {
  it('uses the group mean and the mean moving range, keeping ranges below 3.267 × AMR', () => {
    // 10 and 14 alternate around a single high point 30 (7th).
    // sum = 6·10 + 6·14 + 30 = 174, mean = 174/13 = 13.384615…
    // MRs: 4 ×10 and 16 ×2 (into and out of 30) → AMR = 72/12 = 6; 16 < 3.267·6 = 19.602, so all kept.
    // lpl = 13.384615 − 15.96 = −2.575385 (not clipped at 0), upl = 29.344615
    // close band: 13.384615 ± 10.64 → [2.744615, 24.024615]: no 10 or 14 is close.
    const r = run([10, 14, 10, 14, 10, 14, 30, 14, 10, 14, 10, 14, 10]);
    expectLimits(r, 174 / 13, 6);
    expectNear(r[0]!.lpl, -2.5753846154);
    expectNear(r[0]!.upl, 29.3446153846);
    expect(r.map((p) => p.outsideLimits)).toEqual(r.map((_, i) => i === 6));
    expect(r.every((p) => !p.closeToLimits)).toBe(true);
    expect(sides(r)).toEqual([-1, 1, -1, 1, -1, 1, 1, 1, -1, 1, -1, 1, -1]);
    expect(rules(r)).toEqual([C, C, C, C, C, C, O, C, C, C, C, C, C]);
  });

  it('screens out moving ranges at or above 3.267 × AMR in one pass, then recomputes AMR', () => {
    // 10/11 alternate for 11 points, then 30.
    // sum = 6·10 + 5·11 + 30 = 145, mean = 145/12 = 12.083333…
    // MRs: 1 ×10 and 19 → AMR = 29/11 = 2.636364; 3.267·AMR = 8.6129 so 19 goes; AMR = 10/10 = 1.
    // lpl = 9.423333, upl = 14.743333; close band [10.31, 13.856667].
    const r = run([10, 11, 10, 11, 10, 11, 10, 11, 10, 11, 10, 30]);
    expectLimits(r, 145 / 12, 1);
    // Every 10 is close (10 < 10.31), every point but the last is below the mean:
    // the 10s are flagged two-in-three, the 11s only by the 11-point shift, 30 is outside.
    expect(r.map((p) => p.closeToLimits)).toEqual([...r.slice(0, 11).map((p) => p.y === 10), false]);
    expect(rules(r)).toEqual([W, S, W, S, W, S, W, S, W, S, W, O]);
    expect(types(r).slice(0, 11).every((t) => t === 'special_cause_concern')).toBe(true);
    expect(r[11]!.pointType).toBe('special_cause_improvement');
  });

  it('keeps a moving range below 3.267 × AMR and screens one at or above it', () => {
    // MRs 1, 1, 1, 13: AMR = 16/4 = 4, 3.267·4 = 13.068 > 13, kept. mean = 21/5.
    expectLimits(run([1, 2, 1, 2, 15]), 21 / 5, 4);
    // MRs 1, 1, 1, 14: AMR = 17/4 = 4.25, 3.267·4.25 = 13.88475 ≤ 14, screened; AMR = 3/3 = 1. mean = 22/5.
    expectLimits(run([1, 2, 1, 2, 16]), 22 / 5, 1);
    // MRs 3267, 733, 0, 0: AMR = 1000 and 3.267·1000 is exactly 3267, which is not < 3267: screened.
    // AMR = 733/3; mean = (3267 + 3·2534)/5 = 10869/5.
    expectLimits(run([0, 3267, 2534, 2534, 2534]), 10869 / 5, 733 / 3);
  });

  it('a point exactly on a process limit is not outside it', () => {
    // Steps of ±50 (j = 0,1,2,3,2,1, then 0,1 ×8, then 0,−1,0,1 ×7): 50 points, Σj = 9 + 8 + 0 = 17.
    // Every MR is 50, so AMR = 50 and 2.66·50 = 133 exactly; mean = 50·17/50 = 17; upl = 150 = 50·3.
    const j = [0, 1, 2, 3, 2, 1, ...Array<number[]>(8).fill([0, 1]).flat(), ...Array<number[]>(7).fill([0, -1, 0, 1]).flat()];
    const r = run(j.map((k) => 50 * k));
    expect(r).toHaveLength(50);
    expectLimits(r, 17, 50);
    expect(r[3]!.upl).toBe(150);
    expect(r[3]).toMatchObject({ y: 150, outsideLimits: false, closeToLimits: true, rule: null });
  });

  it('sets relativeToMean to 0 for a point on the mean', () => {
    // 5, 9 alternating then 5..10 and 30: sum = 3·(5+9) + 5+6+7+8+9+10+30 = 117, mean = 9 exactly.
    const r = run([5, 9, 5, 9, 5, 9, 5, 6, 7, 8, 9, 10, 30]);
    expect(r[0]!.mean).toBe(9);
    expect(sides(r)).toEqual([-1, 0, -1, 0, -1, 0, -1, -1, -1, -1, 0, 1, 1]);
  });

  it('takes the mean exactly as R does, so a point equal to the mean sits on it', () => {
    // A plain double sum gives (0.1 + 0.2 + 0.3)/3 = 0.20000000000000004; R's mean() gives 0.2.
    expect(rMean([0.1, 0.2, 0.3])).toBe(0.2);
    expect(rMean(Array<number>(7).fill(0.1))).toBe(0.1);
    expect(rMean([])).toBeNaN();
    expect(run([0.1, 0.2, 0.3])[1]!.relativeToMean).toBe(0);
  });
});

describe('xmr: rules', () => {
  it('outside limits: above the upper limit and, mirrored, below the lower one', () => {
    const above = run([10, 14, 10, 14, 10, 14, 30, 14, 10, 14, 10, 14, 10]);
    expect(above[6]).toMatchObject({ rule: O, outsideLimits: true, relativeToMean: 1, pointType: 'special_cause_improvement' });

    // 24 − y: mean = 24 − 174/13 = 138/13 = 10.615385, AMR still 6, lpl = −5.344615 > −6.
    const below = run([14, 10, 14, 10, 14, 10, -6, 10, 14, 10, 14, 10, 14]);
    expectLimits(below, 138 / 13, 6);
    expect(below[6]).toMatchObject({ rule: O, outsideLimits: true, relativeToMean: -1, pointType: 'special_cause_concern' });
    expect(rules(below).filter((x) => x !== null)).toHaveLength(1);
  });

  it('trend: 7 points rising (6 increases in a row) flag all 7', () => {
    // sum = 80, mean = 80/13 = 6.153846; MRs 5,1,1,1,1,1,1,5,4,3,2,1 → AMR = 26/12 = 2.166667 (all kept:
    // 3.267·AMR = 7.0785). Limits [0.390513, 11.917179], close band [2.311624, 9.996068]: no flags there.
    // Sides: + − − − − + + + − + − + −, no run of 7.
    const r = run([8, 3, 4, 5, 6, 7, 8, 9, 4, 8, 5, 7, 6]);
    expectLimits(r, 80 / 13, 26 / 12);
    expect(rules(r)).toEqual([C, T, T, T, T, T, T, T, C, C, C, C, C]);
    expect(types(r)[1]).toBe('special_cause_improvement');
  });

  it('trend: 6 points rising is not enough, and an equal neighbour breaks the run', () => {
    expect(rules(run([8, 3, 4, 5, 6, 7, 8, 4, 9, 4, 8, 5, 7])).every((x) => x === null)).toBe(true);
    expect(rules(run([8, 3, 4, 5, 5, 6, 7, 8, 9, 4, 8, 5, 7])).every((x) => x === null)).toBe(true);
  });

  it('trend: falling, with improvement "increase", is a concern', () => {
    // Mirror of the rising trend: 12 − y.
    const r = run([4, 9, 8, 7, 6, 5, 4, 3, 8, 4, 7, 5, 6]);
    expect(rules(r)).toEqual([C, T, T, T, T, T, T, T, C, C, C, C, C]);
    expect(types(r).slice(1, 8).every((t) => t === 'special_cause_concern')).toBe(true);
  });

  it('shift: 7 or more points on one side of the mean flag the whole run', () => {
    // 2s: 4 (8), 6s: 6 (36), 5s: 4 (20) → mean = 64/14 = 4.571429.
    // MRs 4 ×5, 1 ×7, 3 → AMR = 30/13 = 2.307692 (3.267·AMR = 7.539, all kept).
    // Limits [−1.567077, 10.709934], close band [0.479, 8.664]: nothing close or outside.
    // Points 6–13 (6,5,6,5,6,5,6,5) are the 8 above the mean.
    const r = run([2, 6, 2, 6, 2, 6, 5, 6, 5, 6, 5, 6, 5, 2]);
    expectLimits(r, 64 / 14, 30 / 13);
    expect(rules(r)).toEqual([C, C, C, C, C, S, S, S, S, S, S, S, S, C]);
  });

  it('shift: a point exactly on the mean breaks the run', () => {
    // sum = 6+7+6+5+7+6+7 + 3+4+3+4+3+4 = 65, mean = 5 exactly; the 4th point sits on it.
    // MRs 1,1,1,2,1,1,4,1,1,1,1,1 → AMR = 16/12 = 1.333333 (4 < 4.356, kept). Limits [1.453333, 8.546667],
    // close band [2.635556, 7.364444]: nothing close. Runs: 3 above, on the mean, 3 above, 6 below.
    const r = run([6, 7, 6, 5, 7, 6, 7, 3, 4, 3, 4, 3, 4]);
    expectLimits(r, 5, 16 / 12);
    expect(sides(r)).toEqual([1, 1, 1, 0, 1, 1, 1, -1, -1, -1, -1, -1, -1]);
    expect(rules(r).every((x) => x === null)).toBe(true);
  });

  it('two in three: flags the close points of a window with all 3 on one side', () => {
    // Seven 1s and six −1s alternate, then 5, 2, 5. sum = 13, mean = 13/16 = 0.8125.
    // MRs 2 ×12, 4, 3, 3 → AMR = 34/15 = 2.266667 (3.267·AMR = 7.405, all kept).
    // Limits [−5.216833, 6.841833]; close band [−3.207111, 4.832111]: both 5s are close, 2 is not.
    const r = run([1, -1, 1, -1, 1, -1, 1, -1, 1, -1, 1, -1, 1, 5, 2, 5]);
    expectLimits(r, 13 / 16, 34 / 15);
    expect(r.map((p) => p.closeToLimits)).toEqual(r.map((_, i) => i === 13 || i === 15));
    expect(rules(r)).toEqual([C, C, C, C, C, C, C, C, C, C, C, C, C, W, C, W]);
  });

  it('two in three: close points on opposite sides of the mean do not count', () => {
    // The package's own regression case: ±1 alternating, then 5.5 and −5.5. mean = 0.
    // MRs 2 ×13, 6.5, 11 → AMR = 43.5/15 = 2.9; 3.267·2.9 = 9.4743 drops 11; AMR = 32.5/14 = 2.321429.
    // Close band ±4.116667: 5.5 and −5.5 are close, but no window of 3 lies on one side.
    const r = run([1, -1, 1, -1, 1, -1, 1, -1, 1, -1, 1, -1, 1, -1, 5.5, -5.5]);
    expectLimits(r, 0, 32.5 / 14);
    expect(r[14]!.closeToLimits && r[15]!.closeToLimits).toBe(true);
    expect(types(r).every((t) => t === 'common_cause')).toBe(true);
  });

  it('two in three: a point outside the limits does not count towards the 2', () => {
    // As above but ending 5.5, 2, 12: sum = 1 + 19.5 = 20.5, mean = 1.28125.
    // MRs 2 ×12, 4.5, 3.5, 10 → AMR = 42/15 = 2.8; 3.267·2.8 = 9.1476 drops 10; AMR = 32/14 = 2.285714.
    // upl = 7.361250 (12 is outside); close above 1.28125 + 4.053333 = 5.334583 (5.5 is close).
    const r = run([1, -1, 1, -1, 1, -1, 1, -1, 1, -1, 1, -1, 1, 5.5, 2, 12]);
    expectLimits(r, 1.28125, 32 / 14);
    expect(r[13]).toMatchObject({ closeToLimits: true, rule: null });
    expect(r[15]).toMatchObject({ outsideLimits: true, closeToLimits: false, rule: O });
  });
});

describe('xmr: precedence', () => {
  it('trend beats two-in-three and shift: a falling run above the mean is a falling trend', () => {
    // 20..14 then 5/9 alternating: sum = 119 + 42 = 161, mean = 12.384615.
    // MRs 1 ×6, 9, 4 ×5 → AMR = 35/12 = 2.916667 (3.267·AMR = 9.529, all kept).
    // Limits [4.626282, 20.142949]: 20 and 5 are inside. Close band [7.212436, 17.556795]:
    // 18, 19, 20 and the 5s are close. Points 1–7 are a shift above; 1–8 (20 down to the first 5) a falling
    // trend; 1–3 and the 5s a two-in-three.
    const r = run([20, 19, 18, 17, 16, 15, 14, 5, 9, 5, 9, 5, 9]);
    expectLimits(r, 161 / 13, 35 / 12);
    expect(rules(r)).toEqual([T, T, T, T, T, T, T, T, C, W, C, W, C]);
    // "Decreasing" even though points 1–7 are above the mean: a concern when up is better.
    expect(types(r).slice(0, 8).every((t) => t === 'special_cause_concern')).toBe(true);
    expect(r[7]!.closeToLimits).toBe(true);
  });

  it('outside limits beats trend', () => {
    // mean = 117/13 = 9; MRs 4 ×6, 1 ×5, 20 → AMR = 49/12 = 4.083333; 3.267·AMR = 13.34 drops 20;
    // AMR = 29/11 = 2.636364. Limits [1.987273, 16.012727]: 30 is outside. Close band [4.324848, 13.675152].
    const r = run([5, 9, 5, 9, 5, 9, 5, 6, 7, 8, 9, 10, 30]);
    expectLimits(r, 9, 29 / 11);
    expect(rules(r)).toEqual([C, C, C, C, C, C, T, T, T, T, T, T, O]);
  });

  it('two in three beats shift', () => {
    // 3rd point changed from the mean to 6: sum = 66, mean = 66/13 = 5.076923.
    // MRs 1,1,0,1,1,1,4,1,1,1,1,1 → AMR = 14/12 = 1.166667; 3.267·AMR = 3.8115 drops 4; AMR = 10/11.
    // Close band [3.464835, 6.689011]: every 7 and every 3 is close.
    // Points 1–7 are a shift above; windows (5–7), (8–10), (10–12) each hold two close points.
    const r = run([6, 7, 6, 6, 7, 6, 7, 3, 4, 3, 4, 3, 4]);
    expectLimits(r, 66 / 13, 10 / 11);
    expect(rules(r)).toEqual([S, S, S, S, W, S, W, W, C, W, C, W, C]);
    // Point 2 is close but its windows (1–3, 2–4) hold only one close point.
    expect(r[1]).toMatchObject({ closeToLimits: true, rule: S });
  });

  it('labels a trend point by its step to the next trend point, where two trends meet', () => {
    // 0/100 alternating, then 40..46 rising twice. sum = 300 + 301 + 301 = 902, mean = 45.1.
    // MRs 100 ×5, 60, 1 ×6, 6, 1 ×6 → AMR = 578/19 = 30.421053; 3.267·AMR = 99.385 drops the 100s;
    // AMR = 78/14 = 5.571429. Limits [30.28, 59.92]: 0 and 100 are outside, 40..46 inside and not close.
    const r = run([0, 100, 0, 100, 0, 100, 40, 41, 42, 43, 44, 45, 46, 40, 41, 42, 43, 44, 45, 46]);
    expectLimits(r, 45.1, 78 / 14);
    expect(rules(r)).toEqual([O, O, O, O, O, O, ...Array<string>(14).fill(T)]);
    // The 46 that ends the first trend is followed by the second trend's 40, so its step is down:
    // the package calls it "Decreasing", a concern when up is better.
    expect(types(r).slice(6)).toEqual([
      ...Array<string>(6).fill('special_cause_improvement'),
      'special_cause_concern',
      ...Array<string>(7).fill('special_cause_improvement'),
    ]);
  });
});

describe('xmr: improvement direction', () => {
  const high = [10, 14, 10, 14, 10, 14, 30, 14, 10, 14, 10, 14, 10];
  const falling = [4, 9, 8, 7, 6, 5, 4, 3, 8, 4, 7, 5, 6];

  it('increase: high or rising is improvement, low or falling is concern', () => {
    expect(run(high, { improvement: 'increase' })[6]!.pointType).toBe('special_cause_improvement');
    expect(run(falling, { improvement: 'increase' })[3]!.pointType).toBe('special_cause_concern');
  });

  it('decrease: high or rising is concern, low or falling is improvement', () => {
    expect(run(high, { improvement: 'decrease' })[6]!.pointType).toBe('special_cause_concern');
    expect(run(falling, { improvement: 'decrease' })[3]!.pointType).toBe('special_cause_improvement');
  });

  it('neutral: high or low, never improvement or concern', () => {
    expect(run(high, { improvement: 'neutral' })[6]!.pointType).toBe('special_cause_neutral_high');
    expect(run(falling, { improvement: 'neutral' })[3]!.pointType).toBe('special_cause_neutral_low');
    expect(run(high, { improvement: 'neutral' })[0]!.pointType).toBe('common_cause');
  });

  it('does not change limits or rules', () => {
    const a = run(high, { improvement: 'increase' });
    const b = run(high, { improvement: 'decrease' });
    expect(b.map(({ pointType: _, ...rest }) => rest)).toEqual(a.map(({ pointType: _, ...rest }) => rest));
  });
});

describe('xmr: rebasing', () => {
  // Without a rebase, points 5–11 (2,3,4,5,6,7,8) are a rising trend.
  const ys = [1, 5, 1, 5, 2, 3, 4, 5, 6, 7, 8, 3, 7, 3];

  it('without a rebase the trend crosses the middle', () => {
    // mean = 60/14; MRs 4,4,4,3,1,1,1,1,1,1,5,4,4 → AMR = 34/13 (all kept); limits [−2.671, 11.242].
    const r = run(ys);
    expectLimits(r, 60 / 14, 34 / 13);
    expect(rules(r)).toEqual([C, C, C, C, T, T, T, T, T, T, T, C, C, C]);
    expect(r.every((p) => p.group === 0)).toBe(true);
  });

  it('recalculates from the rebase point, and no run crosses the boundary', () => {
    // Group 0: 1,5,1,5,2,3,4 → mean = 21/7 = 3; MRs 4,4,4,3,1,1 → AMR = 17/6 (all kept).
    // Group 1: 5,6,7,8,3,7,3 → mean = 39/7; MRs 1,1,1,5,4,4 → AMR = 16/6; no MR across the boundary.
    const r = run(ys, { rebase: ['2024-08'] });
    expect(r.map((p) => p.group)).toEqual([0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1]);
    expectLimits(r.slice(0, 7), 3, 17 / 6);
    expectLimits(r.slice(7), 39 / 7, 16 / 6);
    expect(rules(r).every((x) => x === null)).toBe(true);
  });

  it('counts groups from 1 when the first period is itself a rebase, and ignores unknown dates', () => {
    const r = run(ys, { rebase: ['2024-01', '2023-06', '2024-08', '2030-01'] });
    expect(r.map((p) => p.group)).toEqual([1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2]);
    expect(run(ys, { rebase: ['2023-06'] }).every((p) => p.group === 0)).toBe(true);
  });

  it('reports trial limits for groups under 13 points', () => {
    const r = run(ys, { rebase: ['2024-08'] });
    const groups = groupSummaries(r);
    expect(groups).toHaveLength(2);
    expect(groups[0]).toMatchObject({ group: 0, from: '2024-01', to: '2024-07', n: 7, trialLimits: true, limitsComputable: true });
    expectNear(groups[1]!.mean, 39 / 7);
    expect(isTrialLimits(r)).toBe(true);
    const long = run([...ys, 4, 6]);
    expect(isTrialLimits(long)).toBe(false);
    expect(groupSummaries(long)[0]).toMatchObject({ n: 16, trialLimits: false });
    expect(isTrialLimits(run(ys.slice(0, 12)))).toBe(true);
    expect(isTrialLimits(run([...ys.slice(0, 12), 4]))).toBe(false);
    expect(isTrialLimits([])).toBe(false);
  });
});

describe('xmr: short and degenerate groups', () => {
  it('cannot find a trend or shift in fewer than 7 points', () => {
    // mean = 21/6 = 3.5, AMR = 1; six rising points are all one short of a trend.
    const r = run([1, 2, 3, 4, 5, 6]);
    expectLimits(r, 3.5, 1);
    expect(rules(r)).toEqual([C, C, C, C, C, C]);
  });

  it('computes limits from two points', () => {
    // mean 4, one MR of 2 (2 < 3.267·2): lpl = 4 − 5.32 = −1.32, upl = 9.32.
    const r = run([3, 5]);
    expectLimits(r, 4, 2);
    expect(sides(r)).toEqual([-1, 1]);
  });

  it('a single point has NaN limits and is common cause, without throwing', () => {
    const [p] = run([7]);
    expect(p).toMatchObject({ x: '2024-01', y: 7, mean: 7, outsideLimits: false, closeToLimits: false, relativeToMean: 0, rule: null, pointType: 'common_cause', group: 0 });
    expect(p!.lpl).toBeNaN();
    expect(p!.upl).toBeNaN();
  });

  it('a flat series has NaN limits (every MR is 0 and 0 < 3.267·0 is false) and no signals', () => {
    const r = run(Array<number>(9).fill(0.1));
    for (const p of r) {
      expect(p.mean).toBe(0.1);
      expect(p.lpl).toBeNaN();
      expect(p.upl).toBeNaN();
      expect(p).toMatchObject({ outsideLimits: false, closeToLimits: false, relativeToMean: 0, rule: null, pointType: 'common_cause' });
    }
    expect(groupSummaries(r)[0]!.limitsComputable).toBe(false);
  });

  it('a flat group after a rebase does not disturb the group before it', () => {
    const r = run([3, 5, 4, 4, 4, 4], { rebase: ['2024-03'] });
    expectLimits(r.slice(0, 2), 4, 2);
    expect(r.slice(2).every((p) => Number.isNaN(p.lpl) && p.mean === 4 && p.pointType === 'common_cause')).toBe(true);
  });

  it('collapses the limits onto the mean when every kept moving range is zero', () => {
    // MRs 0 ×11 and 10: AMR = 10/12 = 0.833; 3.267·AMR = 2.7225 drops 10; AMR = 0.
    // mean = 75/13 = 5.769231 and lpl = upl = mean, so every point is outside: the package does this too.
    const r = run([5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 15]);
    expectLimits(r, 75 / 13, 0);
    expect(r.every((p) => p.rule === O)).toBe(true);
  });
});

describe('xmr: input', () => {
  it('returns [] for no points', () => {
    expect(xmr([], { improvement: 'increase' })).toEqual([]);
  });

  it('sorts by period before calculating', () => {
    const ordered = series([8, 3, 4, 5, 6, 7, 8, 9, 4, 8, 5, 7, 6]);
    const shuffled = [ordered[5]!, ordered[12]!, ordered[0]!, ordered[9]!, ordered[3]!, ordered[7]!, ordered[1]!, ordered[11]!, ordered[2]!, ordered[10]!, ordered[4]!, ordered[8]!, ordered[6]!];
    const r = xmr(shuffled, { improvement: 'increase' });
    expect(r).toEqual(xmr(ordered, { improvement: 'increase' }));
    expect(r.map((p) => p.x)).toEqual(ordered.map((p) => p.x));
    expect(rules(r)).toEqual([C, T, T, T, T, T, T, T, C, C, C, C, C]);
  });

  it('rejects a duplicate period, as the package does', () => {
    expect(() => xmr([{ x: '2024-02', y: 1 }, { x: '2024-01', y: 2 }, { x: '2024-02', y: 3 }], { improvement: 'increase' })).toThrow(/duplicate period "2024-02"/);
  });

  it('rejects a value that is not a finite number', () => {
    expect(() => xmr([{ x: '2024-01', y: Number.NaN }], { improvement: 'increase' })).toThrow(/not a finite number/);
    expect(() => xmr([{ x: '2024-01', y: Infinity }], { improvement: 'increase' })).toThrow(/not a finite number/);
  });

  it('returns exactly the contract fields', () => {
    expect(Object.keys(run([1, 2])[0]!).sort()).toEqual(
      ['closeToLimits', 'group', 'lpl', 'mean', 'outsideLimits', 'pointType', 'relativeToMean', 'rule', 'upl', 'x', 'y'].sort(),
    );
  });
});

describe('xmr: published NHSRplotthedots output', () => {
  // tests/testthat/_snaps/ptd_spc_standard.md in the package: set.seed(123); y = rnorm(20), daily from
  // 2020-01-02, printed by pillar::glimpse to about 7 significant figures. The printed lpl sits one unit
  // in the last digit from 2·mean − upl, so the snapshot itself only pins values to ~1e-6.
  const y = [
    -0.56047565, -0.23017749, 1.55870831, 0.07050839, 0.12928774, 1.71506499, 0.46091621, -1.26506123, -0.68685285,
    -0.44566197, 1.2240818, 0.35981383, 0.40077145, 0.11068272, -0.55584113, 1.78691314, 0.49785048, -1.96661716,
    0.7013559, -0.4727906,
  ];
  const days = (ys: readonly number[]) => ys.map((v, i) => ({ x: `2020-01-${String(i + 2).padStart(2, '0')}`, y: v }));

  it('matches r1 (no outliers): mean 0.1416238, lpl -3.01138, upl 3.294627, all common cause', () => {
    const r = xmr(days(y), { improvement: 'increase' });
    expectNear(r[0]!.mean, 0.1416238, 1e-6);
    expectNear(r[0]!.lpl, -3.01138, 1e-6);
    expectNear(r[0]!.upl, 3.294627, 1e-6);
    expect(sides(r).slice(0, 14)).toEqual([-1, -1, 1, -1, -1, 1, 1, -1, -1, -1, 1, 1, 1, -1]);
    // The summary snapshot counts 20 common-cause points; −1.9666 is inside the "close" band edge −1.9611.
    expect(r.every((p) => !p.outsideLimits && p.pointType === 'common_cause')).toBe(true);
    expect(r.map((p) => p.closeToLimits)).toEqual(r.map((_, i) => i === 17));
  });

  it('matches r2 (y[15] = 10, screened): mean 0.6694159, lpl -2.383666, upl 3.722497', () => {
    const r = xmr(days(y.map((v, i) => (i === 14 ? 10 : v))), { improvement: 'increase' });
    expectNear(r[0]!.mean, 0.6694159, 1e-6);
    expectNear(r[0]!.lpl, -2.383666, 1e-6);
    expectNear(r[0]!.upl, 3.722497, 1e-6);
    expect(sides(r).slice(0, 14)).toEqual([-1, -1, 1, -1, -1, 1, -1, -1, -1, -1, 1, -1, -1, -1]);
    expect(r[14]!.rule).toBe(O);
  });
});

describe('readings', () => {
  // From October 2024: 6/2 alternating, then 5/6 from April 2025. sum = 62, mean = 62/13 = 4.769231.
  // MRs 4 ×5, 3, 1 ×6 → AMR = 29/12 (all kept); close band [0.484, 9.055]: nothing close.
  // The last 7 points (April–October 2025) are above the mean.
  const shiftUp = [6, 2, 6, 2, 6, 2, 5, 6, 5, 6, 5, 6, 5];

  it('describes a shift as in the issue', () => {
    const r = run(shiftUp, { improvement: 'decrease' }, '2024-10');
    expectLimits(r, 62 / 13, 29 / 12);
    expect(rules(r)).toEqual([C, C, C, C, C, C, S, S, S, S, S, S, S]);
    expect(describeVariation(r, { measureLabel: 'cases about communication', improvement: 'decrease' })).toBe(
      'Special cause concern: 7 months above the mean since April 2025',
    );
    expect(variationIcon(r, 'decrease')).toBe('concern_high');
    const up = run(shiftUp, { improvement: 'increase' }, '2024-10');
    expect(variationIcon(up, 'increase')).toBe('improvement_high');
    expect(describeVariation(up, { measureLabel: 'x', improvement: 'increase', periodUnit: 'quarter', formatPeriod: (x) => `<${x}>` })).toBe(
      'Special cause improvement: 7 quarters above the mean since <2025-04>',
    );
  });

  it('picks the variation icon from the latest point', () => {
    // mean = 66/11 = 6; MRs 6 ×4, 1 ×6 → AMR = 3 (all kept); limits [−1.98, 13.98], close band [0.68, 11.32].
    // The last 7 points (9 down to 3) are a falling trend and nothing else.
    const falling = [9, 3, 9, 3, 9, 8, 7, 6, 5, 4, 3];
    expect(rules(run(falling))).toEqual([C, C, C, C, T, T, T, T, T, T, T]);
    expect(variationIcon(run(falling, { improvement: 'increase' }), 'increase')).toBe('concern_low');
    expect(variationIcon(run(falling, { improvement: 'decrease' }), 'decrease')).toBe('improvement_low');
    expect(variationIcon(run(falling, { improvement: 'neutral' }), 'neutral')).toBe('neutral_low');
    expect(variationIcon(run([1, 2, 1, 2, 1]), 'increase')).toBe('common_cause');
    expect(variationIcon([], 'increase')).toBeNull();
  });

  it('describes each kind of latest point', () => {
    const opts = { measureLabel: 'cases about delays', improvement: 'decrease' as const };
    expect(describeVariation(run([1, 2, 1, 2, 1], { improvement: 'decrease' }), opts)).toBe(
      'Common cause variation: cases about delays within the process limits in May 2024, with no sign of change',
    );
    // mean = 112/7 = 16; MRs 4 ×5, 26 → AMR = 46/6; 3.267·AMR = 25.047 drops 26; AMR = 4; upl = 26.64.
    const outside = run([10, 14, 10, 14, 10, 14, 40], { improvement: 'decrease' });
    expectLimits(outside, 16, 4);
    expect(outside.at(-1)!.rule).toBe(O);
    expect(describeVariation(outside, opts)).toBe('Special cause concern: cases about delays above the upper process limit in July 2024');
    expect(describeVariation(run([9, 3, 9, 3, 9, 8, 7, 6, 5, 4, 3], { improvement: 'decrease' }), opts)).toBe(
      'Special cause improvement: cases about delays falling for 7 months in a row since May 2024',
    );
    const twoInThree = run([1, -1, 1, -1, 1, -1, 1, -1, 1, -1, 1, -1, 1, 5, 2, 5], { improvement: 'decrease' });
    expect(describeVariation(twoInThree, opts)).toBe(
      'Special cause concern: cases about delays close to the upper process limit in 2 of the last 3 months, latest April 2025',
    );
    expect(describeVariation(run([4, 4, 4]), opts)).toBe('Not enough variation in cases about delays to compute limits (3 months since January 2024)');
    expect(describeVariation([], opts)).toBe('No data yet for cases about delays');
  });

  it('says a rare event is too rare to read, where its limits close on the mean', () => {
    // One case in 20 months: mean 0.05; the two moving ranges of 1 are at or above 3.267 × AMR
    // (AMR = 2/19), so both are screened, AMR becomes 0 and both limits sit on the mean. Every
    // quiet month is then "below the lower limit": a signal that means nothing.
    const rare = run([0, 0, 1, ...Array<number>(17).fill(0)], { improvement: 'decrease' });
    expect(rare.at(-1)).toMatchObject({ mean: 0.05, lpl: 0.05, upl: 0.05, rule: 'outside_limits', pointType: 'special_cause_improvement' });
    expect(limitsCollapsed(rare.at(-1)!)).toBe(true);
    expect(describeVariation(rare, { measureLabel: 'cases about delays', improvement: 'decrease' })).toBe('Too rare to read as variation: most months of cases about delays have none, so the process limits close on the mean (20 months since January 2024)');
    expect(limitsCollapsed(run([1, 2, 1, 2])[0]!)).toBe(false);
    expect(limitsCollapsed(run([4, 4, 4])[0]!)).toBe(false);
  });

  it('gives each point a direction and a signal label', () => {
    const r = run([20, 19, 18, 17, 16, 15, 14, 5, 9, 5, 9, 5, 9]);
    expect(pointDirection(r[0]!, 'increase')).toBe(-1);
    expect(signalLabel(r[0]!, 'increase')).toBe('Falling trend (7 or more points)');
    expect(signalLabel(r[9]!, 'increase')).toBe('2 of 3 points near the lower limit');
    expect(signalLabel(r[8]!, 'increase')).toBe('');
    const high = run([10, 14, 10, 14, 10, 14, 30, 14, 10, 14, 10, 14, 10], { improvement: 'decrease' });
    expect(pointDirection(high[6]!, 'decrease')).toBe(1);
    expect(signalLabel(high[6]!, 'decrease')).toBe('Above the upper process limit');
    const shift = run([2, 6, 2, 6, 2, 6, 5, 6, 5, 6, 5, 6, 5, 2], { improvement: 'neutral' });
    expect(signalLabel(shift[6]!, 'neutral')).toBe('7 or more points above the mean');
  });

  it('formats months and quarters', () => {
    expect(defaultFormatPeriod('2025-04')).toBe('April 2025');
    expect(defaultFormatPeriod('2025-Q2')).toBe('Q2 2025');
    expect(defaultFormatPeriod('week 3')).toBe('week 3');
  });
});
