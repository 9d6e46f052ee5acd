import { describe, expect, it } from 'vitest';
import { render } from '../../support/nhsuk-fixtures.ts';

describe('let helper', () => {
  it('names computed values for its block without changing this', async () => {
    const html = await render('{{#let (concat a "!") (or missing "fallback") as |loud other|}}{{a}} {{loud}} {{other}}{{/let}}', { a: 'hi' });
    expect(html).toBe('hi hi! fallback');
  });

  it('escapes its values like any other expression', async () => {
    expect(await render('{{#let a as |x|}}{{x}}{{/let}}', { a: '<b>' })).toBe('&lt;b&gt;');
  });
});
