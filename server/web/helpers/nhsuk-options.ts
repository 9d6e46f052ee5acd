import Handlebars from 'handlebars';
import type { HelperOptions } from 'handlebars';

/**
 * How nhsuk-frontend's macros read their options, for the helpers that port them. The Nunjucks
 * templates tell options apart by shape (`is mapping`, `is string`) and markup by being escaped;
 * here markup is a SafeString.
 */

type Options = Record<string, unknown>;

export type TextOrHtml = { text?: unknown; html?: unknown; [option: string]: unknown };

/** Handlebars passes its options object last, so a helper called with fewer arguments gets it early. */
export const isHelperOptions = (v: unknown): v is HelperOptions =>
  typeof v === 'object' && v !== null && 'hash' in v && 'data' in v;

const isSafe = (v: unknown): v is Handlebars.SafeString => v instanceof Handlebars.SafeString;

/** Nunjucks' `mapping` test: any object that is not a list, markup included (as in `select("mapping")`). */
export const isMapping = (v: unknown): v is Options =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !isHelperOptions(v);

/** Nunjucks' `is mapping and is not escaped`: an object of options rather than a text or html value. */
export const isOptionsObject = (v: unknown): v is Options => isMapping(v) && !isSafe(v);

/**
 * Many macro options take a string (text), a SafeString (html) or an object of sub-options, e.g.
 * `heading: "Title"` or `heading: { text: "Title", level: 3 }`. Returns the object form; `fallback`
 * supplies the older flat options (`titleText`, `titleHtml`…) the macros still honour, e.g.
 * `(textOrHtml title (params text=titleText html=titleHtml))`.
 */
export function textOrHtml(value: unknown, fallback?: unknown): TextOrHtml {
  if (isOptionsObject(value)) return value;
  const base = isOptionsObject(fallback) ? fallback : {};
  return {
    ...base,
    text: typeof value === 'string' ? value : base.text,
    html: isSafe(value) ? value : base.html,
  };
}

/** Nunjucks' `default` filter: only an undefined value is replaced (null survives, as in Nunjucks). */
export const orDefault = (value: unknown, fallback: unknown): unknown => (value === undefined ? fallback : value);

/** Nunjucks' `in` on a string option such as `classes`: a substring test, false when there is none. */
export const contains = (haystack: unknown, needle: string): boolean =>
  typeof haystack === 'string' && haystack.includes(needle);

/** Nunjucks' `select("mapping")`: the object items of a list, or none when it is not a list. */
export function nhsukMappings(list: unknown): Options[] {
  return Array.isArray(list) ? list.filter(isMapping) : [];
}

/** Card and summary-list actions: a list of action objects, or `{ items: [...] }`. */
export function nhsukActionItems(actions: unknown): Options[] {
  const list = nhsukMappings(actions);
  if (list.length) return list;
  return isOptionsObject(actions) ? nhsukMappings(actions.items) : [];
}
