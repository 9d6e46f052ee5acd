import Handlebars from 'handlebars';

type AttributeOptions = { value: unknown; type?: 'string' | 'array'; optional?: boolean };

const isSafe = (v: unknown): v is Handlebars.SafeString => v instanceof Handlebars.SafeString;
const isOptions = (v: unknown): v is AttributeOptions =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !isSafe(v) && 'value' in v;

/**
 * The design system's `nhsukAttributes` macro: renders ` name="value"` pairs, escaping every value.
 * Mirrors nhsuk-frontend's macros/attributes.njk, including `{ value, optional, type }` items.
 */
export function nhsukAttributes(attributes: unknown): Handlebars.SafeString {
  if (attributes === undefined || attributes === null) return new Handlebars.SafeString('');
  if (isSafe(attributes)) return attributes;
  if (typeof attributes === 'string') return new Handlebars.SafeString(attributes);
  if (typeof attributes !== 'object') return new Handlebars.SafeString('');

  let html = '';
  for (const [name, item] of Object.entries(attributes as Record<string, unknown>)) {
    const options: AttributeOptions = isOptions(item) ? item : { value: item, type: 'string', optional: false };
    let value: unknown = options.value;
    let escaped: string;
    if (value === undefined || value === null) {
      value = null;
      escaped = '';
    } else if (isSafe(value)) {
      escaped = value.toString();
    } else if (options.type === 'array' && Array.isArray(value)) {
      escaped = JSON.stringify(value)
        .replace(/</g, '\\u003c')
        .replace(/>/g, '\\u003e')
        .replace(/&/g, '\\u0026')
        .replace(/'/g, '\\u0027');
    } else {
      escaped = Handlebars.escapeExpression(String(value));
    }
    const safeName = Handlebars.escapeExpression(name);
    if (options.optional === true && value === true) {
      html += ` ${safeName}`;
    } else if (options.optional !== true || (value !== null && value !== false)) {
      html += escaped.includes('"') ? ` ${safeName}='${escaped}'` : ` ${safeName}="${escaped}"`;
    }
  }
  return new Handlebars.SafeString(html);
}
