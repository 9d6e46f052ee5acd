import { findIdentifiers, mask, severity } from '../domain/identifiers.ts';

export type IdentifierFinding = { field: string; kind: string; severity: 'block' | 'confirm'; start: number; end: number; masked: string };

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
