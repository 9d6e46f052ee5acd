import Handlebars from 'handlebars';
import { nhsukAttributes } from './nhsuk-attributes.ts';
import { isMapping, orDefault, textOrHtml } from './nhsuk-options.ts';

/**
 * The option arithmetic of nhsuk-frontend's tables template: table attributes, caption, card, and
 * one model per cell, so the `tables` partials only lay out markup. Values stay unescaped here
 * except inside the attribute strings built with `nhsukAttributes`, which escapes them.
 */

type Options = Record<string, unknown>;

const str = (v: unknown): string => (v === undefined || v === null || v === false ? '' : String(v));
const has = (classes: unknown, className: string): boolean => str(classes).includes(className);
const optional = (value: unknown) => ({ value, optional: true });
const safe = (html: string) => new Handlebars.SafeString(html);

/** Whether any head cell sorts, and whether (from the first sortable one on) a cell links to a server-side sort. */
function sorting(params: Options): { isSortable: boolean; isSortableOnServer: boolean } {
  let isSortable = false;
  let isSortableOnServer = false;
  for (const item of tableHead(params)) {
    const cell = isMapping(item) ? item : {};
    if (cell.sort) isSortable = true;
    if (isSortable && cell.href) isSortableOnServer = true;
  }
  return { isSortable, isSortableOnServer };
}

const tableHead = (params: Options): unknown[] => (Array.isArray(params.head) && params.head.length ? params.head : []);

export function nhsukTableClasses(params: Options): string {
  const { classes } = params;
  let names = 'nhsuk-table';
  if (params.variant === 'reverse' && !has(classes, 'nhsuk-table--reverse') && !has(classes, 'nhsuk-table-responsive--reverse')) {
    names += ' nhsuk-table--reverse';
  }
  if (params.compact && !has(classes, 'nhsuk-table--compact')) names += ' nhsuk-table--compact';
  if (params.responsive && !has(classes, 'nhsuk-table--responsive')) names += ' nhsuk-table--responsive';
  if (params.border === false) {
    if (!has(classes, 'nhsuk-table--no-border')) names += ' nhsuk-table--no-border';
  } else if (params.lastRowBorder === false && !has(classes, 'nhsuk-table--no-last-row-border')) {
    names += ' nhsuk-table--no-last-row-border';
  }
  if (sorting(params).isSortable && !has(classes, 'nhsuk-table--sortable')) names += ' nhsuk-table--sortable';
  if (params.striped && !has(classes, 'nhsuk-table--striped')) names += ' nhsuk-table--striped';
  const extra = params.classes || params.tableClasses;
  return extra ? `${names} ${str(extra)}` : names;
}

// The macro's nhsukI18nAttributes: a translated message for the sortable table script.
const i18n = (key: string, message: unknown): string =>
  message ? ` data-i18n.${key}="${Handlebars.escapeExpression(String(message))}"` : '';

/** Every attribute of the `<table>` element, escaped. */
export function nhsukTableAttributes(params: Options): Handlebars.SafeString {
  const classNames = nhsukTableClasses(params);
  const { isSortableOnServer } = sorting(params);
  const clientSort = classNames.includes('nhsuk-table--sortable') && !isSortableOnServer;
  return safe(
    nhsukAttributes({
      class: classNames,
      id: optional(params.id),
      'data-module': optional(clientSort ? 'nhsuk-table' : false),
    }).toString() +
      i18n('sort-announcement', params.sortAnnouncementText) +
      i18n('ascending', params.ascendingText) +
      i18n('descending', params.descendingText) +
      nhsukAttributes({ role: optional(params.responsive ? 'table' : false) }).toString() +
      nhsukAttributes(params.attributes).toString(),
  );
}

/** The caption option (text, html or options), with the deprecated captionSize/captionClasses. */
const tableCaption = (params: Options): Options =>
  textOrHtml(params.caption, { size: params.captionSize, classes: params.captionClasses });

