/** Shapes shared by the XmR engine (`../spc.ts`) and the readings built on it (`reading.ts`). */

export type Improvement = 'increase' | 'decrease' | 'neutral';

export type SpcRule = 'outside_limits' | 'trend' | 'two_in_three' | 'shift';

export type PointType =
  | 'common_cause'
  | 'special_cause_improvement'
  | 'special_cause_concern'
  | 'special_cause_neutral_high'
  | 'special_cause_neutral_low';

export interface XmrOptions {
  improvement: Improvement;
  /** Periods (the `x` values) that start a new group; limits are recalculated from each. */
  rebase?: readonly string[];
}

export interface XmrInput {
  x: string;
  y: number;
}

export interface XmrPoint {
  x: string;
  y: number;
  /** Centre line of the point's group. */
  mean: number;
  /** Lower process limit, not clipped at zero; NaN when the group has no variation to measure. */
  lpl: number;
  upl: number;
  outsideLimits: boolean;
  closeToLimits: boolean;
  relativeToMean: -1 | 0 | 1;
  rule: SpcRule | null;
  pointType: PointType;
  /** 0-based rebase group. */
  group: number;
}
