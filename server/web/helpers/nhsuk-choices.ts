import Handlebars from 'handlebars';
import { nhsukAttributes } from './nhsuk-attributes.ts';
import { groupField, tokenList } from './nhsuk-form-field.ts';
import { contains, isOptionsObject, orDefault, textOrHtml } from './nhsuk-options.ts';

/**
 * The radios and checkboxes macros: the group's hint, error message and fieldset, and for each item
 * its id, checked state, label, hint and `<input>` attributes, in the macros' order.
 * `{{#with (nhsukChoicesModel this "radios")}}`: the options plus a computed `field`.
 */

type Options = Record<string, unknown>;
type Kind = 'radios' | 'checkboxes';

const escape = (v: unknown): string => Handlebars.escapeExpression(v === undefined || v === null ? '' : String(v));

/** Nunjucks' `in` on a list: strict membership; on a string, a substring. */
const isIn = (value: unknown, values: unknown): boolean =>
  Array.isArray(values) ? values.includes(value) : typeof values === 'string' && values.includes(String(value));

function item(kind: Kind, params: Options, raw: Options, index: number, idPrefix: unknown, describedBy: string) {
  const itemId = raw.id ? raw.id : `${String(idPrefix)}${index > 1 ? `-${index}` : ''}`;
  const conditionalId = `conditional-${String(itemId)}`;
  const inclusive = kind === 'checkboxes' && raw.behaviour === 'inclusive';
  const notSupportedHidden = inclusive ? 'nhsuk-u-frontend-not-supported-hidden' : undefined;
  if (raw.divider) {
    return { divider: raw.divider, dividerClasses: tokenList(`nhsuk-${kind}__divider`, notSupportedHidden) };
  }

  const label = textOrHtml(raw.label);
  const hint = textOrHtml(raw.hint);
  const hasHint = Boolean(hint.text || hint.html);
  const hintId = hasHint ? orDefault(hint.id, `${String(itemId)}-item-hint`) : '';
  const isChecked = Boolean(
    raw.checked ||
      (kind === 'radios'
        ? // Nunjucks' loose `==`: a number value checks the item with that value as a string.
          params.value && raw.value == params.value && raw.checked !== false
        : params.values && isIn(raw.value, params.values) && raw.checked !== false),
  );
  const disabled = raw.disabled || (raw.disabled !== false && params.disabled);
  const conditional = isOptionsObject(raw.conditional) ? raw.conditional : {};
  // Checkboxes outside a fieldset point every box at the group's hint and error as well as its own.
  const itemDescribedBy =
    kind === 'radios' ? hintId : tokenList(params.fieldset ? '' : describedBy, hintId);
  const behaviour = kind === 'checkboxes' ? (raw.exclusive ? 'exclusive' : raw.behaviour) : undefined;
  const behaviourGroup = kind === 'checkboxes' ? orDefault(raw.exclusiveGroup, raw.behaviourGroup) : undefined;

  let attributes = ` class="${escape(tokenList(`nhsuk-${kind}__input`, raw.classes))}" id="${escape(itemId)}"`;
  attributes += ` name="${escape(kind === 'checkboxes' && raw.name ? raw.name : params.name)}"`;
  attributes += ` type="${kind === 'radios' ? 'radio' : 'checkbox'}" value="${escape(raw.value)}"`;
  if (isChecked) attributes += ' checked';
  if (disabled) attributes += ' disabled';
  if (behaviour) attributes += ` data-behaviour="${escape(behaviour)}"`;
  if (behaviourGroup) attributes += ` data-behaviour-group="${escape(behaviourGroup)}"`;
  if (conditional.html) attributes += ` data-aria-controls="${escape(conditionalId)}"`;
  if (itemDescribedBy) attributes += ` aria-describedby="${escape(itemDescribedBy)}"`;
  attributes += nhsukAttributes(raw.attributes).toString();

  return {
    itemClasses: tokenList(`nhsuk-${kind}__item`, notSupportedHidden),
    inputAttributes: new Handlebars.SafeString(attributes),
    label: {
      html: orDefault(label.html, raw.html),
      text: orDefault(label.text, raw.text),
      visuallyHiddenText: label.visuallyHiddenText,
      id: label.id,
      for: itemId,
      classes: tokenList(`nhsuk-${kind}__label`, label.classes),
      attributes: label.attributes,
    },
    hint: hasHint
      ? {
          html: hint.html,
          text: hint.text,
          id: hintId,
          classes: tokenList(`nhsuk-${kind}__hint`, hint.classes),
          attributes: hint.attributes,
        }
      : undefined,
    conditional: conditional.html
      ? {
          html: conditional.html,
          id: conditionalId,
          classes: tokenList(`nhsuk-${kind}__conditional`, !isChecked && `nhsuk-${kind}__conditional--hidden`),
        }
      : undefined,
  };
}

export function nhsukChoicesModel(params: Options, kind: unknown): Options {
  const type: Kind = kind === 'checkboxes' ? 'checkboxes' : 'radios';
  const idPrefix = params.idPrefix ? params.idPrefix : params.name;
  const fieldset = isOptionsObject(params.fieldset) ? params.fieldset : {};
  const baseDescribedBy =
    type === 'radios' ? fieldset.describedBy || '' : fieldset.describedBy || params.describedBy || '';
  const group = groupField(params, idPrefix, baseDescribedBy);
  const { classes } = params;
  const modifier = (flag: unknown, name: string) => flag && !contains(classes, `nhsuk-${type}--${name}`) && `nhsuk-${type}--${name}`;
  // Nunjucks counts items from one, skipped (falsy) items included, for the ids.
  const items = (Array.isArray(params.items) ? params.items : [])
    .map((raw: unknown, i: number) =>
      raw ? item(type, params, isOptionsObject(raw) ? raw : {}, i + 1, idPrefix, group.describedBy) : undefined,
    )
    .filter((i) => i !== undefined);
  return {
    ...params,
    field: {
      ...group,
      formGroupClasses: group.formGroupClasses(group.hasError),
      classes: tokenList(`nhsuk-${type}`, modifier(params.small, 'small'), modifier(params.inline, 'inline'), classes),
      dataModule: `nhsuk-${type}`,
      items,
    },
  };
}
