import { isMapping } from './text-or-html.ts';

const orUndefined = <T>(value: T | undefined, otherwise: T): T => (value === undefined ? otherwise : value);

/**
 * `{{> nhsuk/back-link (breadcrumbBackLink this)}}`: the back link a breadcrumb shows on small
 * screens, by default pointing at the last breadcrumb (or the deprecated `href`/`text` options),
 * as nhsuk-frontend's breadcrumb template builds it.
 */
export function breadcrumbBackLink(options: unknown): Record<string, unknown> {
  const params = isMapping(options) ? options : {};
  const backLink = isMapping(params.backLink) ? params.backLink : {};
  const items = Array.isArray(params.items) ? params.items : [];
  let lastItem: Record<string, unknown> = {};
  let lastHref: unknown;
  let lastText: unknown;
  if (params.text && params.href) {
    lastHref = params.href;
    lastText = params.text;
  } else {
    const last: unknown = items[items.length - 1];
    lastItem = isMapping(last) ? last : {};
    lastHref = lastItem.href;
    lastText = lastItem.text;
  }
  const ownContent = Boolean(backLink.html || backLink.text);
  return {
    id: backLink.id,
    visuallyHiddenText: orUndefined(backLink.visuallyHiddenText, 'Back to'),
    text: ownContent ? backLink.text : lastText,
    html: ownContent ? backLink.html : undefined,
    href: orUndefined(backLink.href, lastHref),
    type: backLink.type,
    classes: backLink.classes,
    attributes: orUndefined(backLink.attributes, lastItem.attributes),
    variant: orUndefined(backLink.variant, params.variant),
    element: backLink.element,
  };
}
