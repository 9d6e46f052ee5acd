import { describe, expect, it } from 'vitest';
import { breadcrumbBackLink } from '../../../server/web/helpers/breadcrumb-back-link.ts';
import { render } from '../../support/nhsuk-fixtures.ts';

const items = [
  { href: '/', text: 'Home' },
  { href: '/cases', text: 'Cases', attributes: { lang: 'en' } },
];

describe('breadcrumbBackLink', () => {
  it('points at the last breadcrumb by default', () => {
    expect(breadcrumbBackLink({ items, variant: 'reverse' })).toMatchObject({
      href: '/cases',
      text: 'Cases',
      html: undefined,
      visuallyHiddenText: 'Back to',
      attributes: { lang: 'en' },
      variant: 'reverse',
    });
  });

  it('uses its own text and href when given', () => {
    expect(breadcrumbBackLink({ items, backLink: { text: 'Results', href: '/r' } })).toMatchObject({
      href: '/r',
      text: 'Results',
    });
  });

  it('uses the deprecated href and text options over the items', () => {
    expect(breadcrumbBackLink({ items, href: '/old', text: 'Old' })).toMatchObject({
      href: '/old',
      text: 'Old',
      attributes: undefined,
    });
  });

  it('renders as a back link from a template', async () => {
    const html = await render('{{> nhsuk/back-link (breadcrumbBackLink this)}}', { items });
    expect(html.replace(/\s+/g, ' ')).toContain('href="/cases" lang="en">');
  });
});
