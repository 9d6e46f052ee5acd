/** Event months (`YYYY-MM`): cases record the month only, since a full date can identify a patient. */

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export const isMonth = (value: string): boolean => MONTH.test(value);

/** The month a moment falls in, in UK time (a case logged at 00:30 on 1 June BST is a June case). */
// Built once: constructing a formatter costs far more than formatting with one.
const UK_MONTH = new Intl.DateTimeFormat('en-GB', { year: 'numeric', month: '2-digit', timeZone: 'Europe/London' });
const MONTH_LABEL = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });

// An import checks every case against the same moment: formatting it once per batch, not per case.
let last: { time: number; month: string } | undefined;

export function monthOf(date: Date): string {
  const time = date.getTime();
  if (last?.time === time) return last.month;
  const parts = UK_MONTH.formatToParts(date);
  const get = (t: string) => parts.find((p) => p.type === t)!.value;
  last = { time, month: `${get('year')}-${get('month')}` };
  return last.month;
}

export type MonthProblem = 'format' | 'future' | 'too_early';

/** Why a month cannot be an event month, or undefined when it can. */
export function checkEventMonth(value: string, now: Date, earliest = '1990-01'): MonthProblem | undefined {
  if (!isMonth(value)) return 'format';
  if (value > monthOf(now)) return 'future';
  if (value < earliest) return 'too_early';
  return undefined;
}

export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** "March 2026" */
export function monthLabel(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return MONTH_LABEL.format(new Date(Date.UTC(y, m - 1, 1)));
}
