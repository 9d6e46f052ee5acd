import { modifierClass } from './class-names.ts';
import { nhsukActionItems } from './nhsuk-options.ts';

/**
 * Class lists for nhsuk components, computed exactly as the design system's Nunjucks templates do:
 * a modifier class is added only when the caller's own `classes` does not already set one, so
 * `classes` can override an option. Each takes the macro's params; the partial escapes the result.
 */

type Params = Record<string, unknown>;

const str = (v: unknown): string => (v === undefined || v === null || v === false ? '' : String(v));
const has = (classes: string, className: string): boolean => classes.includes(className);

const append = (base: string, classes: string): string => (classes ? `${base} ${classes}` : base);

const TAG_COLOURS = ['white', 'grey', 'green', 'aqua-green', 'blue', 'purple', 'pink', 'red', 'orange', 'yellow'];

export function nhsukTagClasses(params: Params): string {
  const classes = str(params.classes);
  const colour = modifierClass('nhsuk-tag', params.colour, TAG_COLOURS, classes);
  let names = colour ? `nhsuk-tag ${colour}` : 'nhsuk-tag';
  if (params.colour === false && !has(classes, 'nhsuk-tag--no-colour')) names += ' nhsuk-tag--no-colour';
  if (params.border === false && !has(classes, 'nhsuk-tag--no-border')) names += ' nhsuk-tag--no-border';
  return append(names, classes);
}

export function nhsukNotificationBannerClasses(params: Params): string {
  const classes = str(params.classes);
  const variant = params.variant || params.type;
  const names = append('nhsuk-notification-banner', classes);
  return variant === 'success' && !has(classes, 'nhsuk-notification-banner--success')
    ? `${names} nhsuk-notification-banner--success`
    : names;
}

/** `border: false` or `lastRowBorder: false` on tables and summary lists. */
function withBorders(base: string, params: Params, classes: string): string {
  if (params.border === false) {
    return has(classes, `${base}--no-border`) ? base : `${base} ${base}--no-border`;
  }
  if (params.lastRowBorder === false && !has(classes, `${base}--no-last-row-border`)) {
    return `${base} ${base}--no-last-row-border`;
  }
  return base;
}

export function nhsukSummaryListClasses(params: Params): string {
  const classes = str(params.classes);
  return append(withBorders('nhsuk-summary-list', params, classes), classes);
}

/** A summary list row; `list` is the summary list's params, `isLast` whether this is its last row. */
export function nhsukSummaryListRowClasses(row: Params, isLast: unknown, hasActions: unknown, list: Params): string {
  const classes = str(row.classes);
  const listClasses = str(list.classes);
  let names = 'nhsuk-summary-list__row';
  if (hasActions && !nhsukActionItems(row.actions).length) names += ' nhsuk-summary-list__row--no-actions';
  if (
    row.border === false &&
    !has(classes, 'nhsuk-summary-list__row--no-border') &&
    !has(listClasses, 'nhsuk-summary-list--no-border') &&
    !has(listClasses, 'nhsuk-summary-list--no-last-row-border') &&
    !(list.lastRowBorder === false && isLast === true)
  ) {
    names += ' nhsuk-summary-list__row--no-border';
  }
  return append(names, classes);
}

/** Whether any row has `actions.items`: the macro only looks there when choosing 2 or 3 columns. */
export function nhsukSummaryListHasActions(rows: unknown): boolean {
  if (!Array.isArray(rows)) return false;
  return rows.some((row: Params | null) => {
    const items = row && typeof row === 'object' && row.actions ? (row.actions as Params).items : undefined;
    return Array.isArray(items) ? items.length > 0 : Boolean(items && (items as { length?: number }).length);
  });
}

/** `base` + `nhsuk-u-width-<width>` (unless `classes` sets it) + `classes`: for keys, values, cells. */
export function nhsukWidthClasses(base: string, item: unknown): string {
  const options = (item && typeof item === 'object' ? item : {}) as Params;
  const classes = str(options.classes);
  const width = str(options.width);
  const names = width && !has(classes, `nhsuk-u-width-${width}`) ? `${base} nhsuk-u-width-${width}` : base;
  return append(names, classes);
}
