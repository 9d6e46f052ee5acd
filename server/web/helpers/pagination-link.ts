import { isMapping, textOrHtml, type TextOrHtml } from './text-or-html.ts';

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
  const all = isMapping(options) ? options : {};
  const side = which === 'next' ? 'next' : 'previous';
  const url = all[`${side}Url`];
  const page = all[`${side}Page`];
  const given = url || page ? { href: url, labelText: page } : all[side];
  const link: Record<string, unknown> = isMapping(given) ? given : {};
  return { ...link, label: textOrHtml(link.label, link.labelText) };
}
