import Handlebars from 'handlebars';
import { describe, expect, it } from 'vitest';
import {
  nhsukTableAttributes,
  nhsukTableBodyRows,
  nhsukTableCaption,
  nhsukTableCaptionId,
  nhsukTableCard,
  nhsukTableClasses,
  nhsukTableHeadCells,
} from '../../../server/web/helpers/nhsuk-table.ts';

describe('table classes and attributes', () => {
  it('mark a table sortable when a head cell sorts, with the client-side script unless sorting links to the server', () => {
    const head = [{ text: 'Name', sort: true }, 'Age'];
    expect(nhsukTableClasses({ head })).toBe('nhsuk-table nhsuk-table--sortable');
    expect(nhsukTableAttributes({ head }).toString()).toBe(' class="nhsuk-table nhsuk-table--sortable" data-module="nhsuk-table"');
    const serverHead = [{ text: 'Name', sort: 'ascending', href: '?sort=name' }];
    expect(nhsukTableAttributes({ head: serverHead }).toString()).toBe(' class="nhsuk-table nhsuk-table--sortable"');
  });

  it('escapes the translated messages and other attribute values', () => {
    expect(nhsukTableAttributes({ id: 'a"b', responsive: true, ascendingText: '<up>' }).toString()).toBe(
      ' class="nhsuk-table nhsuk-table--responsive" id="a&quot;b" data-i18n.ascending="&lt;up&gt;" role="table"',
    );
  });
});

describe('table caption', () => {
  it('derives an id for the scroll region from the caption text', () => {
    expect(nhsukTableCaptionId({ scroll: true, caption: 'Skin symptoms and possible causes' })).toBe(
      'table-skin-symptoms-and-possible-causes-caption',
    );
    expect(nhsukTableCaptionId({ scroll: true, id: 'skin', caption: 'x' })).toBe('skin-caption');
    expect(nhsukTableCaptionId({ caption: 'x' })).toBeUndefined();
  });

  it('tells screen readers when column headers sort', () => {
    expect(nhsukTableCaption({ caption: 'People', head: [{ text: 'Name', sort: true }] })).toMatchObject({
      text: 'People',
      visuallyHiddenText: '(Column headers are sortable)',
      element: 'caption',
      className: 'nhsuk-table__caption',
    });
    expect(nhsukTableCaption({})).toBeUndefined();
  });
});

describe('table cells', () => {
  it('read strings as text and SafeStrings as html, leaving out other values', () => {
    const link = new Handlebars.SafeString('<a href="/x">x</a>');
    const row = nhsukTableBodyRows({ rows: [['a', link, 3, null]] })[0] ?? [];
    expect(row.map((c) => [c.element, c.text, c.html])).toEqual([
      ['td', 'a', undefined],
      ['td', undefined, link],
    ]);
  });

  it('take format and alignment from their column head', () => {
    const cell = nhsukTableBodyRows({ head: [{ text: 'Count', format: 'numeric' }], rows: [[{ text: '12' }]] })[0]?.[0];
    expect(cell?.attributes.toString()).toBe(' class="nhsuk-table__cell nhsuk-table__cell--numeric"');
  });

  it('make the first cell a row header and label responsive cells with their column', () => {
    const [first, second] =
      nhsukTableBodyRows({ head: ['Day', 'Hours'], firstCellIsHeader: true, responsive: true, rows: [['Mon', '9 to 5']] })[0] ?? [];
    expect(first?.element).toBe('th');
    expect(first?.attributes.toString()).toBe(' class="nhsuk-table__header" scope="row" role="rowheader"');
    expect(second?.responsiveHeading).toEqual({ text: 'Hours', html: undefined, visuallyHiddenText: undefined });
  });

  it('give sortable head cells their sort attributes', () => {
    const [name, age] = nhsukTableHeadCells({ head: [{ text: 'Name', sort: 'ascending' }, { text: 'Age', sort: true, sortNext: 'descending' }] });
    expect(name?.attributes.toString()).toBe(' class="nhsuk-table__header" scope="col" data-sort aria-sort="ascending"');
    expect(age?.attributes.toString()).toBe(' class="nhsuk-table__header" scope="col" data-sort data-sort-next="descending"');
  });
});

describe('nhsukTableCard', () => {
  it('builds card options from card, or from the deprecated panel options', () => {
    expect(nhsukTableCard({})).toBeUndefined();
    expect(nhsukTableCard({ panel: true, heading: 'Opening times', headingLevel: 3 })).toEqual({
      id: undefined,
      heading: { text: 'Opening times', html: undefined, level: 3 },
      href: undefined,
      actions: undefined,
      classes: undefined,
      attributes: undefined,
      variant: 'feature',
    });
  });
});
