import Handlebars from 'handlebars';
import { nhsukAttributes } from './nhsuk-attributes.ts';
import { contains, isOptionsObject } from './nhsuk-options.ts';
import { renderIcon } from './nhsuk-icon.ts';

/**
 * The button macro: which element (a link styled as a button, a `<button>` or an `<input>`), its
 * attributes in the macro's order, and the icon and where it goes. For `{{#with (nhsukButtonModel this)}}`.
 */

type Options = Record<string, unknown>;

const VARIANTS = ['brand', 'login', 'reverse', 'secondary', 'secondary-solid', 'warning'];

export function nhsukButtonModel(params: Options): Options {
  const { classes, variant } = params;
  let classNames = 'nhsuk-button';
  if (
    variant &&
    VARIANTS.includes(String(variant)) &&
    !VARIANTS.some((v) => contains(classes, `nhsuk-button--${v}`))
  ) {
    classNames += ` nhsuk-button--${String(variant)}`;
  }
  if (params.icon && !contains(classes, 'nhsuk-button--icon')) classNames += ' nhsuk-button--icon';
  if (params.small && !contains(classes, 'nhsuk-button--small')) classNames += ' nhsuk-button--small';
  if (classes) classNames += ` ${String(classes)}`;

  let element: string;
  if (params.element) element = String(params.element).toLowerCase();
  else element = params.href && !params.type ? 'a' : 'button';
  const isControl = element === 'button' || element === 'input';

  const icon: Options =
    typeof params.icon === 'string' ? { name: params.icon, placement: 'start' } : isOptionsObject(params.icon) ? params.icon : {};
  const iconHtml = icon.html ? icon.html : icon.name ? renderIcon(String(icon.name)) : undefined;

  const optional = (value: unknown) => ({ value, optional: true });
  let attributes = nhsukAttributes({
    class: classNames,
    id: optional(params.id),
    name: optional(isControl ? params.name : false),
    'data-module': 'nhsuk-button',
    'data-prevent-double-click': optional(
      typeof params.preventDoubleClick === 'boolean' ? String(params.preventDoubleClick) : false,
    ),
  }).toString();
  if (isControl) {
    attributes += nhsukAttributes({
      type: params.type === undefined || params.type === null ? 'submit' : params.type,
      value: optional(element === 'input' ? params.text : params.value),
      disabled: optional(params.disabled),
      'aria-label': optional(params.ariaLabel),
      'aria-disabled': optional(params.disabled ? 'true' : false),
    }).toString();
  } else if (element === 'a') {
    attributes += nhsukAttributes({
      href: params.href === undefined || params.href === null ? '#' : params.href,
      role: 'button',
      draggable: 'false',
      'aria-label': optional(params.ariaLabel),
    }).toString();
  }
  attributes += nhsukAttributes(params.attributes).toString();

  const content = params.html ? params.html : params.text;
  return {
    // Only these three are drawn, as in the macro; any other element renders nothing.
    isLink: element === 'a',
    isButton: element === 'button',
    isInput: element === 'input',
    attributes: new Handlebars.SafeString(attributes),
    icon: iconHtml,
    iconAtStart: Boolean(iconHtml && icon.placement === 'start'),
    iconAtEnd: Boolean(iconHtml && icon.placement === 'end'),
    content,
    wrapContent: Boolean(content && iconHtml),
  };
}
