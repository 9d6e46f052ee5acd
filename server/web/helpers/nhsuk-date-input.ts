import { groupField } from './nhsuk-form-field.ts';
import { contains, isOptionsObject, orDefault, textOrHtml } from './nhsuk-options.ts';

/**
 * The date input macro: the group's hint, error message and fieldset, and for each of day, month
 * and year (or the given `items`) the options of the input drawn for it.
 * `{{#with (nhsukDateInputModel this)}}`: the options plus a computed `field`.
 */

type Options = Record<string, unknown>;

const asOptions = (v: unknown): Options => (isOptionsObject(v) ? v : {});
const hasError = (item: Options): boolean => Boolean(item.error || contains(item.classes, 'nhsuk-input--error'));
// Nunjucks' `capitalize`: first letter upper case, the rest lower.
const capitalize = (v: unknown): string => {
  const s = v === undefined || v === null ? '' : String(v);
  return s.charAt(0).toUpperCase() + s.slice(1).toLowerCase();
};

export function nhsukDateInputModel(params: Options): Options {
  const values = asOptions(params.values);
  const errorMessage = textOrHtml(params.errorMessage);
  const groupHasError = Boolean(errorMessage.text || errorMessage.html || params.errorMessage === true);
  const day = orDefault(params.day, { name: 'day', value: values.day, width: 2 });
  const month = orDefault(params.month, { name: 'month', value: values.month, width: 2 });
  const year = orDefault(params.year, { name: 'year', value: values.year, width: 4 });
  const parts = [
    { part: day, name: 'day' },
    { part: month, name: 'month' },
    { part: year, name: 'year' },
  ];
  const items: unknown[] = Array.isArray(params.items) && params.items.length ? params.items : [day, month, year];
  const anyItemHasError = items.some((item) => item && hasError(asOptions(item)));

  const inputs = items
    .filter((raw) => raw)
    .map((raw) => {
      const item = asOptions(raw);
      const label = textOrHtml(item.label);
      let name: unknown = item.name;
      let value: unknown = item.value;
      let width: unknown = orDefault(item.width, 2);
      // An item is the day (month, year) when it is that default, or is named for it.
      const match = parts.find(
        ({ part, name: partName }) =>
          raw === part || (item.name && (item.name === partName || item.name === asOptions(part).name)),
      );
      if (match) {
        name = orDefault(item.name, match.name);
        value = orDefault(item.value, asOptions(match.part).value);
        if (match.name === 'year') width = orDefault(item.width, 4);
      }
      const itemClasses = item.classes ? String(item.classes).trim() : '';
      const nameText = String(name);
      return {
        label: {
          html: label.html,
          text: orDefault(label.text, capitalize(name)),
          visuallyHiddenText: label.visuallyHiddenText,
          id: label.id,
          for: label.for,
          classes: `nhsuk-date-input__label${label.classes ? ` ${String(label.classes)}` : ''}`,
          attributes: label.attributes,
        },
        // The item's own error class already marks it; otherwise mark it for its own or the group's error.
        errorMessage:
          (!item.classes || !itemClasses.includes('nhsuk-input--error')) &&
          (hasError(item) || (item.error !== false && groupHasError && !anyItemHasError)),
        id: item.id ? item.id : `${String(params.id)}-${nameText}`,
        name: params.namePrefix ? `${String(params.namePrefix)}[${nameText}]` : name,
        value: orDefault(value, values[nameText]),
        type: item.type ? item.type : 'text',
        prefix: item.prefix,
        suffix: item.suffix,
        width,
        inputmode: item.inputmode ? item.inputmode : 'numeric',
        spellcheck: item.spellcheck,
        autocomplete: item.autocomplete,
        autocapitalize: item.autocapitalize,
        pattern: item.pattern,
        disabled: orDefault(item.disabled, params.disabled),
        describedBy: item.describedBy,
        classes: `nhsuk-date-input__input ${itemClasses}`.trim(),
        attributes: item.attributes,
      };
    });

  const fieldset = asOptions(params.fieldset);
  // Date input fieldsets are groups, so that screen readers announce their hint (the macro's default).
  const group = groupField(params, params.id, fieldset.describedBy || '', 'group');
  return {
    ...params,
    field: {
      ...group,
      formGroupClasses: group.formGroupClasses(groupHasError || anyItemHasError),
      classes: `nhsuk-date-input${params.classes ? ` ${String(params.classes)}` : ''}`,
      inputs,
    },
  };
}
