/** Check-digit and allocation rules, separate from the text patterns that find candidates. */

/** NHS numbers (and Scottish CHI, Northern Irish H&C numbers) end in a modulus 11 check digit. */
export function isValidNhsNumber(digits: string): boolean {
  if (digits.length !== 10) return false;
  let sum = 0;
  let allSame = true;
  for (let i = 0; i < 10; i++) {
    const d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    if (i < 9) sum += d * (10 - i);
    if (digits.charCodeAt(i) !== digits.charCodeAt(0)) allSame = false;
  }
  // 0000000000 and 1111111111 pass the arithmetic but are typed as blanks, not numbers.
  if (allSame) return false;
  let check = 11 - (sum % 11);
  if (check === 11) check = 0;
  if (check === 10) return false;
  return check === digits.charCodeAt(9) - 48;
}

/** HMRC never allocates these prefixes; HMRC's own example QQ 12 34 56 A fails on Q. */
const UNUSED_NI_PREFIXES = new Set(['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ']);
const NI_FIRST = /^[A-CEGHJ-PR-TW-Z]$/;
const NI_SECOND = /^[A-CEGHJ-NPR-TW-Z]$/;

export function isValidNiPrefix(prefix: string): boolean {
  const p = prefix.toUpperCase();
  return p.length === 2 && NI_FIRST.test(p[0]!) && NI_SECOND.test(p[1]!) && !UNUSED_NI_PREFIXES.has(p);
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Leap years are not checked: 29/02 in any year is still somebody's date worth confirming. */
export function isCalendarDay(day: number, month: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= DAYS_IN_MONTH[month - 1]!;
}
