import { z } from 'zod';
import { CaseBody } from '../cases/schema.ts';
import { identifiesNoOne } from '../web/form-fields.ts';

const confirmations = z
  .array(
    z.strictObject({
      field: z.enum(['title', 'narrative', 'learning'], { error: 'field must be title, narrative or learning' }),
      start: z.number().int().min(0),
      end: z.number().int().min(1),
      // Kept in the audit trail: refused here, by name, rather than leave the finding unconfirmed.
      reason: z.string().trim().min(1, 'Give a reason').max(500).superRefine(identifiesNoOne('The reason')),
    }),
  )
  .max(50)
  .optional();

/** POST body: the case (DESIGN.md contract 4), plus the author's confirmations of dates or names found in it. */
export const ApiCaseBody = CaseBody.extend({ identifierConfirmations: confirmations });

const s = CaseBody.shape;
/** PATCH body: any fields of the case; null clears an optional one. */
export const ApiCasePatch = z.strictObject({
  title: s.title.optional(),
  narrative: s.narrative.optional(),
  learning: s.learning.nullable(),
  source: s.source.optional(),
  department: s.department.optional(),
  modality: s.modality.optional(),
  bodyArea: s.bodyArea.nullable(),
  setting: s.setting.optional(),
  urgency: s.urgency.nullable(),
  alertCategory: s.alertCategory.nullable(),
  harm: s.harm.optional(),
  ageBand: s.ageBand.nullable(),
  eventMonth: s.eventMonth.optional(),
  themes: s.themes.optional(),
  journey: s.journey.nullable(),
  repeats: s.repeats.nullable(),
  submit: s.submit,
  identifierConfirmations: confirmations,
});

/** An empty parameter (`?cursor=&limit=`) is one not given, as it is for the filters. */
const given = (v: unknown) => (v === '' ? undefined : v);

/** A whole number in a query string, told by name and range when it is anything else. */
function queryWhole(name: string, min: number, max: number, fallback: number) {
  const message = `${name} must be a whole number from ${min} to ${max}`;
  return z.preprocess(given, z.coerce.number({ error: message }).int(message).min(min, message).max(max, message).default(fallback));
}

export const ApiListQuery = z.object({
  cursor: z.preprocess(
    given,
    z
      .string({ error: 'cursor must be given once' })
      .regex(/^[A-Za-z0-9_-]{1,20}$/, 'cursor is not one this API gave out')
      .optional(),
  ),
  limit: queryWhole('limit', 1, 100, 50),
});

export const encodeCursor = (id: number) => Buffer.from(`id:${id}`).toString('base64url');
export function decodeCursor(cursor: string): number | undefined {
  const m = /^id:(\d{1,12})$/.exec(Buffer.from(cursor, 'base64url').toString());
  return m ? Number(m[1]) : undefined;
}

export const ApiSearchPaging = z.object({
  limit: queryWhole('limit', 1, 100, 20),
  offset: queryWhole('offset', 0, 100_000, 0),
});
