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
export type Delay = { fromStage: Stage; toStage: Stage; days: number; maxDays: number; breached: boolean; overBy: number; source: string; local: boolean };

/** Each expected timeframe for the request's urgency that the journey records both ends of. */
export function delays(journey: Journey, urgency: string | null | undefined, timeframes: Timeframe[]): Delay[] {
  if (!urgency) return [];
  return timeframes
    .filter((t) => t.urgency === urgency)
    .flatMap((t) => {
      const from = journey[t.fromStage as Stage];
      const to = journey[t.toStage as Stage];
      if (from === undefined || to === undefined) return [];
      const days = to - from;
      return [{ fromStage: t.fromStage as Stage, toStage: t.toStage as Stage, days, maxDays: t.maxDays, breached: days > t.maxDays, overBy: Math.max(0, days - t.maxDays), source: t.source, local: t.local }];
    })
    .sort((a, b) => STAGES.indexOf(a.fromStage) - STAGES.indexOf(b.fromStage) || STAGES.indexOf(a.toStage) - STAGES.indexOf(b.toStage));
}
