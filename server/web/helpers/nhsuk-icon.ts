import Handlebars from 'handlebars';
import { nhsukAttributes } from './nhsuk-attributes.ts';
import { isHelperOptions } from './nhsuk-options.ts';

export type IconParams = {
  title?: unknown;
  classes?: unknown;
  size?: unknown;
  attributes?: unknown;
  html?: unknown;
};

// Copied from nhsuk-frontend's macros/icon.njk so the markup stays identical to the Nunjucks macro.
const ICON_PATHS: Record<string, string> = {
  'arrow-left': '<path d="M10.7 6.3c.4.4.4 1 0 1.4L7.4 11H19a1 1 0 0 1 0 2H7.4l3.3 3.3c.4.4.4 1 0 1.4a1 1 0 0 1-1.4 0l-5-5A1 1 0 0 1 4 12c0-.3.1-.5.3-.7l5-5a1 1 0 0 1 1.4 0Z"/>',
  'arrow-right': '<path d="m14.7 6.3 5 5c.2.2.3.4.3.7 0 .3-.1.5-.3.7l-5 5a1 1 0 0 1-1.4-1.4l3.3-3.3H5a1 1 0 0 1 0-2h11.6l-3.3-3.3a1 1 0 1 1 1.4-1.4Z"/>',
  'arrow-up': '<path d="M6.3 9.3l5-5c.2-.2.4-.3.7-.3.3 0 .5.1.7.3l5 5a1 1 0 0 1-1.4 1.4l-3.3-3.3L13 19a1 1 0 0 1-2 0L11 7.4l-3.3 3.3a1 1 0 1 1-1.4-1.4Z"/>',
  'arrow-down': '<path d="M17.7 14.7l-5 5c-.2.2-.4.3-.7.3-.3 0-.5-.1-.7-.3l-5-5a1 1 0 0 1 1.4-1.4l3.3 3.3L11 5a1 1 0 0 1 2 0L13 16.6l3.3-3.3a1 1 0 1 1 1.4 1.4Z"/>',
  'arrow-up-down': [
    '<path d="M1.5 9.3l5-5c.2-.2.4-.3.7-.3.3 0 .5.1.7.3l5 5a1 1 0 0 1-1.4 1.4l-3.3-3.3L8.2 19a1 1 0 0 1-2 0L6.2 7.4l-3.3 3.3a1 1 0 1 1-1.4-1.4Z"/>',
    '<path d="M22.5 14.7l-5 5c-.2.2-.4.3-.7.3-.3 0-.5-.1-.7-.3l-5-5a1 1 0 0 1 1.4-1.4l3.3 3.3L15.8 5a1 1 0 0 1 2 0L17.8 16.6l3.3-3.3a1 1 0 1 1 1.4 1.4Z"/>',
  ].join('\n'),
  'arrow-right-circle': '<path d="M12 2a10 10 0 0 0-10 9h11.7l-4-4a1 1 0 0 1 1.5-1.4l5.6 5.7a1 1 0 0 1 0 1.4l-5.6 5.7a1 1 0 0 1-1.5 0 1 1 0 0 1 0-1.4l4-4H2A10 10 0 1 0 12 2z"/>',
  'arrow-left-circle': '<path d="M12 22a10 10 0 0 0 10-9L10.3 13l4 4a1 1 0 0 1-1.5 1.4l-5.6-5.7a1 1 0 0 1 0-1.4l5.6-5.7a1 1 0 0 1 1.5 0 1 1 0 0 1 0 1.4l-4 4L22 11A10 10 0 1 0 12 22z"/>',
  'arrow-up-circle': '<path d="M2 12a10 10 0 0 0 9 10L11 10.3l-4 4a1 1 0 0 1-1.4-1.5l5.7-5.6a1 1 0 0 1 1.4 0l5.7 5.6a1 1 0 0 1 0 1.5 1 1 0 0 1-1.4 0l-4-4L13 22A10 10 0 1 0 2 12z"/>',
  'arrow-down-circle': '<path d="M22 12a10 10 0 0 0-9-10L13 13.7l4-4a1 1 0 0 1 1.4 1.5l-5.7 5.6a1 1 0 0 1-1.4 0l-5.7-5.6a1 1 0 0 1 0-1.5 1 1 0 0 1 1.4 0l4 4L11 2A10 10 0 1 0 22 12z"/>',
  'chevron-right-circle': '<path d="M12 2a10 10 0 1 1 0 20 10 10 0 0 1 0-20Zm-.3 5.8a1 1 0 1 0-1.5 1.4l2.9 2.8-2.9 2.8a1 1 0 0 0 1.5 1.4l3.5-3.5c.4-.4.4-1 0-1.4Z"/>',
  'chevron-left-circle': '<path d="M12 22a10 10 0 1 1 0-20 10 10 0 0 1 0 20Zm.3-5.8a1 1 0 1 0 1.5-1.4l-2.9-2.8 2.9-2.8a1 1 0 0 0-1.5-1.4l-3.5 3.5c-.4.4-.4 1 0 1.4Z"/>',
  'chevron-up-circle': '<path d="M2 12a10 10 0 1 1 20 0 10 10 0 0 1-20 0Zm5.8.3a1 1 0 1 0 1.4 1.5l2.8-2.9 2.8 2.9a1 1 0 0 0 1.4-1.5l-3.5-3.5c-.4-.4-1-.4-1.4 0Z"/>',
  'chevron-down-circle': '<path d="M22 12a10 10 0 1 1-20 0 10 10 0 0 1 20 0Zm-5.8-.3a1 1 0 1 0-1.4-1.5l-2.8 2.9-2.8-2.9a1 1 0 0 0-1.4 1.5l3.5 3.5c.4.4 1 .4 1.4 0Z"/>',
  'cross': '<path d="M17 18.5c-.4 0-.8-.1-1.1-.4l-10-10c-.6-.6-.6-1.6 0-2.1.6-.6 1.5-.6 2.1 0l10 10c.6.6.6 1.5 0 2.1-.3.3-.6.4-1 .4z M7 18.5c-.4 0-.8-.1-1.1-.4-.6-.6-.6-1.5 0-2.1l10-10c.6-.6 1.5-.6 2.1 0 .6.6.6 1.5 0 2.1l-10 10c-.3.3-.6.4-1 .4z"/>',
  'tick': '<path d="M11.4 17.5a2 2 0 0 1-2.7.1h-.1L4 12.8a1.5 1.5 0 0 1 2.1-2L10 14.7l8.1-8.1a1.5 1.5 0 1 1 2.2 2l-8.9 9Z"/>',
  'minus': '<path d="M5.5 10.5a1.5 1.5 0 0 0 0 3h13a1.5 1.5 0 0 0 0-3h-13Z"/>',
  'plus': '<path d="M13.5 5.5a1.5 1.5 0 0 0-3 0v5h-5a1.5 1.5 0 0 0 0 3h5v5a1.5 1.5 0 0 0 3 0v-5h5a1.5 1.5 0 0 0 0-3h-5v-5Z"/>',
  'search': '<path d="m20.7 18.9-4.1-4.1a7 7 0 1 0-1.4 1.4l4 4.1a1 1 0 0 0 1.5 0c.4-.4.4-1 0-1.4ZM6 10.6a5 5 0 1 1 10 0 5 5 0 0 1-10 0Z"/>',
  'user': '<path d="M12 1a11 11 0 1 1 0 22 11 11 0 0 1 0-22Zm0 2a9 9 0 0 0-5 16.5V18a4 4 0 0 1 4-4h2a4 4 0 0 1 4 4v1.5A9 9 0 0 0 12 3Zm0 3a3.5 3.5 0 1 1-3.5 3.5A3.4 3.4 0 0 1 12 6Z"/>',
};

