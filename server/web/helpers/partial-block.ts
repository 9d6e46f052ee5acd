import type { HelperOptions } from 'handlebars';

/**
 * `(hasPartialBlock)`: whether the partial was called as a block (`{{#> nhsuk/hint}}…{{/nhsuk/hint}}`),
 * the handlebars form of a Nunjucks macro's `caller`. Testing `@partial-block` with `#if` directly
 * would call it, rendering the block just to see whether it is empty.
 *
 * Handlebars hands a partial's block on to partials it calls without one of their own, so a
 * component that honours a block must only be called as a block, or from page-level markup.
 */
export const hasPartialBlock = (options: HelperOptions): boolean =>
  typeof (options.data as Record<string, unknown> | undefined)?.['partial-block'] === 'function';
