import { describe, expect, it } from 'vitest';
import { render } from '../../support/nhsuk-fixtures.ts';

describe('classNames helper', () => {
  it('joins the non-empty values with spaces', async () => {
    expect(await render('{{classNames "a" b c d "e"}}', { b: '', c: undefined, d: false })).toBe('a e');
  });

  it('escapes what it is given when output', async () => {
    expect(await render('<p class="{{classNames "a" extra}}">', { extra: '"><script>' })).toBe(
      '<p class="a &quot;&gt;&lt;script&gt;">',
    );
  });
});

describe('modifierClass helper', () => {
  it('gives the modifier for an allowed value', async () => {
    expect(await render('{{modifierClass "nhsuk-card" v "feature primary"}}', { v: 'primary' })).toBe(
      'nhsuk-card--primary',
    );
  });

  it('gives nothing for a value that is not allowed, or no value', async () => {
    expect(await render('[{{modifierClass "nhsuk-card" v "feature primary"}}]', { v: 'other' })).toBe('[]');
    expect(await render('[{{modifierClass "nhsuk-card" v "feature primary"}}]', {})).toBe('[]');
  });

  it('gives nothing when classes already set one of the modifiers', async () => {
    const source = '[{{modifierClass "nhsuk-card" "primary" "feature primary" classes}}]';
    expect(await render(source, { classes: 'x nhsuk-card--feature' })).toBe('[]');
    expect(await render(source, { classes: 'x' })).toBe('[nhsuk-card--primary]');
  });

  it('takes another separator for single-dash prefixes', async () => {
    expect(await render('{{modifierClass "nhsuk-heading" "s" "xs s m" separator="-"}}')).toBe('nhsuk-heading-s');
  });
});
