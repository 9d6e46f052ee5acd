import Handlebars from 'handlebars';
import { classNames } from './class-names.ts';
import { nhsukAttributes } from './nhsuk-attributes.ts';
import { contains, isOptionsObject, orDefault, textOrHtml } from './nhsuk-options.ts';

/**
 * The shared arithmetic of nhsuk-frontend's form control macros (input, textarea, select, and the
 * group macros radios, checkboxes and date input): which label, hint and error message to draw,
 * with which ids, and the `aria-describedby` that ties them to the control. Each model is the
 * macro's options plus a `field` object of computed values, for `{{#with (nhsukInputModel this)}}`.
 */

type Options = Record<string, unknown>;

const asOptions = (v: unknown): Options => (isOptionsObject(v) ? v : {});
const hasTextOrHtml = (v: Options): boolean => Boolean(v.text || v.html);

/** Space-separated, as the templates' `(a ~ " " ~ b) | trim`, skipping empty parts. */
export const tokenList = (...parts: unknown[]): string => classNames(...parts).trim();

/** Hint and error message options with their default ids, and the describedBy they add up to. */
function described(params: Options, idBase: unknown, describedBy: unknown) {
  const hint = textOrHtml(params.hint);
  const errorMessage = textOrHtml(params.errorMessage);
  const hasHint = hasTextOrHtml(hint);
  const hasErrorMessage = hasTextOrHtml(errorMessage);
  // `id ~ "-hint"` in Nunjucks prints a missing id as "undefined"; kept for identical markup.
  const hintId = hasHint ? orDefault(hint.id, `${String(idBase)}-hint`) : undefined;
  const errorId = hasErrorMessage ? orDefault(errorMessage.id, `${String(idBase)}-error`) : undefined;
  return {
    hint: hasHint
      ? { html: hint.html, text: hint.text, id: hintId, classes: hint.classes, attributes: hint.attributes }
      : undefined,
    errorMessage: hasErrorMessage
      ? {
          html: errorMessage.html,
          text: errorMessage.text,
          visuallyHiddenText: errorMessage.visuallyHiddenText,
          id: errorId,
          classes: errorMessage.classes,
          attributes: errorMessage.attributes,
        }
      : undefined,
    hasError: hasErrorMessage || params.errorMessage === true,
    describedBy: tokenList(describedBy || '', hintId, errorId),
  };
}

/** `formGroup.beforeInput` and friends: `{ text }` or `{ html }`, or nothing to draw. */
const slot = (v: unknown): Options | undefined => {
  const options = asOptions(v);
  return hasTextOrHtml(options) ? { content: options.html ? options.html : options.text } : undefined;
};

/** What input, textarea and select share: a label, hint and error message around one control. */
function singleField(params: Options, block: string) {
  const id = params.id ? params.id : params.name;
  const label = textOrHtml(params.label);
  const formGroup = asOptions(params.formGroup);
  const info = described(params, id, params.describedBy);
  return {
    ...info,
    id,
    label: {
      html: label.html,
      text: label.text,
      visuallyHiddenText: label.visuallyHiddenText,
      caption: label.caption,
      id: label.id,
      for: orDefault(label.for, id),
      size: label.size,
      heading: label.heading,
      isPageHeading: label.isPageHeading,
      classes: label.classes,
      attributes: label.attributes,
    },
    controlClasses: tokenList(`nhsuk-${block}`, info.hasError && `nhsuk-${block}--error`, params.classes),
    formGroupClasses: tokenList('nhsuk-form-group', info.hasError && 'nhsuk-form-group--error', formGroup.classes),
    formGroupAttributes: formGroup.attributes,
    beforeInput: slot(formGroup.beforeInput),
    afterInput: slot(formGroup.afterInput),
  };
}

const INPUT_WIDTHS = ['2', '3', '4', '5', '10', '20', '30'];

