import { describe, expect, it } from 'vitest';
import { footerNavigation } from '../../../server/web/helpers/footer-navigation.ts';
import { render } from '../../support/nhsuk-fixtures.ts';

const group = (n: number) => ({ items: [{ href: `/${n}`, text: `${n}` }] });

describe('footerNavigation', () => {
  it('lays groups out four to a row by default, a quarter wide', () => {
    const rows = footerNavigation([1, 2, 3, 4, 5].map(group), undefined);
    expect(rows.map((row) => row.length)).toEqual([4, 1]);
    expect(rows[0]![0]!.width).toBe('one-quarter');
  });

  it('uses the column count for the row length and width, unless a group sets its width', () => {
    const rows = footerNavigation([group(1), { ...group(2), width: 'full' }, group(3)], 2);
    expect(rows.map((row) => row.map((g) => g.width))).toEqual([['one-half', 'full'], ['one-half']]);
  });

  it('accepts a single group and normalises headings, including the deprecated title', () => {
    expect(footerNavigation({ ...group(1), heading: 'Legal' }, 1)[0]![0]!.heading).toEqual({
      text: 'Legal',
      html: undefined,
    });
    expect(footerNavigation({ ...group(1), title: 'Old' }, 1)[0]![0]!.heading).toMatchObject({ text: 'Old' });
    expect(footerNavigation(group(1), 1)[0]![0]!.heading).toBeUndefined();
  });

  it('is empty without navigation', () => {
    expect(footerNavigation(undefined, 4)).toEqual([]);
  });

  it('is usable from a template', async () => {
    const html = await render('{{#each (footerNavigation nav 3)}}[{{#each this}}{{width}} {{/each}}]{{/each}}', {
      nav: [group(1), group(2)],
    });
    expect(html).toBe('[one-third one-third ]');
  });
});
