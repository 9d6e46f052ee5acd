import type { HelperOptions } from 'handlebars';

/**
 * `{{#let (expr) (expr) as |a b|}}…{{/let}}` names computed values for a block without changing
 * `this` (unlike `with`), standing in for Nunjucks' `{% set %}` in partials.
 */
export function letBlock(this: unknown, ...raw: unknown[]): string {
  const options = raw[raw.length - 1] as HelperOptions;
  return options.fn(this, { data: options.data, blockParams: raw.slice(0, -1) });
}
