import { z } from 'zod';
import { parseRef } from '../domain/case-ref.ts';
import { optionalText, text } from '../web/form-fields.ts';

export const SET_FIELDS = ['title', 'description', 'audience'] as const;

export const FIELD_LABELS: Record<string, string> = {
  title: 'Title',
  description: 'Description',
  audience: 'Audience',
  note: 'The teaching note',
};

export const NOTE_MAX = 4000;

const note = optionalText({ max: NOTE_MAX, tooLong: 'The teaching note must be 4,000 characters or fewer', invalid: 'Enter the teaching note as text' });

/** The create and change forms; `version` only matters on a change. */
export const setForm = z.object({
  title: text({ required: 'Enter a title for the teaching set', max: 120, tooLong: 'Title must be 120 characters or fewer' }),
  description: optionalText({ max: 2000, tooLong: 'Description must be 2,000 characters or fewer', invalid: 'Enter the description as text' }),
  audience: text({ required: 'Enter who the set is for, like ‘ST1 radiology registrars’', max: 120, tooLong: 'Audience must be 120 characters or fewer' }),
  // A missing or mangled version can only be stale: 0 never matches, so it is treated as a conflict.
  version: z.preprocess((v) => (typeof v === 'string' && /^\d{1,9}$/.test(v) ? Number(v) : 0), z.number()),
});

export type SetInput = z.infer<typeof setForm>;

/** Adding a case by reference, from the set page, a case page or search results. */
export const addCaseForm = z.object({
  ref: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim().toUpperCase() : ''),
    z.string().min(1, 'Enter a case reference, like CB-2026-00012').refine((v) => parseRef(v) !== undefined, 'Enter a case reference in the form CB-2026-00012'),
  ),
  note,
});

export const noteForm = z.object({ note });

export const moveForm = z.object({ direction: z.enum(['up', 'down'], { error: 'Choose to move the case up or down' }) });

const wholeNumber = z.string().regex(/^[1-9]\d{0,8}$/).transform(Number);

export const SetIdParam = wholeNumber;

/** Teaching mode counts from 1, as people do. */
export const PositionParam = wholeNumber;
