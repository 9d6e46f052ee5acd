import Handlebars from 'handlebars';
import { nhsukAttributes } from './nhsuk-attributes.ts';
import { nhsukTextareaModel } from './nhsuk-form-field.ts';
import { isOptionsObject, orDefault, textOrHtml } from './nhsuk-options.ts';

/**
 * The character count macro, which is a textarea with a count message and the data attributes its
 * JavaScript reads: returns the textarea model (see nhsukTextareaModel) to draw with `_textarea`.
 */

type Options = Record<string, unknown>;

const asOptions = (v: unknown): Options => (isOptionsObject(v) ? v : {});
const escape = (v: unknown): string => Handlebars.escapeExpression(String(v));

/** nhsuk-frontend's `nhsukI18nAttributes`: ` data-i18n.key="…"`, or one per plural form. */
export function i18nAttributes(key: string, message: unknown, messages?: unknown): string {
  if (isOptionsObject(messages)) {
    return Object.entries(messages)
      .map(([rule, text]) => ` data-i18n.${key}.${escape(rule)}="${escape(text)}"`)
      .join('');
  }
  return message ? ` data-i18n.${key}="${escape(message)}"` : '';
}

export function nhsukCharacterCountModel(params: Options): Options {
  const label = textOrHtml(params.label);
  const formGroup = asOptions(params.formGroup);
  const countType = params.countType ? params.countType : params.maxwords ? 'words' : undefined;
  // Without a limit the message can only be written by the JavaScript, once it knows the limit.
  const hasNoLimit = !params.maxwords && !params.maxlength;
  const limit = params.maxwords || params.maxlength;
  const descriptionText = params.textareaDescriptionText
    ? String(params.textareaDescriptionText)
    : `You can enter up to %{count} ${countType === 'words' ? 'words' : 'characters'}`;
  const description = hasNoLimit ? '' : descriptionText.split('%{count}').join(String(limit));
  const id = params.id ? params.id : params.name;
  const optional = (value: unknown) => ({ value, optional: true });

  let attributes = nhsukAttributes({
    'data-module': 'nhsuk-character-count',
    'data-maxlength': optional(params.maxlength),
    'data-maxwords': optional(params.maxwords),
    'data-threshold': optional(params.threshold),
    'data-count-type': optional(countType || false),
  }).toString();
  if (hasNoLimit && params.textareaDescriptionText) {
    attributes += i18nAttributes('textarea-description', undefined, { other: params.textareaDescriptionText });
  }
  attributes += i18nAttributes('characters-under-limit', undefined, params.charactersUnderLimitText);
  attributes += i18nAttributes('characters-at-limit', params.charactersAtLimitText);
  attributes += i18nAttributes('characters-over-limit', undefined, params.charactersOverLimitText);
  attributes += i18nAttributes('words-under-limit', undefined, params.wordsUnderLimitText);
  attributes += i18nAttributes('words-at-limit', params.wordsAtLimitText);
  attributes += i18nAttributes('words-over-limit', undefined, params.wordsOverLimitText);
  attributes += nhsukAttributes(formGroup.attributes).toString();

  const countMessage = asOptions(params.countMessage);
  return {
    ...nhsukTextareaModel({
      id,
      name: params.name,
      describedBy: `${String(id)}-info`,
      rows: params.rows,
      spellcheck: params.spellcheck,
      value: params.value,
      formGroup: {
        classes: `${formGroup.classes ? `${String(formGroup.classes)} ` : ''}nhsuk-character-count`,
        attributes: new Handlebars.SafeString(attributes),
        beforeInput: formGroup.beforeInput,
        afterInput: formGroup.afterInput,
      },
      classes: `nhsuk-js-character-count${params.classes ? ` ${String(params.classes)}` : ''}`,
      label: { ...label, for: orDefault(label.for, id) },
      hint: params.hint,
      errorMessage: params.errorMessage,
      disabled: params.disabled,
      autocomplete: params.autocomplete,
      attributes: params.attributes,
    }),
    countMessage: {
      text: description,
      id: `${String(id)}-info`,
      classes: `nhsuk-character-count__message${countMessage.classes ? ` ${String(countMessage.classes)}` : ''}`,
      attributes: { hidden: optional(!description) },
    },
  };
}
