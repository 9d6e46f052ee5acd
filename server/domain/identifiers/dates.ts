/**
 * Full calendar dates (day, month and year). Month-year ("March 2021", "03/2021"), durations
 * ("6/52", "3/12") and day offsets never have all three parts, so they fall through by shape.
 */
import { isCalendarDay } from './checks.ts';
import type { Finding } from './types.ts';

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
};
const MONTH = String.raw`(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)`;
const ORDINAL = String.raw`(?:st|nd|rd|th)?`;

// 12/03/1957, 12-03-1957, 12.03.57, 12/3/57 (the second separator must repeat the first).
const NUMERIC_DMY_RE = /(?<![\w./:-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?![\w/]|[.:-]\d)/g;
// 1957-03-12, 1957/03/12.
const NUMERIC_YMD_RE = /(?<![\w./:-])((?:18|19|20)\d{2})([/.-])(\d{1,2})\2(\d{1,2})(?![\w/]|[.:-]\d)/g;
// 3 March 1957, 3rd Mar 1957, 3rd of March 1957, 03-Mar-1957, 3 Mar '57.
const TEXT_DMY_RE = new RegExp(
  String.raw`(?<![\w.])(\d{1,2})${ORDINAL}(?:\s{1,3}of)?(?:\s{1,3}|-)(${MONTH})\.?,?(?:\s{1,3}|-)(\d{4}|'\d{2})(?![\w])`,
  'gi',
);
// March 3, 1957, Mar 3rd 1957.
const TEXT_MDY_RE = new RegExp(String.raw`\b(${MONTH})\.?\s{1,3}(\d{1,2})${ORDINAL},?\s{1,3}(\d{4})(?![\w])`, 'gi');
// "12-10-15 mm" is three sizes, not a date.
const UNIT_AFTER_RE = /^\s?(?:mm|cm|ml|mls|mg|kg|g|mcg|units?|%|x|mmol|mSv|mGy|kV|mAs|HU)\b/i;

const monthNumber = (name: string) => MONTHS[name.slice(0, 3).toLowerCase()] ?? 0;

export function findDates(text: string, out: Finding[]): void {
  const push = (start: number, length: number) => out.push({ kind: 'date', start, end: start + length });

  for (const m of text.matchAll(NUMERIC_DMY_RE)) {
    const a = Number(m[1]);
    const b = Number(m[3]);
    const fourDigitYear = m[4]!.length === 4;
    // UK order first; US month-first only where the year is written in full and the day cannot be a month.
    const ok = isCalendarDay(a, b) || (fourDigitYear && a <= 12 && b > 12 && isCalendarDay(b, a));
    if (!ok) continue;
    // Dotted section numbers ("4.2.10") share the shape; dotted dates write the day and month in two digits.
    if (m[2] === '.' && !fourDigitYear && (m[1]!.length < 2 || m[3]!.length < 2)) continue;
    if (UNIT_AFTER_RE.test(text.slice(m.index + m[0].length, m.index + m[0].length + 6))) continue;
    push(m.index, m[0].length);
  }
  for (const m of text.matchAll(NUMERIC_YMD_RE)) {
    if (isCalendarDay(Number(m[4]), Number(m[3]))) push(m.index, m[0].length);
  }
  for (const m of text.matchAll(TEXT_DMY_RE)) {
    if (isCalendarDay(Number(m[1]), monthNumber(m[2]!))) push(m.index, m[0].length);
  }
  for (const m of text.matchAll(TEXT_MDY_RE)) {
    // The modal verb: "scans may 3 2019" is not how anyone writes a date.
    if (m[1] === 'may' || m[1] === 'mar') continue;
    if (isCalendarDay(Number(m[2]), monthNumber(m[1]!))) push(m.index, m[0].length);
  }
}
