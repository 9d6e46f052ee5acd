import type { HelperOptions } from 'handlebars';

// Handlebars passes its options object as the last argument; these helpers are variadic.
const args = (raw: unknown[]): unknown[] => raw.slice(0, -1);

export const eq = (a: unknown, b: unknown): boolean => a === b;
export const ne = (a: unknown, b: unknown): boolean => a !== b;
export const not = (a: unknown): boolean => !a;

/** Like JavaScript's `&&`: the first falsy value, or the last. */
export function and(...raw: unknown[]): unknown {
  const values = args(raw);
  for (const v of values) if (!v) return v;
  return values[values.length - 1];
}

/** Like JavaScript's `||`: the first truthy value, or the last. */
export function or(...raw: unknown[]): unknown {
  const values = args(raw);
  for (const v of values) if (v) return v;
  return values[values.length - 1];
}

/** Nunjucks' `default` filter: the fallback when the value is undefined or null. */
export const fallback = (value: unknown, otherwise: unknown): unknown =>
  value === undefined || value === null ? otherwise : value;

/** `(params key=value …)` builds an object, so a partial gets exactly its macro options. */
export const params = (options: HelperOptions): Record<string, unknown> =>
  // Handlebars builds hash objects last key first; restore the written order so attributes render as written.
  Object.fromEntries(Object.entries(options.hash as Record<string, unknown>).reverse());

/** `(array a b c)` builds a list. */
export const array = (...raw: unknown[]): unknown[] => args(raw);

export const concat = (...raw: unknown[]): string =>
  args(raw)
    .filter((v) => v !== undefined && v !== null)
    .join('');

/** Substring for strings, membership for arrays. */
export function includes(haystack: unknown, needle: unknown): boolean {
  if (typeof haystack === 'string') return typeof needle === 'string' && haystack.includes(needle);
  if (Array.isArray(haystack)) return haystack.includes(needle);
  return false;
}

export const trim = (value: unknown): string => (value === undefined || value === null ? '' : String(value).trim());
