import { isOptionsObject, textOrHtml, type TextOrHtml } from './nhsuk-options.ts';

export type FooterNavigationGroup = Record<string, unknown> & {
  /** Grid column width, e.g. `one-quarter`. */
  width: string;
  /** Present only when the group has a heading (or deprecated `title`). */
  heading?: TextOrHtml;
};

const WIDTHS: Record<number, string> = { 1: 'full', 2: 'one-half', 3: 'one-third' };

/**
 * `{{#each (footerNavigation navigation columns)}}`: the footer's navigation groups laid out in grid
 * rows of `columns` (1–4, default 4), each group with its column width and a normalised heading,
 * as nhsuk-frontend's footer template does with `batch(columns)`.
 */
export function footerNavigation(navigation: unknown, columns: unknown): FooterNavigationGroup[][] {
  const groups = (Array.isArray(navigation) ? navigation : isOptionsObject(navigation) ? [navigation] : []).map((group) =>
    isOptionsObject(group) ? group : {},
  );
  const count = Number(columns) || 4;
  const perRow = WIDTHS[count] ? count : 4;
  const width = WIDTHS[count] ?? 'one-quarter';
  const rows: FooterNavigationGroup[][] = [];
  groups.forEach((group, i) => {
    const laidOut: FooterNavigationGroup = { ...group, width: group.width ? String(group.width) : width };
    if (group.heading || group.title) laidOut.heading = textOrHtml(group.heading, { text: group.title });
    else delete laidOut.heading;
    if (i % perRow === 0) rows.push([]);
    rows[rows.length - 1]!.push(laidOut);
  });
  return rows;
}
