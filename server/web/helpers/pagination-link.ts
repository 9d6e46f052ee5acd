import { isOptionsObject, textOrHtml, type TextOrHtml } from './nhsuk-options.ts';

export type PaginationLink = {
  href?: unknown;
  text?: unknown;
  html?: unknown;
  attributes?: unknown;
  label: TextOrHtml;
  [option: string]: unknown;
};

/**
 * `(paginationLink this "previous")`: the pagination component's previous or next link, with the
 * deprecated `previousUrl`/`previousPage` options and string `label`s normalised as the Nunjucks
 * template does, so the partial only deals with one shape.
 */
export function paginationLink(options: unknown, which: unknown): PaginationLink {
  const all = isOptionsObject(options) ? options : {};
  const side = which === 'next' ? 'next' : 'previous';
  const url = all[`${side}Url`];
  const page = all[`${side}Page`];
  const given = url || page ? { href: url, labelText: page } : all[side];
  const link: Record<string, unknown> = isOptionsObject(given) ? given : {};
  return { ...link, label: textOrHtml(link.label, { text: link.labelText }) };
}
