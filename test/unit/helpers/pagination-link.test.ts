import Handlebars from 'handlebars';
import { describe, expect, it } from 'vitest';
import { paginationLink } from '../../../server/web/helpers/pagination-link.ts';
import { render } from '../../support/nhsuk-fixtures.ts';

describe('paginationLink', () => {
  it('normalises a string label to text', () => {
    expect(paginationLink({ next: { href: '/2', label: 'Two' } }, 'next')).toEqual({
      href: '/2',
      label: { text: 'Two', html: undefined },
    });
  });

  it('treats a SafeString label as html', () => {
    const html = new Handlebars.SafeString('<b>Two</b>');
    expect(paginationLink({ previous: { href: '/1', label: html } }, 'previous').label).toEqual({ text: undefined, html });
  });

  it('supports the deprecated previousUrl and previousPage options', () => {
    expect(paginationLink({ previousUrl: '/1', previousPage: 'One' }, 'previous')).toEqual({
      href: '/1',
      labelText: 'One',
      label: { text: 'One', html: undefined },
    });
  });

  it('is an empty link when there is none', () => {
    expect(paginationLink({}, 'next')).toEqual({ label: { text: undefined, html: undefined } });
  });

  it('is usable from a template', async () => {
    const html = await render('{{#with (paginationLink this "next")}}{{href}} {{label.text}}{{/with}}', {
      next: { href: '/2', label: 'Two & three' },
    });
    expect(html).toBe('/2 Two &amp; three');
  });
});
