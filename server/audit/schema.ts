import { z } from 'zod';

const isoDate = (message: string) =>
  z.preprocess(
    (v) => (v === undefined || v === null ? '' : v),
    z
      .string({ error: message })
      .trim()
      .refine((s) => s === '' || (/^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s)), message),
  );

export const AuditQuery = z
  .object({
    user: z.preprocess((v) => (v === undefined || v === '' ? undefined : v), z.coerce.number({ error: 'Select a user from the list' }).int().positive('Select a user from the list').optional()),
    action: z.preprocess((v) => (v === undefined || v === null ? '' : v), z.string({ error: 'Select an action from the list' }).max(100, 'Select an action from the list')),
    from: isoDate('Date from must be a real date, like 2026-03-31'),
    to: isoDate('Date to must be a real date, like 2026-03-31'),
    page: z.preprocess((v) => (v === undefined || v === '' ? 1 : v), z.coerce.number({ error: 'Page must be a number' }).int().min(1, 'Page must be 1 or more').max(100_000, 'Page is too large')),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'Date to must be the same as or after date from', path: ['to'] });

export const AUDIT_FIELDS = ['user', 'action', 'from', 'to', 'page'] as const;
