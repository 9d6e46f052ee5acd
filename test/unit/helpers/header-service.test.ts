import { describe, expect, it } from 'vitest';
import { headerService } from '../../../server/web/helpers/header-service.ts';
import { render } from '../../support/nhsuk-fixtures.ts';

describe('headerService', () => {
  it('combines logo and service name when only the service name links', () => {
    expect(headerService({ service: { text: 'Casebook', href: '/' } })).toMatchObject({
      href: '/',
      combined: true,
      ariaLabel: 'NHS Casebook homepage',
    });
  });

  it('combines them when both link to the same place', () => {
    expect(headerService({ logo: { href: '/' }, service: { text: 'Casebook', href: '/' } }).combined).toBe(true);
  });

  it('keeps them apart when they link to different places', () => {
    expect(headerService({ logo: { href: '/nhs' }, service: { text: 'Casebook', href: '/' } })).toMatchObject({
      href: '/nhs',
      combined: false,
      ariaLabel: 'NHS homepage',
    });
  });

  it('names the organisation in the logo link, or uses the given aria label', () => {
    const organisation = { name: 'Anytown', split: 'Anywhere' };
    expect(headerService({ logo: { href: '/' }, organisation }).ariaLabel).toBe('NHS Anytown Anywhere homepage');
    expect(headerService({ logo: { href: '/', ariaLabel: 'Home' }, organisation }).ariaLabel).toBe('Home');
  });

  it('is usable from a template', async () => {
    const html = await render('{{#with (headerService this)}}{{href}}|{{ariaLabel}}{{/with}}', {
      service: { text: 'A & B', href: '/' },
    });
    expect(html).toBe('/|NHS A &amp; B homepage');
  });
});
