import { Router } from 'express';
import { requireRole } from '../auth/middleware.ts';
import type { UserService } from '../users/service.ts';
import { formErrors, noErrors } from '../web/form-errors.ts';
import { pagination } from '../web/pagination.ts';
import { actionLabel, auditLogChanges } from './present.ts';
import { AUDIT_FIELDS, AuditQuery } from './schema.ts';
import type { AuditService } from './service.ts';
import type { Db } from '../db/database.ts';

const PAGE_SIZE = 50;
const nextDay = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString();

export function auditRoutes(db: Db, audit: AuditService, users: UserService): Router {
  const router = Router();

  router.get('/admin/audit', ...requireRole('admin'), async (req, res) => {
    const [allUsers, actions] = await Promise.all([users.list(), audit.actions(db)]);
    const raw = { user: req.query.user, action: req.query.action, from: req.query.from, to: req.query.to, page: req.query.page };
    const values = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, typeof v === 'string' ? v : '']));
    const options = {
      userItems: [{ value: '', text: 'Anyone' }, ...allUsers.map((u) => ({ value: String(u.id), text: u.email, selected: values.user === String(u.id) }))],
      actionItems: [{ value: '', text: 'Any action' }, ...actions.map((a) => ({ value: a, text: actionLabel(a), selected: values.action === a }))],
    };
    const parsed = AuditQuery.safeParse(raw);
    if (!parsed.success) {
      res.status(400).render('pages/admin/audit', { pageTitle: 'Audit log', values, ...options, errors: formErrors(parsed.error, AUDIT_FIELDS), events: [], total: 0 });
      return;
    }
    const q = parsed.data;
    const filter = {
      ...(q.user !== undefined ? { actorId: q.user } : {}),
      ...(q.action ? { action: q.action } : {}),
      ...(q.from ? { from: `${q.from}T00:00:00.000Z` } : {}),
      ...(q.to ? { to: nextDay(q.to) } : {}),
    };
    const { events, total } = await audit.list(db, filter, q.page, PAGE_SIZE);
    const rows = events.map((e) => ({ ...e, actionText: actionLabel(e.action), changes: auditLogChanges(e) }));
    const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
    res.render('pages/admin/audit', {
      pageTitle: pages > 1 ? `Audit log (page ${Math.min(q.page, pages)} of ${pages})` : 'Audit log',
      values,
      ...options,
      errors: noErrors(),
      events: rows,
      total,
      pagination: pagination({ page: q.page, pageSize: PAGE_SIZE, total, href: (p) => `/admin/audit?${new URLSearchParams({ ...values, page: String(p) })}` }),
    });
  });

  return router;
}
