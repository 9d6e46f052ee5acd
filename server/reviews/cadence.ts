import { addQuarters, monthsOf, quarterLabel, quarterOf } from '../domain/quarters.ts';

/**
 * The Ombudsman asked for learning reviews at least four times a year. Each finished quarter should be
 * reviewed (signed off) by the end of the quarter after it. Pure: the caller passes today and the reviews.
 */
export type SignedReview = { quarter: string; departments: string[]; signedOffAt: string };

export type Cadence = {
  code: string;
  label: string;
  signedInYear: number;
  meetsFour: boolean;
  reviewed: string[];
  overdue: { quarter: string; label: string; dueBy: string }[];
  next: { quarter: string; label: string; dueBy: string } | undefined;
};

const lastDay = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
};
const dueBy = (quarter: string) => lastDay(monthsOf(addQuarters(quarter, 1))[2]);

export function cadenceOf(unit: { code: string; label: string }, reviews: SignedReview[], today: string): Cadence {
  // An organisation-wide review covers every department; a department's own review covers only it.
  const covering = reviews.filter((r) => unit.code === '' ? r.departments.length === 0 : r.departments.length === 0 || r.departments.includes(unit.code));
  const yearAgo = new Date(Date.parse(`${today}T00:00:00Z`) - 365 * 86_400_000).toISOString().slice(0, 10);
  const inYear = covering.filter((r) => r.signedOffAt.slice(0, 10) > yearAgo);
  const reviewed = new Set(covering.map((r) => r.quarter));
  const current = quarterOf(today.slice(0, 7));
  const finished = [1, 2, 3, 4].map((n) => addQuarters(current, -n)).reverse();
  const missing = finished.filter((q) => !reviewed.has(q));
  return {
    code: unit.code,
    label: unit.label,
    signedInYear: new Set(inYear.map((r) => r.quarter)).size,
    meetsFour: new Set(inYear.map((r) => r.quarter)).size >= 4,
    reviewed: finished.filter((q) => reviewed.has(q)),
    overdue: missing.filter((q) => dueBy(q) < today).map((q) => ({ quarter: q, label: quarterLabel(q), dueBy: dueBy(q) })),
    next: missing.filter((q) => dueBy(q) >= today).map((q) => ({ quarter: q, label: quarterLabel(q), dueBy: dueBy(q) }))[0] ?? { quarter: current, label: quarterLabel(current), dueBy: dueBy(current) },
  };
}
