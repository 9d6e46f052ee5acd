import { z } from 'zod';
import { monthLabel } from '../domain/months.ts';
import { identifiesNoOne } from '../web/form-fields.ts';

const one = (v: unknown) => (Array.isArray(v) ? v[0] : v);
const blank = (v: unknown) => (one(v) === '' || one(v) === undefined ? undefined : String(one(v)).trim());
const code = z.preprocess(blank, z.string().regex(/^[\w.-]{1,60}$/, 'Choose a value from the list').optional());
const month = (which: string) => z.preprocess(blank, z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, `Enter the ${which} month as year and month, like 2025-04`).optional());

/** A chart's filters as a query string; the measure is checked against the vocabularies by the service. */
export const TrendQuery = z
  .object({
    measure: z.preprocess(blank, z.string().max(80).optional()),
    department: code,
    source: code,
    setting: code,
    granularity: z.preprocess(blank, z.enum(['month', 'quarter'], { error: 'Choose monthly or quarterly' }).default('month')),
    from: month('first'),
    to: month('last'),
  })
  .refine((q) => typeof q.from !== 'string' || typeof q.to !== 'string' || q.from <= q.to, {
    path: ['to'],
    message: 'The last month must be the same as or after the first month',
    when: () => true,
  });

/**
 * The filters for charts that end at `lastMonth`, the last month that is over: a month still running
 * (or to come) would be charted as a low count and could read as a signal that means nothing.
 */
export function trendQueryUpTo(lastMonth: string) {
  const notOver = (q: { from?: string; to?: string }, ctx: z.RefinementCtx) => {
    const after = `${monthLabel(lastMonth)} or earlier, as later months are not over yet`;
    if (q.from && q.from > lastMonth) ctx.addIssue({ code: 'custom', path: ['from'], message: `The first month must be ${after}`, input: q.from });
    if (q.to && q.to > lastMonth) ctx.addIssue({ code: 'custom', path: ['to'], message: `The last month must be ${after}`, input: q.to });
  };
  return TrendQuery.superRefine(notOver);
}

export type TrendParams = z.infer<typeof TrendQuery>;
export const TREND_FIELDS = ['measure', 'department', 'source', 'setting', 'granularity', 'from', 'to'] as const;

export const RebaseForm = z.object({
  period: z.preprocess(blank, z.string({ error: 'Choose the period the new process starts' }).regex(/^\d{4}-(0[1-9]|1[0-2]|Q[1-4])$/, 'Choose the period the new process starts')),
  reason: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() : ''),
    z.string().min(1, 'Enter why the process changed, like "new reporting contract"').max(500, 'The reason must be 500 characters or fewer').superRefine(identifiesNoOne('The reason', { allow: ['date'] })),
  ),
});