/** The input macro: class lists, affixes, and the `<input>`'s attributes in the macro's order. */
export function nhsukInputModel(params: Options): Options {
  const field = singleField(params, 'input');
  const { classes } = params;
  const large = Boolean(params.large && !contains(classes, 'nhsuk-input--large'));
  const width = params.width === undefined || params.width === null ? '' : String(params.width);
  const inputClasses = tokenList(
    'nhsuk-input',
    large && 'nhsuk-input--large',
    params.code && !contains(classes, 'nhsuk-input--code') && 'nhsuk-input--code',
    field.hasError && 'nhsuk-input--error',
    params.width &&
      INPUT_WIDTHS.includes(width) &&
      !INPUT_WIDTHS.some((w) => contains(classes, `nhsuk-input--width-${w}`)) &&
      `nhsuk-input--width-${width}`,
    classes,
  );
  const inputWrapper = asOptions(params.inputWrapper);
  const affix = (v: unknown): Options | undefined => {
    const options = textOrHtml(v);
    return hasTextOrHtml(options)
      ? { content: options.html ? options.html : options.text, classes: options.classes, attributes: options.attributes }
      : undefined;
  };
  const prefix = affix(params.prefix);
  const suffix = affix(params.suffix);
  const optional = (value: unknown) => ({ value, optional: true });
  const attributes = nhsukAttributes({
    class: inputClasses,
    id: field.id,
    name: params.name,
    type: params.type ? params.type : 'text',
    spellcheck: optional(typeof params.spellcheck === 'boolean' ? String(params.spellcheck) : false),
    value: optional(params.value),
    disabled: optional(params.disabled),
    'aria-describedby': optional(field.describedBy || false),
    autocomplete: optional(params.autocomplete),
    autocapitalize: optional(params.autocapitalize),
    pattern: optional(params.pattern),
    placeholder: optional(params.placeholder),
    inputmode: optional(params.inputmode),
  });
  return {
    ...params,
    field: {
      ...field,
      prefix,
      suffix,
      hasWrapper: Boolean(
        prefix || suffix || field.beforeInput || field.afterInput || inputWrapper.classes || inputWrapper.attributes,
      ),
      wrapperClasses: tokenList('nhsuk-input-wrapper', large && 'nhsuk-input-wrapper--large', inputWrapper.classes),
      wrapperAttributes: inputWrapper.attributes,
      inputAttributes: new Handlebars.SafeString(attributes.toString() + nhsukAttributes(params.attributes).toString()),
    },
  };
}

/**
 * The textarea macro. Character count draws a textarea too, with its count message after it:
 * `countMessage` (hint options) is that private hook, not an option of the textarea macro.
 */
export function nhsukTextareaModel(params: Options): Options {
  const field = singleField(params, 'textarea');
  return { ...params, field: { ...field, rows: params.rows ? params.rows : 5 } };
}

/** The select macro, with each option's `selected` worked out from `value` as the macro does. */
export function nhsukSelectModel(params: Options): Options {
  const field = singleField(params, 'select');
  const inputWrapper = asOptions(params.inputWrapper);
  const items = (Array.isArray(params.items) ? params.items : [])
    .filter((item: unknown) => item)
    .map((raw: unknown) => {
      const item = asOptions(raw);
      if (item.divider) return { divider: true };
      // Without a value attribute an option's value is its text, so selecting by text works too.
      const effectiveValue = orDefault(item.value, item.text);
      const selected =
        item.selected ||
        // Nunjucks' loose `==`: a number value selects the option with that value as a string.
        (params.value ? effectiveValue == params.value && item.selected !== false : false);
      return { ...item, hasValue: item.value !== undefined, isSelected: Boolean(selected) };
    });
  return {
    ...params,
    field: {
      ...field,
      items,
      hasWrapper: Boolean(field.beforeInput || field.afterInput || inputWrapper.classes || inputWrapper.attributes),
      wrapperClasses: tokenList('nhsuk-input-wrapper', inputWrapper.classes),
      wrapperAttributes: inputWrapper.attributes,
    },
  };
}

/** What radios, checkboxes and date input share: a hint and error message for a group, maybe in a fieldset. */
export function groupField(params: Options, idBase: unknown, describedBy: unknown, fieldsetRole?: string) {
  const formGroup = asOptions(params.formGroup);
  const info = described(params, idBase, describedBy);
  const fieldset = isOptionsObject(params.fieldset) ? params.fieldset : undefined;
  return {
    ...info,
    formGroupClasses: (hasError: boolean) =>
      tokenList('nhsuk-form-group', hasError && 'nhsuk-form-group--error', formGroup.classes),
    formGroupAttributes: formGroup.attributes,
    beforeInputs: slot(formGroup.beforeInputs),
    afterInputs: slot(formGroup.afterInputs),
    fieldset: params.fieldset
      ? {
          legend: fieldset?.legend,
          id: fieldset?.id,
          role: fieldsetRole === undefined ? fieldset?.role : orDefault(fieldset?.role, fieldsetRole),
          describedBy: info.describedBy,
          classes: fieldset?.classes,
          attributes: fieldset?.attributes,
        }
      : undefined,
  };
}
