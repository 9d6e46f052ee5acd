import Handlebars from 'handlebars';

export type TextOrHtml = { text?: unknown; html?: unknown; [option: string]: unknown };

const isSafe = (v: unknown): v is Handlebars.SafeString => v instanceof Handlebars.SafeString;

/** A plain options object, as Nunjucks' `is mapping and is not escaped` tells one from a string. */
export const isMapping = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !isSafe(v) && !('hash' in v && 'data' in v);

/**
 * Several nhsuk-frontend options (card heading and description, footer meta and copyright,
 * pagination labels) are either an options object or a bare value: a string is text, a SafeString
 * is html. `fallbackText`/`fallbackHtml` stand in for a bare value's deprecated sibling options.
 * `{{#with (textOrHtml meta)}}{{#if html}}{{html}}{{else}}{{text}}{{/if}}{{/with}}`.
 */
export function textOrHtml(value: unknown, fallbackText?: unknown, fallbackHtml?: unknown): TextOrHtml {
  if (isMapping(value)) return value;
  return {
    text: typeof value === 'string' ? value : isSafe(value) ? undefined : asOption(fallbackText),
    html: isSafe(value) ? value : asOption(fallbackHtml),
  };
}

// Handlebars passes its options object in place of arguments a template left out.
const asOption = (v: unknown): unknown => (typeof v === 'object' && v !== null && 'hash' in v && 'data' in v ? undefined : v);
