import Handlebars from 'handlebars';
import { describe, expect, it } from 'vitest';
import { cardLayout } from '../../../server/web/helpers/card-layout.ts';
import { render } from '../../support/nhsuk-fixtures.ts';

describe('cardLayout', () => {
  it('adds variant classes unless classes already set one', () => {
    expect(cardLayout({ variant: 'secondary' }).cardClasses).toBe('nhsuk-card nhsuk-card--secondary');
    expect(cardLayout({ variant: 'secondary', classes: 'nhsuk-card--feature' }).cardClasses).toBe(
      'nhsuk-card nhsuk-card--feature',
    );
    expect(cardLayout({ clickable: true, variant: 'primary' })).toMatchObject({
      cardClasses: 'nhsuk-card nhsuk-card--clickable nhsuk-card--primary',
      chevron: true,
    });
  });

  it('makes a care card only when it has a heading, with default hidden text', () => {
    expect(cardLayout({ variant: 'urgent' }).isCareCard).toBe(false);
    const layout = cardLayout({ variant: 'urgent', heading: 'See a GP' });
    expect(layout.cardClasses).toBe('nhsuk-card nhsuk-card--care nhsuk-card--care--urgent');
    expect(layout.heading).toMatchObject({ text: 'See a GP', visuallyHiddenText: 'Urgent advice', element: 'h2' });
  });

  it('sizes the heading and links it to the card href, except on feature cards', () => {
    expect(cardLayout({ href: '/', heading: { text: 'A', size: 'm', level: 3 } }).heading).toMatchObject({
      element: 'h3',
      headingClasses: 'nhsuk-card__heading nhsuk-heading-m',
      linked: true,
    });
    expect(cardLayout({ href: '/', variant: 'feature', heading: 'A' }).heading?.linked).toBe(false);
  });

  it('supports the deprecated heading and image options', () => {
    expect(cardLayout({ heading: 'A', headingLevel: 4, headingClasses: 'x' }).heading).toMatchObject({
      element: 'h4',
      headingClasses: 'nhsuk-card__heading x',
    });
    expect(cardLayout({ imgURL: '/a.png', imgALT: 'A' }).image).toEqual({ src: '/a.png', alt: 'A' });
  });

  it('takes actions as a list or as items, dropping empty ones', () => {
    const action = { text: 'Delete', href: '/d' };
    expect(cardLayout({ actions: [action, false] }).actions).toEqual([action]);
    expect(cardLayout({ actions: { items: [action], classes: 'x' } })).toMatchObject({
      actions: [action],
      actionsClasses: 'x',
    });
  });

  it('names the card heading, text or html, for its actions', () => {
    const html = new Handlebars.SafeString('<b>A</b>');
    expect(cardLayout({ heading: 'A' }).actionHeading).toBe('A');
    expect(cardLayout({ heading: { html } }).actionHeading).toBe(html);
  });

  it('is usable from a template', async () => {
    expect(await render('{{#with (cardLayout this)}}{{cardClasses}}{{/with}}', { variant: 'warning' })).toBe(
      'nhsuk-card nhsuk-card--warning',
    );
  });
});