/** The caption's id: given, or derived (for the scroll region's label) when the table scrolls. */
export function nhsukTableCaptionId(params: Options): unknown {
  const caption = tableCaption(params);
  if (caption.id !== undefined) return caption.id;
  if (params.scroll && params.id) return `${str(params.id)}-caption`;
  if (params.scroll && caption.text) {
    return `table-${str(caption.text).split(' ').join('-').toLowerCase().slice(0, 40)}-caption`;
  }
  return undefined;
}

/** Options for the heading partial that draws the `<caption>`, or undefined when there is none. */
export function nhsukTableCaption(params: Options): Options | undefined {
  const caption = tableCaption(params);
  if (!caption.text && !caption.html) return undefined;
  const headingCaption = textOrHtml(caption.caption);
  const placement = headingCaption.placement;
  const given = isMapping(params.caption) ? params.caption.visuallyHiddenText : undefined;
  const hidden = orDefault(
    given,
    nhsukTableClasses(params).includes('nhsuk-table--sortable') ? 'Column headers are sortable' : undefined,
  );
  return {
    id: nhsukTableCaptionId(params),
    text: caption.text,
    html: caption.html,
    visuallyHiddenText: hidden ? `(${str(hidden)})` : undefined,
    caption: {
      id: headingCaption.id,
      text: headingCaption.text,
      html: headingCaption.html,
      placement: !placement || placement === 'start' || placement === 'end' ? placement : undefined,
      size: orDefault(headingCaption.size, caption.size),
      classes: headingCaption.classes,
      attributes: headingCaption.attributes,
    },
    size: caption.size,
    sizes: ['s', 'm', 'l', 'xl'],
    className: 'nhsuk-table__caption',
    classPrefix: 'nhsuk-table__caption--',
    classes: caption.classes,
    attributes: caption.attributes,
    element: 'caption',
  };
}

/** Options for the card around the table (`card`, or the deprecated `panel`), or undefined. */
export function nhsukTableCard(params: Options): Options | undefined {
  if (!params.card && !params.panel) return undefined;
  const card = isMapping(params.card) ? params.card : {};
  return {
    id: card.id,
    heading: textOrHtml(card.heading, { text: params.heading, level: params.headingLevel }),
    href: card.href,
    actions: card.actions,
    classes: orDefault(params.panelClasses, card.classes),
    attributes: card.attributes,
    variant: orDefault(card.variant, params.panel ? 'feature' : undefined),
  };
}

/** A cell as the template's `_tableCell` macro receives it. */
type CellOptions = {
  text?: unknown;
  html?: unknown;
  visuallyHiddenText?: unknown;
  format?: unknown;
  href?: unknown;
  scope?: unknown;
  role?: unknown;
  colspan?: unknown;
  rowspan?: unknown;
  align?: unknown;
  width?: unknown;
  classes?: unknown;
  attributes: string;
  element: 'th' | 'td';
};

/** What the cell partial draws: element, its attributes, content and (responsive) heading. */
export type TableCell = {
  element: 'th' | 'td';
  attributes: Handlebars.SafeString;
  text?: unknown;
  html?: unknown;
  visuallyHiddenText?: unknown;
  href?: unknown;
  responsiveHeading?: { text?: unknown; html?: unknown; visuallyHiddenText?: unknown };
};

const ALIGNMENTS = ['left', 'centre', 'right'];

function cellClasses(item: CellOptions): string {
  const base = item.element === 'th' ? 'nhsuk-table__header' : 'nhsuk-table__cell';
  const { classes } = item;
  let names = base;
  if (item.format === 'numeric' && !has(classes, `${base}--numeric`)) names += ` ${base}--numeric`;
  if (
    item.align &&
    ALIGNMENTS.includes(String(item.align)) &&
    !ALIGNMENTS.some((a) => has(classes, `nhsuk-u-text-align-${a}`))
  ) {
    names += ` nhsuk-u-text-align-${String(item.align)}`;
  }
  if (item.width && !has(classes, `nhsuk-u-width-${str(item.width)}`)) names += ` nhsuk-u-width-${str(item.width)}`;
  return classes ? `${names} ${str(classes)}` : names;
}

