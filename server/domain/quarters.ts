/** Calendar quarters ("2026-Q3" is July to September 2026): how reviews and quarterly charts count. */

const QUARTER = /^(\d{4})-Q([1-4])$/;

export const isQuarter = (q: string): boolean => QUARTER.test(q);

export function quarterOf(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${y}-Q${Math.floor((m - 1) / 3) + 1}`;
}

/** The three months of a quarter, as YYYY-MM. */
export function monthsOf(quarter: string): [string, string, string] {
  const m = QUARTER.exec(quarter);
  if (!m) throw new RangeError(`Not a quarter: ${quarter}`);
  const first = (Number(m[2]) - 1) * 3 + 1;
  const mm = (n: number) => `${m[1]}-${String(n).padStart(2, '0')}`;
  return [mm(first), mm(first + 1), mm(first + 2)];
}

export function addQuarters(quarter: string, n: number): string {
  const m = QUARTER.exec(quarter);
  if (!m) throw new RangeError(`Not a quarter: ${quarter}`);
  const index = Number(m[1]) * 4 + Number(m[2]) - 1 + n;
  return `${Math.floor(index / 4)}-Q${(index % 4) + 1}`;
}

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "2026 Q3 (July to September)". */
export function quarterLabel(quarter: string): string {
  const [first, , last] = monthsOf(quarter);
  const name = (month: string) => MONTH_NAMES[Number(month.slice(5)) - 1];
  return `${quarter.replace('-', ' ')} (${name(first)} to ${name(last)})`;
}

/** Every period from `from` to `to` inclusive, months or quarters, so empty periods count as zero. */
export function periodsBetween(from: string, to: string, step: (p: string, n: number) => string): string[] {
  const out: string[] = [];
  for (let p = from; p <= to && out.length < 1200; p = step(p, 1)) out.push(p);
  return out;
}
