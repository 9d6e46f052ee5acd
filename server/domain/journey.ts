/** The imaging journey: stages in order, day offsets from the request, and delays against timeframes. */

export const STAGES = ['request', 'vetting', 'scan', 'report', 'alert', 'acknowledgement', 'action'] as const;
export type Stage = (typeof STAGES)[number];
export type Journey = Partial<Record<Stage, number>>;

export type JourneyProblem = { stage: Stage; message: string };

const STAGE_NAMES: Record<Stage, string> = {
  request: 'request',
  vetting: 'vetting',
  scan: 'scan',
  report: 'report',
  alert: 'alert or communication',
  acknowledgement: 'acknowledgement',
  action: 'action',
};

export const MAX_OFFSET_DAYS = 3650;

/**
 * Request is day 0; each later stage recorded is a whole number of days, no earlier than any
 * stage before it. Stages may be missing: a case records only what it knows.
 */
export function checkJourney(journey: Journey): JourneyProblem[] {
  const problems: JourneyProblem[] = [];
  const recorded = STAGES.filter((s) => journey[s] !== undefined);
  if (recorded.length > 0 && journey.request === undefined) {
    problems.push({ stage: 'request', message: 'Enter the request as day 0 when you record later stages' });
  }
  if (journey.request !== undefined && journey.request !== 0) {
    problems.push({ stage: 'request', message: 'The request is day 0' });
  }
  let previous: { stage: Stage; day: number } | undefined;
  for (const stage of recorded) {
    const day = journey[stage]!;
    if (!Number.isInteger(day) || day < 0) {
      problems.push({ stage, message: `Day of ${STAGE_NAMES[stage]} must be a whole number of days, 0 or more` });
      continue;
    }
    if (day > MAX_OFFSET_DAYS) {
      problems.push({ stage, message: `Day of ${STAGE_NAMES[stage]} must be ${MAX_OFFSET_DAYS} or fewer` });
      continue;
    }
    if (previous && day < previous.day) {
      problems.push({ stage, message: `Day of ${STAGE_NAMES[stage]} cannot be before day of ${STAGE_NAMES[previous.stage]} (day ${previous.day})` });
      continue;
    }
    previous = { stage, day };
  }
  return problems;
}

export type Timeframe = { urgency: string; fromStage: string; toStage: string; maxDays: number; source: string; local: boolean };
export type Delay = {
  fromStage: Stage;
  toStage: Stage;
  days: number;
  maxDays: number;
  breached: boolean;
  overBy: number;
  source: string;
  local: boolean;
  /** Stages between the two that the journey does not record, when the timeframe is a chain of them. */
  skipped?: Stage[];
};

type Chain = { to: Stage; maxDays: number; skipped: Stage[]; steps: Timeframe[] };

/**
 * Each expected timeframe for the request's urgency that the journey records both ends of; and where
 * a stage is not recorded, the timeframes either side of it chained, each allowing its own days. A
 * finding never acknowledged is the typical failure to act (theme T2): with no acknowledgement,
 * alert to action is still held to alert-to-acknowledgement plus acknowledgement-to-action.
 */
export function delays(journey: Journey, urgency: string | null | undefined, timeframes: Timeframe[]): Delay[] {
  if (!urgency) return [];
  const own = timeframes.filter((t) => t.urgency === urgency);
  const recorded = (stage: string) => journey[stage as Stage] !== undefined;
  const measure = (from: Stage, to: Stage, maxDays: number, steps: Timeframe[], skipped?: Stage[]): Delay => {
    const days = journey[to]! - journey[from]!;
    return {
      fromStage: from,
      toStage: to,
      days,
      maxDays,
      breached: days > maxDays,
      overBy: Math.max(0, days - maxDays),
      source: [...new Set(steps.map((t) => t.source))].join('; '),
      local: steps.some((t) => t.local),
      ...(skipped ? { skipped } : {}),
    };
  };
  const direct = own.filter((t) => recorded(t.fromStage) && recorded(t.toStage)).map((t) => measure(t.fromStage as Stage, t.toStage as Stage, t.maxDays, [t]));
  const chained = own
    .filter((t) => recorded(t.fromStage) && !recorded(t.toStage))
    .flatMap((first) => chainsFrom(first, own, recorded).map((c) => ({ from: first.fromStage as Stage, ...c })))
    .filter((c) => !direct.some((d) => d.fromStage === c.from && d.toStage === c.to));
  // Of several chains between the same two stages, the strictest.
  const strictest = new Map<string, (typeof chained)[number]>();
  for (const c of chained) {
    const key = `${c.from}>${c.to}`;
    if (!strictest.has(key) || c.maxDays < strictest.get(key)!.maxDays) strictest.set(key, c);
  }
  return [...direct, ...[...strictest.values()].map((c) => measure(c.from, c.to, c.maxDays, c.steps, c.skipped))].sort(
    (a, b) => STAGES.indexOf(a.fromStage) - STAGES.indexOf(b.fromStage) || STAGES.indexOf(a.toStage) - STAGES.indexOf(b.toStage),
  );
}

/** From a timeframe ending at a stage not recorded, on through stages not recorded, to each recorded stage reached. */
function chainsFrom(first: Timeframe, own: Timeframe[], recorded: (stage: string) => boolean): Chain[] {
  const found: Chain[] = [];
  const walk = (at: Stage, maxDays: number, skipped: Stage[], steps: Timeframe[]) => {
    for (const next of own.filter((t) => t.fromStage === at && STAGES.indexOf(t.toStage as Stage) > STAGES.indexOf(at))) {
      const to = next.toStage as Stage;
      if (recorded(to)) found.push({ to, maxDays: maxDays + next.maxDays, skipped, steps: [...steps, next] });
      else walk(to, maxDays + next.maxDays, [...skipped, to], [...steps, next]);
    }
  };
  walk(first.toStage as Stage, first.maxDays, [first.toStage as Stage], [first]);
  return found;
}
