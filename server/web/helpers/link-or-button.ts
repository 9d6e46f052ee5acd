/**
 * `(linkOrButton element href type)`: the element nhsuk-frontend's back link and action link
 * render as. An explicit `element` wins; otherwise a link when there is an `href` and no `type`,
 * else a button. An `element` that is not a plain tag name becomes a button, since it is written
 * into the markup as a tag name, where escaping would not make it safe.
 */
export function linkOrButton(element: unknown, href: unknown, type: unknown): string {
  if (typeof element === 'string' && element) {
    const name = element.toLowerCase();
    return /^[a-z][a-z0-9-]*$/.test(name) ? name : 'button';
  }
  return href && !type ? 'a' : 'button';
}
