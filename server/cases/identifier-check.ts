import { findIdentifiers, kindLabel, mask, severity } from '../domain/identifiers.ts';

export type IdentifierFinding = {
  field: string;
  kind: string;
  severity: 'block' | 'confirm';
  start: number;
  end: number;
  masked: string;
  /** Set when the author has confirmed this date or name does not identify anyone. */
  confirmed?: true;
};

/** The author's judgement that a date or name found at field[start, end) identifies no one. */
export type IdentifierConfirmation = { field: string; start: number; end: number; reason: string };

export class IdentifierFoundError extends Error {
  constructor(readonly findings: IdentifierFinding[]) {
    super('The case contains text that could identify a patient or member of staff');
    this.name = 'IdentifierFoundError';
  }
}

/** Scans every free-text field; the raw value never leaves this function, only its masked form. */
export function scanFields(fields: Record<string, string | undefined | null>): IdentifierFinding[] {
  return Object.entries(fields).flatMap(([field, text]) =>
    text ? findIdentifiers(text).map((f) => ({ field, kind: f.kind, severity: severity(f.kind), start: f.start, end: f.end, masked: mask(text.slice(f.start, f.end)) })) : [],
  );
}

const REASON_MAX = 500;

/**
 * Refuses the save unless every finding is a date or name the author has confirmed with a reason
 * (a reason that itself holds no identifier). Returns what was confirmed, for the audit trail.
 */
export function screenFields(
  fields: Record<string, string | undefined | null>,
  confirmations: readonly IdentifierConfirmation[] = [],
): { field: string; kind: string; masked: string; reason: string }[] {
  const findings = scanFields(fields);
  const confirmationOf = (f: IdentifierFinding) =>
    f.severity === 'confirm'
      ? confirmations.find((c) => c.field === f.field && c.start === f.start && c.end === f.end && validReason(c.reason))
      : undefined;
  const marked = findings.map((f) => (confirmationOf(f) ? { ...f, confirmed: true as const } : f));
  if (marked.some((f) => !f.confirmed)) throw new IdentifierFoundError(marked);
  return marked.map((f) => ({ field: f.field, kind: f.kind, masked: f.masked, reason: confirmationOf(f)!.reason.trim() }));
}

const validReason = (reason: string) => reasonProblem(reason) === undefined;

/** Why a confirmation's reason cannot be kept, if it cannot: it goes into the audit trail. */
export function reasonProblem(reason: string): string | undefined {
  const r = reason.trim();
  if (!r) return 'Give the reason it does not identify anyone';
  if (r.length > REASON_MAX) return `The reason must be ${REASON_MAX} characters or fewer`;
  const found = findIdentifiers(r)[0];
  if (found) return `The reason itself contains what looks like ${kindLabel(found.kind)} (${mask(r.slice(found.start, found.end))}): remove it`;
  return undefined;
}
