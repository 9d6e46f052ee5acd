import { z } from 'zod';
import { findIdentifiers, kindLabel, mask } from '../domain/identifiers.ts';

/**
 * Form fields arrive as strings, as arrays when a field is repeated, or not at all. These schemas
 * turn every shape into one specific message rather than zod's developer-facing defaults.
 */
/** A field that may be repeated (checkboxes), as a list of strings: none when absent or blank. */
export const many = (v: unknown): string[] => (v === undefined || v === null || v === '' ? [] : (Array.isArray(v) ? v : [v]).map(String));

export function text(opts: { required: string; max: number; tooLong: string }) {
  return z.preprocess(
    (v) => (v === undefined || v === null ? '' : v),
    z.string({ error: opts.required }).trim().min(1, opts.required).max(opts.max, opts.tooLong),
  );
}

export function optionalText(opts: { max: number; tooLong: string; invalid: string }) {
  return z.preprocess(
    (v) => (v === undefined || v === null ? '' : v),
    z.string({ error: opts.invalid }).trim().max(opts.max, opts.tooLong),
  );
}

export function choice<const T extends readonly [string, ...string[]]>(values: T, message: string) {
  return z.preprocess((v) => (v === undefined || v === null ? '' : v), z.enum(values, { error: message }));
}

/**
 * For text kept outside a case (a reason in the audit trail, a label, a search term): refused if it
 * holds anything that could identify someone, as there is no confirming a date or name here. Where
 * dates or names are what the text is about (a contract's start date, an eponym), `allow` lets them
 * through. The message shows each finding masked.
 */
export function identifiesNoOne(label: string, opts: { allow?: readonly ('date' | 'person_name')[] } = {}) {
  return (value: string, ctx: z.RefinementCtx) => {
    const found = findIdentifiers(value).filter((f) => !(opts.allow ?? []).includes(f.kind as 'date'));
    if (!found.length) return;
    const parts = found.map((f) => `${kindLabel(f.kind)} (${mask(value.slice(f.start, f.end))})`);
    ctx.addIssue({ code: 'custom', message: `${label} contains what looks like ${parts.join(', and ')}. Remove anything that could identify a patient or member of staff`, input: value });
  };
}
