import { z } from 'zod';

/**
 * Form fields arrive as strings, as arrays when a field is repeated, or not at all. These schemas
 * turn every shape into one specific message rather than zod's developer-facing defaults.
 */
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
