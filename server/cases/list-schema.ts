import { z } from 'zod';
import { codeSets, type FilterField, perLists } from '../vocabularies/code-sets.ts';
import type { CaseFilter, CaseSort } from './repository.ts';

/**
 * A filter given more than once (`theme=T2&theme=T3`) is refused rather than read as its first
 * value: the list filters by one value of each, and a silently dropped one looks like an answer.
 */
function one(v: unknown, ctx: z.core.$RefinementCtx): unknown {
  if (!Array.isArray(v)) return v;
  if (new Set(v).size > 1) ctx.addIssue({ code: 'custom', message: 'Choose one value for this filter, not several', input: v });
  return v[0];
}
const blankIsNone = (v: unknown, ctx: z.core.$RefinementCtx) => {
  const value = one(v, ctx);
  return value === '' ? undefined : value;
};
const optional = (re: RegExp, message: string) =>
  z.preprocess((v, ctx) => {
    const value = one(v, ctx);
    return value === undefined || value === '' ? undefined : String(value).trim();
  }, z.string().regex(re, message).optional());
const code = optional(/^[\w.-]{1,60}$/, 'Choose a value from the list');
const month = (label: string) => optional(/^\d{4}-(0[1-9]|1[0-2])$/, `Enter the ${label} month as year and month, like 2026-03`);

/** `submitted_or_closed`: the cases that counts (trends, reviews) are made of, so their links list the same. */
export const STATUS_FILTERS = ['draft', 'submitted', 'closed', 'submitted_or_closed', 'withdrawn'] as const;
export const SORTS = ['event_desc', 'event_asc', 'updated_desc', 'ref_asc'] as const;

/** The case list's filters, as a query string: shared by the list page, its exports and the API. */
export const CaseListQuery = z
  .object({
    status: z.preprocess(blankIsNone, z.enum(STATUS_FILTERS, { error: 'Choose a status from the list' }).optional()),
    theme: code,
    factor: code,
    source: code,
    department: code,
    modality: code,
    harm: code,
    from: month('first'),
    to: month('last'),
    sort: z.preprocess(blankIsNone, z.enum(SORTS, { error: 'Choose how to sort' }).default('event_desc')),
    page: z.preprocess((v, ctx) => {
      const value = one(v, ctx);
      return value === undefined || value === '' ? 1 : Number(value);
    }, z.number({ error: 'Page must be a number' }).int('Page must be a whole number').min(1, 'Page must be 1 or more').max(100_000)),
  })
  .refine((q) => typeof q.from !== 'string' || typeof q.to !== 'string' || q.from <= q.to, {
    path: ['to'],
    message: 'The last month must be the same as or after the first month',
    // Shown alongside other filter problems, not only once they are fixed.
    when: () => true,
  });

export type CaseListParams = z.infer<typeof CaseListQuery>;

/**
 * The same, checked against the lists: a code no list holds would match nothing and look like an
 * empty result, so it is refused. Retired codes are still in the lists, so old links keep working.
 */
export const caseListQueryFor = perLists((v) => {
  const known = codeSets(v);
  return CaseListQuery.superRefine((q, ctx) => {
    for (const field of Object.keys(known) as FilterField[]) {
      const value = q[field];
      if (typeof value === 'string' && !known[field].has(value)) ctx.addIssue({ code: 'custom', path: [field], message: 'Choose a value from the list', input: value });
    }
  });
});

/** Filters as the repository takes them. Trainers never see drafts, whatever they ask for. */
export function toFilter(q: CaseListParams, canSeeDrafts: boolean): CaseFilter {
  const allowed = canSeeDrafts ? (['draft', 'submitted', 'closed'] as const) : (['submitted', 'closed'] as const);
  const statuses =
    q.status === 'submitted_or_closed' ? allowed.filter((s) => s !== 'draft') : q.status && q.status !== 'withdrawn' ? allowed.filter((s) => s === q.status) : [...allowed];
  return {
    // An impossible status (a trainer asking for drafts) must match nothing, not everything.
    statuses: statuses.length ? statuses : ['__none__' as 'draft'],
    ...(canSeeDrafts ? {} : { hideDraftLinks: true }),
    withdrawn: q.status === 'withdrawn',
    ...(q.theme ? { theme: q.theme } : {}),
    ...(q.factor ? { factor: q.factor } : {}),
    ...(q.source ? { source: q.source } : {}),
    ...(q.department ? { department: q.department } : {}),
    ...(q.modality ? { modality: q.modality } : {}),
    ...(q.harm ? { harm: q.harm } : {}),
    ...(q.from ? { from: q.from } : {}),
    ...(q.to ? { to: q.to } : {}),
  };
}

export const sortOf = (q: CaseListParams): CaseSort => q.sort;
