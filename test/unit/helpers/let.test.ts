import { describe, expect, it } from 'vitest';
import { createRenderer } from '../../../server/web/view-engine.ts';

describe('let helper', () => {
  it('names computed values for its block without changing this', async () => {
    const hbs = await createRenderer();
    const html = hbs.compile('{{#let (concat a "!") (or missing "fallback") as |loud other|}}{{a}} {{loud}} {{other}}{{/let}}')({ a: 'hi' });
    expect(html).toBe('hi hi! fallback');
  });

  it('escapes its values like any other expression', async () => {
    const hbs = await createRenderer();
    expect(hbs.compile('{{#let a as |x|}}{{x}}{{/let}}')({ a: '<b>' })).toBe('&lt;b&gt;');
  });
});
