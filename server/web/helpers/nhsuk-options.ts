import Handlebars from 'handlebars';

type Options = Record<string, unknown>;

/** Handlebars passes its options object last; a helper called with fewer arguments gets it early. */
const isHelperOptions = (v: unknown): boolean =>
  typeof v === 'object' && v !== null && 'hash' in v && 'data' in v && 'name' in v;

/** Nunjucks' `mapping` test: any object that is not an array (a SafeString counts). */
export const isMapping = (v: unknown): v is Options =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !isHelperOptions(v);

const isPlainOptions = (v: unknown): v is Options => isMapping(v) && !(v instanceof Handlebars.SafeString);

/**
 * Many macro options take a string (text), a SafeString (html) or an object of sub-options, e.g.
 * `heading: "Title"` or `heading: { text: "Title", level: 3 }`. Returns the object form; `fallback`
 * supplies the older flat options (`titleText`, `titleHtml`…) the macros still honour.
 */
export function nhsukTextOption(value: unknown, fallback?: unknown): Options {
  if (isPlainOptions(value)) return value;
  const base = isPlainOptions(fallback) ? fallback : {};
  return {
    ...base,
    text: typeof value === 'string' ? value : base.text,
    html: value instanceof Handlebars.SafeString ? value : base.html,
  };
}

/** Nunjucks' `select("mapping")`: the object items of a list, or none when it is not a list. */
export function nhsukMappings(list: unknown): Options[] {
  return Array.isArray(list) ? list.filter(isMapping) : [];
}

/** Card and summary-list actions: a list of action objects, or `{ items: [...] }`. */
export function nhsukActionItems(actions: unknown): Options[] {
  const list = nhsukMappings(actions);
  if (list.length) return list;
  return isPlainOptions(actions) ? nhsukMappings(actions.items) : [];
}
