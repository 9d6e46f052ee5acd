/** Shared shapes for the identifier scanner, kept apart so detectors and the public module share them without a cycle. */

export const IDENTIFIER_KINDS = [
  'nhs_number',
  'ni_number',
  'postcode',
  'phone',
  'email',
  'hospital_number',
  'staff_number',
  'date',
  'person_name',
] as const;

export type IdentifierKind = (typeof IDENTIFIER_KINDS)[number];

/** `start`/`end` are UTF-16 offsets into the scanned text, `end` exclusive. */
export type Finding = { kind: IdentifierKind; start: number; end: number };
