import { describe, expect, it } from 'vitest';
import { tagName } from '../../../server/web/helpers/link-or-button.ts';
import { render } from '../../support/nhsuk-fixtures.ts';

const element = (context: unknown): Promise<string> => render('{{linkOrButton element href type}}', context);

describe('linkOrButton helper', () => {
  it('is a link when there is an href and no type', async () => {
    expect(await element({ href: '/' })).toBe('a');
  });

  it('is a button with a type or without an href', async () => {
    expect(await element({ href: '/', type: 'submit' })).toBe('button');
    expect(await element({})).toBe('button');
  });

  it('uses an explicit element, lower-cased', async () => {
    expect(await element({ element: 'INPUT', href: '/' })).toBe('input');
  });

  it('refuses an element that is not a tag name', async () => {
    expect(await element({ element: 'a onclick=x' })).toBe('button');
  });
});

describe('tagName', () => {
  it('lower-cases a plain tag name and replaces anything else with the fallback', () => {
    expect(tagName('H2', 'h1')).toBe('h2');
    expect(tagName('my-element', 'span')).toBe('my-element');
    expect(tagName('p onclick=x', 'span')).toBe('span');
    expect(tagName(undefined, 'span')).toBe('span');
  });
});
