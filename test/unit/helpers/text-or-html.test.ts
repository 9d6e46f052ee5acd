import Handlebars from 'handlebars';
import { describe, expect, it } from 'vitest';
import { isMapping, textOrHtml } from '../../../server/web/helpers/text-or-html.ts';
import { createRenderer } from '../../../server/web/view-engine.ts';

describe('textOrHtml', () => {
  it('keeps an options object', () => {
    const value = { text: 'a', classes: 'b' };
    expect(textOrHtml(value)).toBe(value);
  });

  it('treats a string as text and a SafeString as html', () => {
    const safe = new Handlebars.SafeString('<b>a</b>');
    expect(textOrHtml('a')).toEqual({ text: 'a', html: undefined });
    expect(textOrHtml(safe)).toEqual({ text: undefined, html: safe });
  });

  it('falls back to the deprecated options for a missing value', () => {
    expect(textOrHtml(undefined, 'old text', 'old html')).toEqual({ text: 'old text', html: 'old html' });
  });

  it('renders through handlebars, escaping text and not html', async () => {
    const hbs = await createRenderer();
    const template = hbs.compile('{{#with (textOrHtml v)}}{{#if html}}{{html}}{{else}}{{text}}{{/if}}{{/with}}');
    expect(template({ v: '<i>' })).toBe('&lt;i&gt;');
    expect(template({ v: new Handlebars.SafeString('<i>') })).toBe('<i>');
  });
});

describe('isMapping', () => {
  it('is true only for plain option objects', () => {
    expect(isMapping({})).toBe(true);
    expect(isMapping([])).toBe(false);
    expect(isMapping(null)).toBe(false);
    expect(isMapping(new Handlebars.SafeString('x'))).toBe(false);
  });
});
