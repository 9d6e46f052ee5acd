import Handlebars from 'handlebars';
import { describe, expect, it } from 'vitest';
import { nhsukActionItems, nhsukMappings, nhsukTextOption } from '../../../server/web/helpers/nhsuk-options.ts';

describe('nhsukTextOption', () => {
  it('reads a string as text and a SafeString as html', () => {
    const html = new Handlebars.SafeString('<b>x</b>');
    expect(nhsukTextOption('Title')).toEqual({ text: 'Title', html: undefined });
    expect(nhsukTextOption(html)).toEqual({ text: undefined, html });
  });

  it('returns an options object as it is, ignoring the fallback', () => {
    const heading = { text: 'Title', level: 3 };
    expect(nhsukTextOption(heading, { text: 'old' })).toBe(heading);
  });

  it('falls back to the deprecated flat options when the value is missing', () => {
    expect(nhsukTextOption(undefined, { text: 'Old title', level: 2 })).toEqual({ text: 'Old title', html: undefined, level: 2 });
    expect(nhsukTextOption('New', { text: 'Old', size: 'l' })).toEqual({ text: 'New', html: undefined, size: 'l' });
  });

  it('ignores the handlebars options object when called without a fallback', () => {
    const options = { hash: {}, data: {}, name: 'nhsukTextOption', text: 'leak' };
    expect(nhsukTextOption(undefined, options)).toEqual({ text: undefined, html: undefined });
  });
});

describe('nhsukMappings and nhsukActionItems', () => {
  it('keep only the object items of a list', () => {
    expect(nhsukMappings([{ a: 1 }, 'x', null, [1], { b: 2 }])).toEqual([{ a: 1 }, { b: 2 }]);
    expect(nhsukMappings('not a list')).toEqual([]);
  });

  it('read actions as a list or as { items }', () => {
    const change = { text: 'Change', href: '#' };
    expect(nhsukActionItems([change, null])).toEqual([change]);
    expect(nhsukActionItems({ items: [change, ''], classes: 'x' })).toEqual([change]);
    expect(nhsukActionItems(undefined)).toEqual([]);
  });
});
