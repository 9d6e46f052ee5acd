import Handlebars from 'handlebars';
import { describe, expect, it } from 'vitest';
import { iconClassNames } from '../../../server/web/helpers/nhsuk-icon.ts';
import { normaliseHtml, render } from '../../support/nhsuk-fixtures.ts';

async function icon(source: string, context: unknown = {}): Promise<string> {
  return normaliseHtml(await render(source, context));
}

const SEARCH_PATH =
  '<path d="m20.7 18.9-4.1-4.1a7 7 0 1 0-1.4 1.4l4 4.1a1 1 0 0 0 1.5 0c.4-.4.4-1 0-1.4ZM6 10.6a5 5 0 1 1 10 0 5 5 0 0 1-10 0Z"/>';

describe('nhsukIcon helper', () => {
  it('renders a decorative icon hidden from assistive technology', async () => {
    expect(await icon('{{nhsukIcon "search"}}')).toBe(
      '<svg class="nhsuk-icon nhsuk-icon--search" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="16" height="16" focusable="false" aria-hidden="true">' +
        SEARCH_PATH +
        '</svg>',
    );
  });

  it('gives a titled icon an accessible name instead of hiding it', async () => {
    expect(await icon('{{nhsukIcon "search" (params title=title)}}', { title: 'Search <site>' })).toBe(
      '<svg class="nhsuk-icon nhsuk-icon--search" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="16" height="16" focusable="false" role="img" aria-label="Search &lt;site&gt;">' +
        '<title>Search &lt;site&gt;</title>' +
        SEARCH_PATH +
        '</svg>',
    );
  });

  it('accepts options as hash arguments, with classes, size and attributes', async () => {
    const html = await icon('{{nhsukIcon "tick" classes="app-tick" size=50 attributes=attrs}}', {
      attrs: { 'data-test': 'a"b' },
    });
    expect(html).toMatch(/^<svg class="nhsuk-icon nhsuk-icon--tick nhsuk-icon--size-50 app-tick" /);
    expect(html).toContain(' aria-hidden="true" data-test="a&quot;b">');
    expect(html).toContain('<path d="M11.4 17.5');
  });

  it('uses html in place of the built-in paths', async () => {
    const html = await icon('{{nhsukIcon "custom" (params html=markup)}}', {
      markup: new Handlebars.SafeString('  <circle r="4"/>  '),
    });
    expect(html).toMatch(/^<svg class="nhsuk-icon nhsuk-icon--custom" .*><circle r="4"\/><\/svg>$/);
  });

  it('renders an empty svg for an unknown icon name', async () => {
    expect(await icon('{{nhsukIcon "nope"}}')).toMatch(/^<svg [^>]*><\/svg>$/);
  });

  it('escapes the name in the class attribute', async () => {
    expect(await icon('{{nhsukIcon name}}', { name: 'x" onload="alert(1)' })).toContain(
      'class="nhsuk-icon nhsuk-icon--x&quot; onload=&quot;alert(1)"',
    );
  });
});

describe('iconClassNames', () => {
  it('adds a size modifier only for a supported size', () => {
    expect(iconClassNames('user', { size: 25 })).toBe('nhsuk-icon nhsuk-icon--user nhsuk-icon--size-25');
    expect(iconClassNames('user', { size: '100' })).toBe('nhsuk-icon nhsuk-icon--user nhsuk-icon--size-100');
    expect(iconClassNames('user', { size: 30 })).toBe('nhsuk-icon nhsuk-icon--user');
  });

  it('leaves sizing to classes that already set one', () => {
    expect(iconClassNames('user', { size: 25, classes: 'nhsuk-icon--size-75' })).toBe(
      'nhsuk-icon nhsuk-icon--user nhsuk-icon--size-75',
    );
  });
});
