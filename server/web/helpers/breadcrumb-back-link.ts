import { isOptionsObject, orDefault } from './nhsuk-options.ts';

/**
 * `{{> nhsuk/back-link (breadcrumbBackLink this)}}`: the back link a breadcrumb shows on small
 * screens, by default pointing at the last breadcrumb (or the deprecated `href`/`text` options),
 * as nhsuk-frontend's breadcrumb template builds it.
 */
export function breadcrumbBackLink(options: unknown): Record<string, unknown> {
  const params = isOptionsObject(options) ? options : {};
  const backLink = isOptionsObject(params.backLink) ? params.backLink : {};
  const items = Array.isArray(params.items) ? params.items : [];
  let lastItem: Record<string, unknown> = {};
  let lastHref: unknown;
  let lastText: unknown;
  if (params.text && params.href) {
    lastHref = params.href;
    lastText = params.text;
  } else {
    const last: unknown = items[items.length - 1];
    lastItem = isOptionsObject(last) ? last : {};
    lastHref = lastItem.href;
    lastText = lastItem.text;
  }
  const ownContent = Boolean(backLink.html || backLink.text);
  return {
    id: backLink.id,
    visuallyHiddenText: orDefault(backLink.visuallyHiddenText, 'Back to'),
    text: ownContent ? backLink.text : lastText,
    html: ownContent ? backLink.html : undefined,
    href: orDefault(backLink.href, lastHref),
    type: backLink.type,
    classes: backLink.classes,
    attributes: orDefault(backLink.attributes, lastItem.attributes),
    variant: orDefault(backLink.variant, params.variant),
    element: backLink.element,
  };
}
