/**
 * Detectors for identifiers with a recognisable shape: NHS, NI, postcode, phone, email, and the
 * context-dependent hospital and staff numbers. Each regex is compiled once and has bounded
 * repetition only, so a scan is linear in the text length.
 */
import { isValidNhsNumber, isValidNiPrefix } from './checks.ts';
import type { Finding } from './types.ts';

const isDigit = (c: number) => c >= 48 && c <= 57;
const isAlnum = (c: number) => isDigit(c) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

// ---------------------------------------------------------------------------------------------
// NHS numbers

// Between groups: up to three spaces (tabs, no-break spaces, invisible characters folded to spaces), or a hyphen with spaces either side.
const SEP = String.raw`(?:[ \t\u00A0]{0,3}-[ \t\u00A0]{0,3}|[ \t\u00A0]{1,3})`;
// Not after a digit and a dot ("1.9434765919" is a decimal); after a word and a dot ("No.") is fine.
const NHS_RE = new RegExp(String.raw`(?<!\w|\d\.)\d{3}${SEP}?\d{3}${SEP}?\d{4}(?!\w|[.,/:-]\d)`, 'g');
// Dots only on their own: a dot beside a space reads as a decimal or a time.
const NHS_DOTTED_RE = /(?<!\w|\d\.)\d{3}\.\d{3}\.\d{4}(?!\w|[.,/:-]\d)/g;
// Ten digits grouped any other way, with no digits run on either side. Without "NHS number" before
// them only single digits count ("9 4 3 4 7 6 5 9 1 9"): pairs and the like are counts, sizes, times.
const NHS_REGROUPED_RE = /(?<!\w|\d[ \t\u00A0.,/:-])\d(?:[ \t\u00A0.-]{0,2}\d){9}(?!\w|[ \t\u00A0.,/:-]\d)/g;
const SINGLE_DIGITS_RE = /^\d([ \u00A0.-])\d(?:\1\d){8}$/;
// Only the words right before the number count: "NHS number", "CHI no.", "NHS No: ".
const NHS_CONTEXT_RE =
  /\b(?:NHS|CHI|H&C)(?:\s*(?:numbers?|nos?\.?|num\.?|#|:|-|is|was|given|quoted|recorded|as|of))*\s*\(?$/i;
// Long codes from other systems are checked too, but a code label before them means "not a person".
const CODE_CONTEXT_RE =
  /\b(?:SNOMED(?: CT)?|concept|ICD-?1[01]|OPCS|read code|dm\+d|barcode|batch|lot|serial|DOI|ISBN|ISSN|order|invoice|PO)\b[^\n]{0,24}$/i;

function before(text: string, start: number, width: number): string {
  return text.slice(Math.max(0, start - width), start);
}

export function findNhsNumbers(text: string, out: Finding[]): void {
  const found = (start: number, raw: string, shapeOk: boolean) => {
    const digits = raw.replace(/\D/g, '');
    const context = before(text, start, 40);
    if (!NHS_CONTEXT_RE.test(context)) {
      if (!shapeOk || !isValidNhsNumber(digits) || CODE_CONTEXT_RE.test(context)) return;
      // Ten digits starting 0, unspaced or one at a time, read as a phone number; the phone detector takes them.
      if (digits[0] === '0' && (raw.length === 10 || raw.length === 19)) return;
    }
    out.push({ kind: 'nhs_number', start, end: start + raw.length });
  };
  for (const m of text.matchAll(NHS_RE)) found(m.index, m[0], true);
  for (const m of text.matchAll(NHS_DOTTED_RE)) found(m.index, m[0], true);
  for (const m of text.matchAll(NHS_REGROUPED_RE)) found(m.index, m[0], SINGLE_DIGITS_RE.test(m[0]));
}

// ---------------------------------------------------------------------------------------------
// National Insurance numbers

const NI_RE = /\b([A-Z]{2})[ -]?(\d{2})[ -]?(\d{2})[ -]?(\d{2})[ -]?([A-D])(?![A-Za-z0-9])/gi;

export function findNiNumbers(text: string, out: Finding[]): void {
  for (const m of text.matchAll(NI_RE)) {
    if (!isValidNiPrefix(m[1]!)) continue;
    out.push({ kind: 'ni_number', start: m.index, end: m.index + m[0].length });
  }
}

// ---------------------------------------------------------------------------------------------
// Postcodes (BS7666: A9 9AA, A99 9AA, AA9 9AA, AA99 9AA, A9A 9AA, AA9A 9AA, plus GIR 0AA)

const POSTCODE_RE =
  /\b(?:GIR ?0AA|[A-PR-UWYZ](?:\d[A-HJKPSTUW]?|\d\d|[A-HK-Y]\d[ABEHMNPRV-Y]?|[A-HK-Y]\d\d) ?\d[ABD-HJLNP-UW-Z]{2})(?![A-Za-z0-9])/gi;
// Lower-case "T2 1st", "C5 2nd", "U5 3hr" have the postcode shape but are ordinals and units.
const LOWER_INWARD_WORDS = new Set(['st', 'nd', 'rd', 'th', 'hr']);

export function findPostcodes(text: string, out: Finding[]): void {
  for (const m of text.matchAll(POSTCODE_RE)) {
    if (m[0].charAt(m[0].length - 4) === ' ' && LOWER_INWARD_WORDS.has(m[0].slice(-2))) continue;
    out.push({ kind: 'postcode', start: m.index, end: m.index + m[0].length });
  }
}

// ---------------------------------------------------------------------------------------------
// Phone numbers: a UK prefix (0, (0, +44, 0044, +44 (0)) then digit groups of two or more

const PHONE_START_RE = /(?<![\w+.,/:])(?:\(?(?:\+|00)[ \u00A0]?44[ \u00A0-]?(?:\(0\)[ \u00A0-]?)?|\(0(?=\d)|0(?=\d))/g;
// An opening bracket is taken tentatively and dropped below unless it closes the first group.
// UK national significant numbers start 1, 2, 3, 5, 7, 8 or 9 and have 9 or 10 digits.
const NATIONAL_FIRST = new Set(['1', '2', '3', '5', '7', '8', '9']);

export function findPhones(text: string, out: Finding[]): void {
  let scannedTo = 0;
  for (const m of text.matchAll(PHONE_START_RE)) {
    let start = m.index;
    if (start < scannedTo) continue;
    let p = start + m[0].length;
    const first = text[p];
    if (first === undefined || !NATIONAL_FIRST.has(first)) continue;
    let digits = 0;
    let end = -1;
    for (;;) {
      let q = p;
      while (q < text.length && isDigit(text.charCodeAt(q))) q++;
      const run = q - p;
      if (run < 2 || digits + run > 10) break;
      digits += run;
      end = q;
      let s = q;
      if (text[s] === ')') s++;
      const sep = text[s];
      if (sep === ' ' || sep === '-' || sep === '\u00A0') s++;
      if (s === q || !isDigit(text.charCodeAt(s))) break;
      p = s;
    }
    if (digits < 9 || end < 0) continue;
    // "(0113) 243 3144" keeps its bracket; "(0800 958 357)" is a bracketed aside, so the bracket stays outside.
    if (text[start] === '(') {
      let q = start + 1;
      while (q < end && isDigit(text.charCodeAt(q))) q++;
      if (text[q] !== ')') start++;
    }
    if (end < text.length && isAlnum(text.charCodeAt(end))) continue;
    out.push({ kind: 'phone', start, end });
    scannedTo = end;
  }
}

// ---------------------------------------------------------------------------------------------
// Email addresses: found from each "@" outwards, which stays linear where a regex would retry

const LOCAL_CHAR = /[A-Za-z0-9._%+'-]/;
const DOMAIN_CHAR = /[A-Za-z0-9.-]/;
const DOMAIN_OK = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}$/;

export function findEmails(text: string, out: Finding[]): void {
  let at = text.indexOf('@');
  while (at !== -1) {
    let s = at;
    while (s > 0 && at - s < 64 && LOCAL_CHAR.test(text[s - 1]!)) s--;
    while (s < at && (text[s] === '.' || text[s] === "'")) s++;
    let e = at + 1;
    while (e < text.length && e - at < 255 && DOMAIN_CHAR.test(text[e]!)) e++;
    while (e > at + 1 && (text[e - 1] === '.' || text[e - 1] === '-')) e--;
    if (s < at && DOMAIN_OK.test(text.slice(at + 1, e))) {
      out.push({ kind: 'email', start: s, end: e });
      at = text.indexOf('@', e);
    } else {
      at = text.indexOf('@', at + 1);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Hospital and accession numbers: no national format, so only a value right after a label counts

const HOSPITAL_LABEL_RE =
  /\b(?:(?:hospital|hosp|unit|case ?notes?|medical records?|health records?|patient|pt|accession|acc|exam|examination|study|RIS|PACS|K|trust|local)\.?[ \t]?(?:numbers?|nos?\.?|num\.?|#|IDs?|identifiers?|ref(?:erence)?s?\.?)|MRN|URN|accession)(?![A-Za-z])/gi;
// After the label: punctuation and a few linking words ("MRN: ", "hospital number was ", "(acc no. ").
const LABEL_GAP_RE = /[ \t:#=(–-]*(?:(?:numbers?|nos?\.?|is|was|of|given as|quoted as|recorded as)[ \t:#=(–-]+){0,2}/y;
const HOSPITAL_VALUE_RE = /(?:[A-Z]{1,4}[-/]?)?\d{3,}(?:[ -]\d{3,}){0,3}[A-Z]?(?![A-Za-z0-9])/iy;
// Trust-prefixed local numbers (ODS codes are R plus two characters, e.g. RXX1234567).
const ODS_NUMBER_RE = /(?<![A-Za-z0-9])R[A-Z][A-Z0-9]\d{6,10}(?![A-Za-z0-9])/g;

function valueAfterLabel(text: string, labelEnd: number, valueRe: RegExp): { start: number; end: number } | null {
  LABEL_GAP_RE.lastIndex = labelEnd;
  const gap = LABEL_GAP_RE.exec(text);
  const start = labelEnd + (gap ? gap[0].length : 0);
  valueRe.lastIndex = start;
  const v = valueRe.exec(text);
  if (!v) return null;
  return { start, end: start + v[0].length };
}

function countDigits(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (isDigit(s.charCodeAt(i))) n++;
  return n;
}

export function findHospitalNumbers(text: string, out: Finding[]): void {
  for (const m of text.matchAll(HOSPITAL_LABEL_RE)) {
    const v = valueAfterLabel(text, m.index + m[0].length, HOSPITAL_VALUE_RE);
    if (!v) continue;
    const value = text.slice(v.start, v.end);
    const digits = countDigits(value);
    // "patient number 2" or "exam no. 3" counts things; identifiers are longer.
    if (digits < 5 && !(digits >= 4 && /^[A-Za-z]/.test(value))) continue;
    out.push({ kind: 'hospital_number', ...v });
  }
  for (const m of text.matchAll(ODS_NUMBER_RE)) {
    out.push({ kind: 'hospital_number', start: m.index, end: m.index + m[0].length });
  }
}

// ---------------------------------------------------------------------------------------------
// Staff registration numbers

const REG_WORDS = String.raw`(?:[ \t]?(?:reg(?:istration|istered)?|ref(?:erence)?|numbers?|nos?\.?|num|pin|code|#|:))*`;
const GMC_RE = new RegExp(String.raw`\bGMC${REG_WORDS}[ \t:#-]*(\d{7})(?!\d)`, 'gi');
const NMC_CONTEXT_RE = new RegExp(String.raw`\bNMC${REG_WORDS}[ \t:#-]*(\d{2}[A-Z]\d{4}[A-Z])(?![A-Za-z0-9])`, 'gi');
const HCPC_CONTEXT_RE = new RegExp(String.raw`\bHCPC${REG_WORDS}[ \t:#-]*([A-Z]{2,3} ?\d{5,6})(?![A-Za-z0-9])`, 'gi');
// NMC PINs (71A2998E) and HCPC numbers (RA12345 for radiographers) are distinctive on their own.
const NMC_PIN_RE = /(?<![A-Za-z0-9])\d{2}[A-Z]\d{4}[A-Z](?![A-Za-z0-9])/g;
const HCPC_RE = /(?<![A-Za-z0-9])(?:RA|ODP|PA|PH|OT|SL|DT|CS|BS|CH|PO|OR|AS|PYL|HAD)\d{5,6}(?![A-Za-z0-9])/g;
const STAFF_LABEL_RE =
  /\b(?:(?:staff|employee|payroll|ESR|assignment|badge|smartcard|smart card|registration|professional registration)[ \t]?(?:numbers?|nos?\.?|num|IDs?|#))(?![A-Za-z])/gi;
const STAFF_VALUE_RE = /[A-Z]{0,3}\d{4,12}[A-Z]?(?![A-Za-z0-9])/iy;

export function findStaffNumbers(text: string, out: Finding[]): void {
  for (const re of [GMC_RE, NMC_CONTEXT_RE, HCPC_CONTEXT_RE]) {
    for (const m of text.matchAll(re)) {
      const value = m[1]!;
      const end = m.index + m[0].length;
      out.push({ kind: 'staff_number', start: end - value.length, end });
    }
  }
  for (const re of [NMC_PIN_RE, HCPC_RE]) {
    for (const m of text.matchAll(re)) out.push({ kind: 'staff_number', start: m.index, end: m.index + m[0].length });
  }
  for (const m of text.matchAll(STAFF_LABEL_RE)) {
    const v = valueAfterLabel(text, m.index + m[0].length, STAFF_VALUE_RE);
    if (v && countDigits(text.slice(v.start, v.end)) >= 4) out.push({ kind: 'staff_number', ...v });
  }
}
