import { isHelperOptions } from './nhsuk-options.ts';

/** `(classNames "nhsuk-card" modifier classes)`: the non-empty values, space-separated. */
export function classNames(...raw: unknown[]): string {
  return raw
    .filter((v) => !isHelperOptions(v) && v !== undefined && v !== null && v !== false && v !== '')
    .map((v) => String(v))
    .join(' ');
}

const list = (allowed: unknown): string[] =>
  Array.isArray(allowed) ? allowed.map(String) : typeof allowed === 'string' ? allowed.split(/\s+/).filter(Boolean) : [];

/**
 * `(modifierClass "nhsuk-back-link" variant "reverse" classes)` gives `nhsuk-back-link--reverse`
 * when `variant` is one of the allowed values (space-separated) and `classes` does not already set
 * one of those modifiers, as nhsuk-frontend's templates do; otherwise an empty string. Prefixes
 * not joined by `--` (the heading's `nhsuk-heading-s`) take `separator="-"`.
 */
export function modifierClass(block: unknown, value: unknown, allowed: unknown, ...rest: unknown[]): string {
  const options = rest.find(isHelperOptions);
  const classes = rest.find((v) => v !== options);
  const separator = typeof options?.hash.separator === 'string' ? options.hash.separator : '--';
  if (!value || typeof block !== 'string') return '';
  const values = list(allowed);
  const given = typeof classes === 'string' ? classes : '';
  if (!values.includes(String(value))) return '';
  if (values.some((v) => given.includes(`${block}${separator}${v}`))) return '';
  return `${block}${separator}${String(value)}`;
}
