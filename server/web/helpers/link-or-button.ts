// Element names are written into the markup as tag names, where escaping would not make them safe.
const TAG_NAME = /^[a-z][a-z0-9-]*$/;

/** `value` as a lower-case tag name, or `fallback` when it is not a plain tag name. */
export function tagName(value: unknown, fallback: string): string {
  const name = typeof value === 'string' ? value.toLowerCase() : '';
  return TAG_NAME.test(name) ? name : fallback;
}

/**
 * `(linkOrButton element href type)`: the element nhsuk-frontend's back link and action link
 * render as. An explicit `element` wins (a button when it is not a plain tag name); otherwise a
 * link when there is an `href` and no `type`, else a button.
 */
export function linkOrButton(element: unknown, href: unknown, type: unknown): string {
  if (typeof element === 'string' && element) return tagName(element, 'button');
  return href && !type ? 'a' : 'button';
}