function cell(item: CellOptions, responsiveHeading?: TableCell['responsiveHeading']): TableCell {
  const attributes =
    nhsukAttributes({
      class: cellClasses(item),
      scope: optional(item.scope),
      role: optional(item.role),
      colspan: optional(item.colspan),
      rowspan: optional(item.rowspan),
    }).toString() + item.attributes;
  return {
    element: item.element,
    attributes: safe(attributes),
    text: item.text,
    html: item.html,
    visuallyHiddenText: item.visuallyHiddenText,
    href: item.href,
    responsiveHeading,
  };
}

/** Table cells are strings (text), SafeStrings (html) or options; anything else is left out. */
const isCell = (item: unknown): boolean => typeof item === 'string' || isMapping(item);

/** The head row's cells, with the sort attributes the sortable table script reads. */
export function nhsukTableHeadCells(params: Options): TableCell[] {
  const { isSortable, isSortableOnServer } = sorting(params);
  return tableHead(params)
    .filter(isCell)
    .map((item) => {
      const header = textOrHtml(item);
      const sort = typeof header.sort === 'string' ? header.sort : header.sort == true ? 'none' : undefined;
      const sortNext = typeof header.sortNext === 'string' ? header.sortNext : undefined;
      return cell({
        text: header.text,
        html: header.html,
        visuallyHiddenText: header.visuallyHiddenText,
        format: header.format,
        href: header.href,
        scope: 'col',
        role: params.responsive ? 'columnheader' : undefined,
        colspan: params.responsive ? undefined : header.colspan,
        rowspan: header.rowspan,
        align: header.align,
        width: header.width,
        classes: header.classes,
        attributes:
          nhsukAttributes({
            'data-sort': optional(Boolean(sort && isSortable)),
            'data-sort-next': optional(sortNext && isSortable && !isSortableOnServer ? sortNext : false),
            'aria-sort': optional(sort && sort !== 'none' && isSortable ? sort : false),
          }).toString() + nhsukAttributes(header.attributes).toString(),
        element: 'th',
      });
    });
}

/** The body rows' cells; each cell takes its format, alignment and responsive heading from its column's head cell. */
export function nhsukTableBodyRows(params: Options): TableCell[][] {
  const head = tableHead(params);
  const rows = Array.isArray(params.rows) ? params.rows.filter(Array.isArray) : [];
  return rows.map((row: unknown[]) =>
    row.flatMap((item, index) => {
      if (!isCell(item)) return [];
      const header = textOrHtml(head[index]);
      const data = textOrHtml(item);
      const isRowHeader = index === 0 && Boolean(params.firstCellIsHeader);
      const cellRole = isRowHeader ? 'rowheader' : 'cell';
      return [
        cell(
          {
            text: data.text,
            html: data.html,
            visuallyHiddenText: data.visuallyHiddenText,
            format: orDefault(data.format, header.format),
            href: data.href,
            scope: isRowHeader ? 'row' : undefined,
            role: params.responsive ? cellRole : undefined,
            colspan: params.responsive ? undefined : data.colspan,
            rowspan: data.rowspan,
            align: orDefault(
              data.align,
              data.format === 'string' && header.format === 'numeric' ? 'right' : header.align,
            ),
            width: data.width,
            classes: data.classes,
            attributes:
              nhsukAttributes({ 'data-sort-value': optional(data.sortValue ? data.sortValue : false) }).toString() +
              nhsukAttributes(data.attributes).toString(),
            element: isRowHeader ? 'th' : 'td',
          },
          params.responsive
            ? { text: header.text, html: header.html, visuallyHiddenText: header.visuallyHiddenText }
            : undefined,
        ),
      ];
    }),
  );
}