const SIZES = ['25', '50', '75', '100'];

/** The icon's class list: a size modifier is only added when `classes` does not already set one. */
export function iconClassNames(name: string, params: IconParams = {}): string {
  let classNames = `nhsuk-icon nhsuk-icon--${name}`;
  const classes = params.classes ? String(params.classes) : '';
  const size = params.size === undefined || params.size === null ? '' : String(params.size);
  if (params.size && SIZES.includes(size) && !SIZES.some((s) => classes.includes(`nhsuk-icon--size-${s}`))) {
    classNames += ` nhsuk-icon--size-${size}`;
  }
  if (classes) classNames += ` ${classes}`;
  return classNames;
}

/**
 * The design system's `nhsukIcon(name, params)` macro as a function: an inline SVG, decorative
 * (aria-hidden) unless given a `title`, which becomes its accessible name.
 */
export function renderIcon(name: string, params: IconParams = {}): Handlebars.SafeString {
  const title = params.title ? params.title : false;
  const svgAttributes = nhsukAttributes({
    class: iconClassNames(name, params),
    xmlns: 'http://www.w3.org/2000/svg',
    viewBox: '0 0 24 24',
    width: '16',
    height: '16',
    focusable: 'false',
    role: { value: title ? 'img' : false, optional: true },
    'aria-label': { value: title, optional: true },
    'aria-hidden': { value: title ? false : 'true', optional: true },
  });
  let inner = '';
  if (title) inner += `\n  <title>${Handlebars.escapeExpression(String(title))}</title>`;
  if (params.html) {
    // `html` is markup by contract (a SafeString from the caller), as with the macro's `| safe`.
    inner += `\n  ${String(params.html).trim()}`;
  } else if (Object.hasOwn(ICON_PATHS, name)) {
    inner += `\n  ${ICON_PATHS[name]}`;
  }
  return new Handlebars.SafeString(`<svg${svgAttributes}${nhsukAttributes(params.attributes)}>${inner}\n</svg>`);
}

/**
 * `{{nhsukIcon "search"}}`, `{{nhsukIcon "search" (params title="Search")}}` or
 * `{{nhsukIcon "search" title="Search" size=50}}`: hash options override the params object.
 */
export function nhsukIcon(name: unknown, ...rest: unknown[]): Handlebars.SafeString {
  const options = rest.find(isHelperOptions);
  const given = rest.find((v) => v !== options && typeof v === 'object' && v !== null) as IconParams | undefined;
  return renderIcon(String(name ?? ''), { ...given, ...options?.hash });
}
