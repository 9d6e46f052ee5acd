import Handlebars from 'handlebars';
import { describe, expect, it } from 'vitest';
import {
  contains,
  isHelperOptions,
  isMapping,
  isOptionsObject,
  nhsukActionItems,
  nhsukMappings,
  orDefault,
  textOrHtml,
} from '../../../server/web/helpers/nhsuk-options.ts';
import { render } from '../../support/nhsuk-fixtures.ts';

const helperOptions = { hash: {}, data: {}, name: 'textOrHtml', text: 'leak' };

describe('textOrHtml', () => {
  it('reads a string as text and a SafeString as html', () => {
    const html = new Handlebars.SafeString('<b>x</b>');
    expect(textOrHtml('Title')).toEqual({ text: 'Title', html: undefined });
    expect(textOrHtml(html)).toEqual({ text: undefined, html });
    expect(textOrHtml(undefined)).toEqual({ text: undefined, html: undefined });
  });

  it('returns an options object as it is, ignoring the fallback', () => {
    const heading = { text: 'Title', level: 3 };
    expect(textOrHtml(heading, { text: 'old' })).toBe(heading);
  });

  it('falls back to the deprecated flat options for what the value does not give', () => {
    const html = new Handlebars.SafeString('<b>x</b>');
    expect(textOrHtml(undefined, { text: 'Old title', level: 2 })).toEqual({ text: 'Old title', html: undefined, level: 2 });
    expect(textOrHtml('New', { text: 'Old', size: 'l' })).toEqual({ text: 'New', html: undefined, size: 'l' });
    expect(textOrHtml('Text', { html })).toEqual({ text: 'Text', html });
  });

  it('ignores the handlebars options object when called from a template without a fallback', () => {
    expect(textOrHtml(undefined, helperOptions)).toEqual({ text: undefined, html: undefined });
  });

  it('renders through handlebars, escaping text and not html', async () => {
    const source = '{{#with (textOrHtml v)}}{{#if html}}{{html}}{{else}}{{text}}{{/if}}{{/with}}';
    expect(await render(source, { v: '<i>' })).toBe('&lt;i&gt;');
    expect(await render(source, { v: new Handlebars.SafeString('<i>') })).toBe('<i>');
  });
});

describe('option shapes', () => {
  it('tell options objects from markup, lists and the handlebars options object', () => {
    const markup = new Handlebars.SafeString('x');
    expect(isOptionsObject({})).toBe(true);
    expect([[], null, 'x', markup, helperOptions].some(isOptionsObject)).toBe(false);
    // Nunjucks counts markup as a mapping, so `select("mapping")` keeps html items.
    expect(isMapping(markup)).toBe(true);
    expect(isMapping(helperOptions)).toBe(false);
    expect(isHelperOptions(helperOptions)).toBe(true);
  });
});

describe('orDefault and contains', () => {
  it('replace only an undefined value, as Nunjucks default does', () => {
    expect(orDefault(undefined, 'x')).toBe('x');
    expect(orDefault(null, 'x')).toBe(null);
    expect(orDefault('', 'x')).toBe('');
  });

  it('test a string option for a substring, and anything else as not containing it', () => {
    expect(contains('a nhsuk-tag--red', 'nhsuk-tag--red')).toBe(true);
    expect(contains(undefined, 'x')).toBe(false);
    expect(contains(['x'], 'x')).toBe(false);
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
