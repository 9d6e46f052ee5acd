import type { z } from 'zod';

export type FormErrors = {
  /** For the error summary: in the order the fields appear on the page. */
  list: { text: string; href: string }[];
  /** For each field's own error message. */
  byField: Record<string, string>;
};

export const noErrors = (): FormErrors => ({ list: [], byField: {} });

/** Turns a zod failure into the NHS error summary's shape: the first message per field, in page order. */
export function formErrors(error: z.ZodError, fieldOrder: readonly string[]): FormErrors {
  const byField: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? fieldOrder[0] ?? 'form');
    byField[field] ??= issue.message;
  }
  return fromMessages(byField, fieldOrder);
}

export function fromMessages(byField: Record<string, string>, fieldOrder: readonly string[]): FormErrors {
  const rank = (f: string) => (fieldOrder.includes(f) ? fieldOrder.indexOf(f) : fieldOrder.length);
  const list = Object.keys(byField)
    .sort((a, b) => rank(a) - rank(b))
    .map((f) => ({ text: byField[f]!, href: `#${f}` }));
  return { list, byField };
}
