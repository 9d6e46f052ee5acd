import Handlebars from 'handlebars';
import { nhsukAttributes } from './nhsuk-attributes.ts';
import { tagName } from './link-or-button.ts';
import { contains, isOptionsObject, orDefault, textOrHtml } from './nhsuk-options.ts';

/**
 * The option arithmetic of nhsuk-frontend's heading, caption, label and legend macros, which the
 * label and fieldset partials share (through the private `_heading`, `_caption` and `_legend`
 * partials). Each returns plain values for the partial to escape when it prints them.
 */

type Options = Record<string, unknown>;

const isSafe = (v: unknown): v is Handlebars.SafeString => v instanceof Handlebars.SafeString;

const HEADING_SIZES = ['xxs', 'xs', 's', 'm', 'l', 'xl'];
const CAPTION_SIZES = ['m', 'l', 'xl', 'xxl'];

/** The caption macro: its element and class list. */
export function nhsukCaptionModel(params: Options): Options {
  const { size, placement, classes } = params;
  let classNames = 'nhsuk-caption';
  if (
    size &&
    CAPTION_SIZES.includes(String(size)) &&
    !CAPTION_SIZES.some((s) => contains(classes, `nhsuk-caption-${s}`))
  ) {
    classNames = `nhsuk-caption-${String(size)}`;
  }
  if (placement === 'after' || placement === 'end') classNames += ' nhsuk-caption--bottom';
  if (classes) classNames += ` ${String(classes)}`;
  return { ...params, element: tagName(orDefault(params.element, 'span'), 'span'), classAttr: classNames };
}

/** The heading macro (also the inside of labels and legends): element, class list and caption. */
export function nhsukHeadingModel(params: Options): Options {
  const className = String(orDefault(params.className, 'nhsuk-heading'));
  const classPrefix = String(orDefault(params.classPrefix, `${className}-`));
  const sizes = Array.isArray(params.sizes) ? params.sizes.map(String) : HEADING_SIZES;
  const { classes } = params;
  let classNames = className;
  let size: string | undefined;
  if (
    params.size &&
    sizes.includes(String(params.size)) &&
    !HEADING_SIZES.some((s) => contains(classes, `${classPrefix}${s}`))
  ) {
    size = String(params.size);
    // A prefix like `nhsuk-heading-` names whole classes; one like `nhsuk-label--` names modifiers.
    classNames = classPrefix.split(className).join('') === '-' ? classPrefix + size : `${classNames} ${classPrefix}${size}`;
  }
  if (classes) classNames += ` ${String(classes)}`;

  const headingCaption = textOrHtml(params.caption);
  const caption = {
    id: headingCaption.id,
    element: headingCaption.element,
    text: headingCaption.text,
    html: headingCaption.html,
    placement: headingCaption.placement,
    size: orDefault(headingCaption.size, size),
    classes: headingCaption.classes,
    attributes: headingCaption.attributes,
  };
  const hasCaption = Boolean(caption.text || caption.html);
  const level: unknown = params.level || '1';
  return {
    ...params,
    element: tagName(orDefault(params.element, `h${String(level)}`), 'h1'),
    classAttr: classNames,
    caption,
    captionAtStart: caption.placement === 'start' || (hasCaption && !caption.placement),
    content: params.html ? params.html : params.text,
  };
}

/**
 * Labels and legends take a `heading` option (text, html or an object) and `isPageHeading`; this is
 * the shared reading of them: whether there is a heading, and the text, caption and size to use.
 */
function headed(params: Options, captionPlacement: (placement: unknown) => unknown) {
  let heading: unknown = params.heading;
  if (heading && (typeof heading === 'string' || isSafe(heading))) heading = textOrHtml(heading);
  const h: Options = isOptionsObject(heading) ? heading : {};
  const hasHeading = Boolean((params.isPageHeading && heading !== false) || (params.isPageHeading !== false && heading));

  const headingCaption = textOrHtml(hasHeading ? orDefault(h.caption, params.caption) : params.caption);
  const size = hasHeading ? orDefault(h.size, params.size) : params.size;
  const caption = {
    id: headingCaption.id,
    text: headingCaption.text,
    html: headingCaption.html,
    placement: captionPlacement(headingCaption.placement),
    size: orDefault(headingCaption.size, size),
    classes: headingCaption.classes,
    attributes: headingCaption.attributes,
    element: headingCaption.element,
  };
  const inHeading = !caption.placement || caption.placement === 'start' || caption.placement === 'end';
  return {
    heading: h,
    hasHeading,
    size,
    caption,
    innerCaption: inHeading ? caption : undefined,
    text: hasHeading ? orDefault(h.text, params.text) : orDefault(params.text, h.text),
    html: hasHeading ? orDefault(h.html, params.html) : orDefault(params.html, h.html),
    visuallyHiddenText: hasHeading ? orDefault(h.visuallyHiddenText, params.visuallyHiddenText) : params.visuallyHiddenText,
  };
}

/** The label macro: `label` holds the options for the heading partial that draws the `<label>`. */
export function nhsukLabelModel(params: Options): Options {
  const model = headed(params, (placement) => placement);
  return {
    hasHeading: model.hasHeading,
    hasContent: Boolean(model.html || model.text),
    caption: model.caption,
    wrapper: {
      element: tagName(`h${String(model.heading.level || '1')}`, 'h1'),
      id: model.heading.id,
      attributes: model.heading.attributes,
    },
    label: {
      id: params.id,
      text: model.text,
      html: model.html,
      visuallyHiddenText: model.visuallyHiddenText,
      caption: model.innerCaption,
      size: model.size,
      sizes: ['s', 'm', 'l', 'xl'],
      className: 'nhsuk-label',
      classPrefix: 'nhsuk-label--',
      classes: params.classes,
      attributes: new Handlebars.SafeString(
        nhsukAttributes({ for: { value: params.for, optional: true } }).toString() +
          nhsukAttributes(params.attributes).toString(),
      ),
      element: 'label',
    },
  };
}

const LEGEND_SIZES = ['s', 'm', 'l', 'xl'];

/** The legend macro (given the fieldset's `legend` option, which may be text or html): `inner` holds the options for the heading partial inside (or as) the legend. */
export function nhsukLegendModel(legend: unknown): Options {
  const params = textOrHtml(legend);
  const model = headed(params, (placement) => (placement === 'before' ? 'start' : placement));
  const { classes } = params;
  let classNames = 'nhsuk-fieldset__legend';
  if (
    model.size &&
    LEGEND_SIZES.includes(String(model.size)) &&
    !LEGEND_SIZES.some((s) => contains(classes, `nhsuk-fieldset__legend--${s}`))
  ) {
    classNames += ` nhsuk-fieldset__legend--${String(model.size)}`;
  }
  if (classes) classNames += ` ${String(classes)}`;
  // Either html or escaped text, as the macro's `innerHtml` would be.
  const shared = {
    html: model.html || undefined,
    text: model.html ? undefined : model.text,
    visuallyHiddenText: model.visuallyHiddenText,
    caption: model.innerCaption,
  };
  return {
    hasHeading: model.hasHeading,
    hasContent: Boolean(model.html || model.text),
    caption: model.caption,
    classAttr: classNames,
    id: params.id,
    attributes: params.attributes,
    inner: model.hasHeading
      ? {
          ...shared,
          id: model.heading.id,
          level: model.heading.level,
          className: 'nhsuk-fieldset__heading',
          attributes: model.heading.attributes,
        }
      : { ...shared, id: params.id, className: classNames, attributes: params.attributes, element: 'legend' },
  };
}
