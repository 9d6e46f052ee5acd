import { identifierMessages } from '../actions/present.ts';
import type { z } from 'zod';
import { type IdentifierFinding, scanFields } from '../cases/identifier-check.ts';
import { formErrors, type FormErrors, fromMessages } from '../web/form-errors.ts';
import { FIELD_LABELS, SET_FIELDS } from './schema.ts';
import type { SetRow } from './service.ts';

/** What the user typed, as strings, so a refused form shows it back exactly. */
export type SetValues = { title: string; description: string; audience: string; version: string };

const str = (v: unknown) => (typeof v === 'string' ? v : '');

export const valuesFrom = (body: Record<string, unknown> | undefined): SetValues => ({
  title: str(body?.title),
  description: str(body?.description),
  audience: str(body?.audience),
  version: str(body?.version),
});

export const valuesOf = (s: SetRow): SetValues => ({ title: s.title, description: s.description, audience: s.audience, version: String(s.version) });

export const emptyValues = (): SetValues => ({ title: '', description: '', audience: '', version: '' });

/** Masked, field-by-field messages: the typed identifier itself is never repeated back. */
export const findingErrors = (findings: IdentifierFinding[], order: readonly string[] = SET_FIELDS) => fromMessages(identifierMessages(findings, FIELD_LABELS), order);

/** The form's problems and any identifier in its text together, so the user fixes everything in one go. */
export function everyProblem(error: z.ZodError, values: SetValues): FormErrors {
  const found = identifierMessages(scanFields({ title: values.title, description: values.description, audience: values.audience }), FIELD_LABELS);
  return fromMessages({ ...found, ...formErrors(error, SET_FIELDS).byField }, SET_FIELDS);
}

/** The stored details beside what this user tried to save, for the conflict page. */
export function conflictRows(saved: SetRow, yours: SetValues) {
  const rows = [
    { field: 'Title', saved: saved.title, yours: yours.title },
    { field: 'Description', saved: saved.description, yours: yours.description },
    { field: 'Audience', saved: saved.audience, yours: yours.audience },
  ];
  return rows.map((r) => ({ ...r, differs: r.saved.trim() !== r.yours.trim() }));
}
