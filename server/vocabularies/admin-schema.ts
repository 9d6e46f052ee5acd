import { z } from 'zod';
import { STAGES } from '../domain/journey.ts';
import { choice, identifiesNoOne, text } from '../web/form-fields.ts';
import { normaliseLabel } from './admin-rules.ts';

// Labels and sources are shown on every page and kept in the audit trail, so they are scanned like
// any text; eponyms ("Colles fracture", "St George's") and a guidance's date are what they may name.
const NAMES_AND_DATES = { allow: ['date', 'person_name'] } as const;

const label = (max: number, noun = 'label') =>
  text({ required: `Enter a ${noun}`, max, tooLong: `The ${noun} must be ${max} characters or fewer` })
    .transform(normaliseLabel)
    .superRefine(identifiesNoOne(`The ${noun}`, NAMES_AND_DATES));

const code = (opts: { pattern: RegExp; min: number; rule: string }) =>
  text({ required: 'Enter a code', max: 40, tooLong: 'The code must be 40 characters or fewer' })
    .pipe(z.string().min(opts.min, `The code must be ${opts.min} characters or more`))
    .pipe(z.string().regex(opts.pattern, opts.rule));

export const DEPARTMENT_CODE = /^[a-z0-9][a-z0-9-]*$/;
export const TERM_CODE = /^[a-z0-9][a-z0-9_-]*$/;

export const NewDepartmentForm = z.object({
  code: code({ pattern: DEPARTMENT_CODE, min: 2, rule: 'The code must use only lowercase letters, digits and hyphens, starting with a letter or digit' }),
  label: label(100),
});
export const NewTermForm = z.object({
  code: code({ pattern: TERM_CODE, min: 1, rule: 'The code must use only lowercase letters, digits, hyphens and underscores, starting with a letter or digit' }),
  label: label(100),
});
export const NEW_ITEM_FIELDS = ['code', 'label'] as const;

export const LabelForm = z.object({ label: label(200) });
export const LABEL_FIELDS = ['label'] as const;

export const ThemeForm = z.object({ themeLabel: label(200, 'theme name'), summary: label(300, 'summary') });
export const THEME_FIELDS = ['themeLabel', 'summary'] as const;

export const StatusForm = z.object({ status: choice(['current', 'retired'] as const, 'Choose whether to retire or reinstate') });
export const MoveForm = z.object({ direction: choice(['up', 'down'] as const, 'Choose whether to move up or down') });

const maxDays = z.preprocess(
  (v) => (typeof v === 'string' ? v.trim() : v === undefined || v === null ? '' : v),
  z
    .string({ error: 'Enter the maximum number of days' })
    .min(1, 'Enter the maximum number of days')
    .regex(/^\d+$/, 'Maximum days must be a whole number, like 14')
    .transform(Number)
    .pipe(z.number().min(1, 'Maximum days must be between 1 and 365').max(365, 'Maximum days must be between 1 and 365')),
);

export const TimeframeForm = z.object({
  maxDays,
  source: text({ required: 'Enter the source of this timeframe', max: 300, tooLong: 'The source must be 300 characters or fewer' }).superRefine(identifiesNoOne('The source', NAMES_AND_DATES)),
  // An unticked checkbox sends nothing at all.
  local: z.preprocess((v) => v === 'yes', z.boolean()),
});
export const TIMEFRAME_FIELDS = ['maxDays', 'source', 'local'] as const;

/** URL segments: checked before any lookup so odd input is a plain 404. */
export const DepartmentCodeParam = z.string().max(40).regex(DEPARTMENT_CODE);
export const TermCodeParam = z.string().min(1).max(40).regex(/^[a-z0-9][a-z0-9_+-]*$/);
export const ThemeParam = z.string().regex(/^T\d{1,2}$/);
export const FactorCodeParam = z.string().regex(/^T\d{1,2}\.\d{2}$/);
export const StageParam = z.enum(STAGES);
