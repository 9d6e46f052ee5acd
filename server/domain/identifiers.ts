/**
 * Scans free text for patient and staff identifiers before it is saved. Pure and synchronous:
 * it runs on every save, so every pattern is compiled once and scanning is linear in the text.
 */
import { findDates } from './identifiers/dates.ts';
import { foldForScanning } from './identifiers/fold.ts';
import { findPersonNames } from './identifiers/names.ts';
import {
  findEmails,
  findHospitalNumbers,
  findNhsNumbers,
  findNiNumbers,
  findPhones,
  findPostcodes,
  findStaffNumbers,
} from './identifiers/numbers.ts';
import { PLACEHOLDERS } from './identifiers/placeholders.ts';
import { type Finding, IDENTIFIER_KINDS, type IdentifierKind } from './identifiers/types.ts';

export { IDENTIFIER_KINDS, type Finding, type IdentifierKind };
export type Severity = 'block' | 'confirm';

/** Dates and names are often not identifying (a guideline date, a named eponym), so the user may confirm them. */
export const CONFIRM_KINDS: readonly IdentifierKind[] = Object.freeze(['date', 'person_name']);
export const BLOCKING_KINDS: readonly IdentifierKind[] = Object.freeze(
  IDENTIFIER_KINDS.filter((k) => !CONFIRM_KINDS.includes(k)),
);

export function severity(kind: string): Severity {
  return kind === 'date' || kind === 'person_name' ? 'confirm' : 'block';
}

/** How messages name each kind: "contains an NHS number". */
const KIND_LABELS: Record<IdentifierKind, string> = {
  nhs_number: 'an NHS number',
  ni_number: 'a National Insurance number',
  postcode: 'a postcode',
  phone: 'a phone number',
  email: 'an email address',
  hospital_number: 'a hospital or accession number',
  staff_number: 'a staff registration number',
  date: 'a full date',
  person_name: 'a person’s name',
};

export function kindLabel(kind: string): string {
  return KIND_LABELS[kind as IdentifierKind] ?? 'an identifier';
}

export function placeholderFor(kind: string): string {
  return PLACEHOLDERS[kind as IdentifierKind] ?? '[removed]';
}


// When detectors overlap the more specific wins: a label-led hospital number over a bare
// NHS-shaped number, an email over the name inside it.
const SPECIFICITY: Record<IdentifierKind, number> = {
  email: 9,
  staff_number: 8,
  hospital_number: 7,
  nhs_number: 6,
  ni_number: 5,
  phone: 4,
  postcode: 3,
  date: 2,
  person_name: 1,
};

const rank = (a: Finding, b: Finding) =>
  // A blocking finding is never given up for a confirmable one.
  (severity(a.kind) === 'block' ? 0 : 1) - (severity(b.kind) === 'block' ? 0 : 1) ||
  b.end - b.start - (a.end - a.start) ||
  SPECIFICITY[b.kind] - SPECIFICITY[a.kind] ||
  a.start - b.start;

/** Greedy by rank within each cluster of overlapping candidates; clusters are small, so this stays cheap. */
function resolveOverlaps(candidates: Finding[]): Finding[] {
  const byStart = [...candidates].sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Finding[] = [];
  for (let i = 0; i < byStart.length; ) {
    let clusterEnd = byStart[i]!.end;
    let j = i + 1;
    while (j < byStart.length && byStart[j]!.start < clusterEnd) clusterEnd = Math.max(clusterEnd, byStart[j++]!.end);
    if (j - i === 1) {
      kept.push(byStart[i]!);
    } else {
      const chosen: Finding[] = [];
      for (const f of byStart.slice(i, j).sort(rank)) {
        if (chosen.every((c) => f.end <= c.start || f.start >= c.end)) chosen.push(f);
      }
      kept.push(...chosen.sort((a, b) => a.start - b.start));
    }
    i = j;
  }
  return kept;
}

/** Every identifier in `text`, sorted by start and non-overlapping. */
export function findIdentifiers(original: string): Finding[] {
  const { text, at } = foldForScanning(original);
  const found: Finding[] = [];
  findEmails(text, found);
  findStaffNumbers(text, found);
  findHospitalNumbers(text, found);
  findNhsNumbers(text, found);
  findNiNumbers(text, found);
  findPhones(text, found);
  findPostcodes(text, found);
  findDates(text, found);
  findPersonNames(text, found);
  const kept = resolveOverlaps(found);
  // A finding ends after its last character: what follows it unseen stays outside.
  return at === undefined ? kept : kept.map((f) => ({ ...f, start: at(f.start), end: at(f.end - 1) + 1 }));
}

/** Replaces each finding with its placeholder; overlapping or out-of-range findings are skipped. */
export function redact(text: string, findings: readonly { kind: string; start: number; end: number }[]): string {
  const ordered = [...findings].sort((a, b) => a.start - b.start);
  let result = '';
  let cursor = 0;
  for (const f of ordered) {
    if (f.start < cursor || f.end > text.length || f.end <= f.start) continue;
    result += text.slice(cursor, f.start) + placeholderFor(f.kind);
    cursor = f.end;
  }
  return result + text.slice(cursor);
}

const MASKABLE = /[\p{L}\p{N}]/u;

/**
 * Shows only the last four letters or digits, keeping spaces and punctuation so the shape is
 * still recognisable: "943 476 5919" → "••• ••• 5919". Four characters or fewer are masked whole.
 */
export function mask(value: string): string {
  const chars = [...value];
  let visible = 0;
  for (const c of chars) if (MASKABLE.test(c)) visible++;
  let keep = visible > 4 ? 4 : 0;
  for (let i = chars.length - 1; i >= 0; i--) {
    if (!MASKABLE.test(chars[i]!)) continue;
    if (keep > 0) keep--;
    else chars[i] = '•';
  }
  return chars.join('');
}
