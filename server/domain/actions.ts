/**
 * Due dates of actions: calendar days (`YYYY-MM-DD`) in UK time. An action is due on a day, not at
 * an instant, so "today" is the date in Europe/London whatever the server's zone.
 */

export type ActionStatus = 'open' | 'done' | 'dropped';
export type DatePart = 'day' | 'month' | 'year';
export type DateParts = { day: string; month: string; year: string };

const PARTS: readonly DatePart[] = ['day', 'month', 'year'];
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

const UK_DAY = new Intl.DateTimeFormat('en-GB', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'Europe/London' });

/** The date in the UK at this moment: 23:30 UTC on 31 May is already 1 June in BST. */
export function ukToday(now: Date): string {
  const parts = UK_DAY.formatToParts(now);
  const get = (t: string) => parts.find((p) => p.type === t)!.value;
  return `${get('year')}-${get('month')}-${get('day')}`;
}

const utcOf = (day: string): number => {
  const m = ISO_DAY.exec(day);
  if (!m) throw new Error(`not a YYYY-MM-DD date: ${day}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
};

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: string, to: string): number => Math.round((utcOf(to) - utcOf(from)) / DAY_MS);

/** Only open actions can be overdue, and only from the day after they are due. */
export const isOverdue = (a: { status: ActionStatus; dueDate: string }, today: string): boolean => a.status === 'open' && a.dueDate < today;

export const daysOverdue = (a: { status: ActionStatus; dueDate: string }, today: string): number =>
  isOverdue(a, today) ? daysBetween(a.dueDate, today) : 0;

/** "23 November 2026" */
const DAY_LABEL = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
export function formatDay(day: string): string {
  return DAY_LABEL.format(new Date(utcOf(day)));
}

export type DateProblem =
  | { kind: 'missing' }
  | { kind: 'incomplete'; parts: DatePart[] }
  | { kind: 'year_digits' }
  | { kind: 'not_real'; parts: DatePart[] };

export type ParsedDate = { ok: true; date: string } | { ok: false; problem: DateProblem };

/**
 * Reads the three boxes of the NHS date input. Each problem names the boxes to highlight, so the
 * page can mark just the part that is wrong, as the design system asks.
 */
export function parseDateParts(input: DateParts): ParsedDate {
  const v = { day: input.day.trim(), month: input.month.trim(), year: input.year.trim() };
  const empty = PARTS.filter((p) => v[p] === '');
  if (empty.length === 3) return { ok: false, problem: { kind: 'missing' } };
  if (empty.length) return { ok: false, problem: { kind: 'incomplete', parts: empty } };
  const notNumbers = PARTS.filter((p) => !/^\d+$/.test(v[p]));
  if (notNumbers.length) return { ok: false, problem: { kind: 'not_real', parts: notNumbers } };
  if (v.year.length !== 4) return { ok: false, problem: { kind: 'year_digits' } };
  const [day, month, year] = [Number(v.day), Number(v.month), Number(v.year)];
  if (month < 1 || month > 12) return { ok: false, problem: { kind: 'not_real', parts: ['month'] } };
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > lastDay) return { ok: false, problem: { kind: 'not_real', parts: ['day'] } };
  return { ok: true, date: `${v.year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}` };
}

/** The boxes to mark for a problem: all three unless the problem is in particular ones. */
export const partsToMark = (problem: DateProblem): DatePart[] =>
  problem.kind === 'incomplete' || problem.kind === 'not_real' ? problem.parts : problem.kind === 'year_digits' ? ['year'] : [...PARTS];

/** The day, month and year boxes for a stored date, for filling in the form. */
export function partsOf(day: string): DateParts {
  const m = ISO_DAY.exec(day);
  return m ? { day: String(Number(m[3])), month: String(Number(m[2])), year: m[1]! } : { day: '', month: '', year: '' };
}
