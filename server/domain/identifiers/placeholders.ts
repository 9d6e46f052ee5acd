import type { IdentifierKind } from './types.ts';

/** What `redact` leaves in place of each kind of finding. */
export const PLACEHOLDERS: Record<IdentifierKind, string> = {
  nhs_number: '[NHS number]',
  ni_number: '[NI number]',
  postcode: '[postcode]',
  phone: '[phone number]',
  email: '[email]',
  hospital_number: '[hospital number]',
  staff_number: '[staff number]',
  date: '[date]',
  person_name: '[name]',
};

/** Every placeholder `redact` can leave, as typed: "[date]", "[NHS number]" and the rest. */
export const PLACEHOLDER_TEXT = new RegExp([...Object.values(PLACEHOLDERS), '[removed]'].map((p) => p.replace(/[[\]]/g, '\\$&')).join('|'), 'g');
