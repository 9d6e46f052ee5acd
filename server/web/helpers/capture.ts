import Handlebars from 'handlebars';
import type { HelperOptions } from 'handlebars';

/**
 * `{{#capture}}markup{{else}}{{> nhsuk/card card description=(params html=@captured)}}{{/capture}}`:
 * renders its block, then its `else` part with that output as `@captured`, a SafeString. It is
 * Nunjucks' `{% set x %}…{% endset %}`, for handing markup the template drew (already escaped) to
 * a partial option that takes html.
 */
export function capture(this: unknown, options: HelperOptions): string {
  const data = Handlebars.createFrame(options.data ?? {}) as Record<string, unknown>;
  data.captured = new Handlebars.SafeString(options.fn(this));
  return options.inverse(this, { data });
}
