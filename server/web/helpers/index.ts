import type { HelperDelegate } from 'handlebars';
import { and, array, concat, eq, fallback, includes, ne, not, or, params, trim } from './logic.ts';
import { nhsukAttributes } from './nhsuk-attributes.ts';

/**
 * Every handlebars helper, by the name templates use. One helper (or a small family) per file,
 * each unit-tested against the real handlebars instance.
 */
export const helpers: Record<string, HelperDelegate> = {
  and,
  array,
  concat,
  default: fallback,
  eq,
  includes,
  ne,
  not,
  nhsukAttributes,
  or,
  params,
  trim,
};
