/**
 * The review's notes form: findings per section, attendance by role, a tick and a note per case.
 * Its fields depend on the review (a note per case), so the schema is made per review. Nothing is
 * cut short or coerced: a value that cannot be kept as typed is an error on its field.
 */
import { z } from 'zod';
import { identifiesNoOne, many } from '../web/form-fields.ts';
import { ATTENDANCE_ROLES } from './service.ts';
import { SECTION_TITLES, SECTIONS } from './types.ts';

export const FINDINGS_KEYS = [...SECTIONS, 'overall'] as const;
const TEXT_MAX = 10_000;

const asText = (v: unknown) => (typeof v === 'string' ? v : '');

/** What the form posted, as typed: shown again, whole, when it cannot be saved. */
export type PostedNotes = { findings: Record<string, string>; attendance: string[]; discussions: Record<string, { discussed: boolean; note: string }> };

export function postedNotes(body: Record<string, unknown>): PostedNotes {
  const discussed = new Set(many(body.discussed));
  return {
    findings: Object.fromEntries(FINDINGS_KEYS.map((k) => [k, asText(body[`findings-${k}`])])),
    attendance: ATTENDANCE_ROLES.map((_, i) => asText(body[`attendance-${i}`])),
    discussions: Object.fromEntries(many(body.caseRef).map((ref) => [ref, { discussed: discussed.has(ref), note: asText(body[`note-${ref}`]) }])),
  };
}

/** The fields in page order, for the error summary. */
export const notesFieldOrder = (caseRefs: readonly string[]) => [...FINDINGS_KEYS.map((k) => `findings-${k}`), ...caseRefs.map((r) => `note-${r}`), ...ATTENDANCE_ROLES.map((_, i) => `attendance-${i}`)];

export function notesForm(caseRefs: readonly string[]) {
  // Every field is scanned, so each names its own problems: a month ("March 2026") is no full date.
  const text = (label: string) =>
    z.preprocess(asText, z.string().trim().max(TEXT_MAX, `${label} must be 10,000 characters or fewer`).superRefine(identifiesNoOne(label)));
  const findingsLabel = (k: (typeof FINDINGS_KEYS)[number]) => (k === 'overall' ? 'The overall findings box' : `The findings box for ${SECTION_TITLES[k].replace(/^\d+\. /, '').toLowerCase()}`);
  return z
    .object({
      ...Object.fromEntries(FINDINGS_KEYS.map((k) => [`findings-${k}`, text(findingsLabel(k))])),
      ...Object.fromEntries(caseRefs.map((ref) => [`note-${ref}`, text(`The note on ${ref}`)])),
      ...Object.fromEntries(
        ATTENDANCE_ROLES.map((role, i) => [`attendance-${i}`, z.preprocess(asText, z.string().trim().regex(/^\d{0,3}$/, `Enter how many ${role.toLowerCase()} attended as a whole number from 0 to 999`))]),
      ),
      discussed: z.preprocess(many, z.array(z.string())),
    })
    .transform((f) => {
      const field = (name: string) => (f as Record<string, unknown>)[name] as string;
      const discussed = new Set(f.discussed);
      return {
        findings: Object.fromEntries(FINDINGS_KEYS.map((k) => [k, field(`findings-${k}`)]).filter(([, t]) => t)),
        attendance: ATTENDANCE_ROLES.map((role, i) => ({ role, count: Number(field(`attendance-${i}`) || 0) })).filter((a) => a.count > 0),
        discussions: Object.fromEntries(caseRefs.map((ref) => [ref, { discussed: discussed.has(ref), note: field(`note-${ref}`) }])),
      };
    });
}
