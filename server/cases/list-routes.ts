import { type Request, Router } from 'express';
import { requireRole, requireSignedIn } from '../auth/middleware.ts';
import type { Role } from '../domain/roles.ts';
import type { AuditService } from '../audit/service.ts';
import type { Db } from '../db/database.ts';
import type { UserService } from '../users/service.ts';
import { loadVocabularies } from '../vocabularies/service.ts';
import { formErrors } from '../web/form-errors.ts';
import { pagination } from '../web/pagination.ts';
import { exportFilename, toCsv, toXlsx } from '../web/table-export.ts';
import { casesTable } from './export.ts';
import { listFilterView } from './list-view.ts';
import { caseListQueryFor, toFilter } from './list-schema.ts';
import { canSeeDrafts, type CaseService } from './service.ts';

const PAGE_SIZE = 25;
const EXPORT_MAX = 50_000;
const FILTER_KEYS = ['status', 'theme', 'factor', 'source', 'department', 'modality', 'harm', 'from', 'to', 'sort'] as const;

/** The query as typed, for re-showing the filters and building links that keep them. */
function rawQuery(req: Request): Record<string, string> {
  return Object.fromEntries(FILTER_KEYS.map((k) => [k, typeof req.query[k] === 'string' ? (req.query[k] as string) : '']));
}
const queryString = (values: Record<string, string>, extra: Record<string, string> = {}) =>
  new URLSearchParams(Object.entries({ ...values, ...extra }).filter(([, v]) => v !== '')).toString();

/** Who may download the list. An admin can open it but not download it, so is not offered the links. */
const EXPORT_ROLES: Role[] = ['safety', 'director', 'trainer'];

export function caseListRoutes(deps: { db: Db; cases: CaseService; audit: AuditService; users: UserService; clock: () => Date }): Router {
  const { db, cases, audit, users, clock } = deps;
  const router = Router();

  router.get('/cases', requireSignedIn, async (req, res) => {
    const values = rawQuery(req);
    const v = await loadVocabularies(db);
    const parsed = caseListQueryFor(v).safeParse(req.query);
    const view = listFilterView(v, values, canSeeDrafts(req.user!.role));
    if (!parsed.success) {
      return res.status(400).render('pages/cases/list', { pageTitle: 'Error: Cases', values, ...view, errors: formErrors(parsed.error, FILTER_KEYS), items: [], total: 0 });
    }
    const filter = toFilter(parsed.data, canSeeDrafts(req.user!.role));
    const byStatus = await cases.countByStatus({ ...filter, statuses: undefined });
    const total = filter.statuses!.reduce((n, s) => n + (byStatus[s] ?? 0), 0);
    const page = Math.min(parsed.data.page, Math.max(1, Math.ceil(total / PAGE_SIZE)));
    const items = await cases.list(filter, parsed.data.sort, PAGE_SIZE, (page - 1) * PAGE_SIZE);
    const exportQuery = queryString(values);
    const flash = req.session.flash;
    delete req.session.flash;
    const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
    res.render('pages/cases/list', {
      pageTitle: pages > 1 ? `Cases (page ${page} of ${pages})` : 'Cases',
      flash,
      canImport: req.user!.role === 'safety' || req.user!.role === 'director',
      canExport: EXPORT_ROLES.includes(req.user!.role),
      values,
      ...view,
      errors: { list: [], byField: {} },
      items: view.rowsOf(items),
      total,
      statusCounts: view.statusCounts(byStatus),
      filtered: FILTER_KEYS.some((k) => k !== 'sort' && values[k]),
      pagination: pagination({ page, pageSize: PAGE_SIZE, total, href: (p) => `/cases?${queryString(values, { page: String(p) })}` }),
      csvHref: `/cases/export.csv${exportQuery ? `?${exportQuery}` : ''}`,
      xlsxHref: `/cases/export.xlsx${exportQuery ? `?${exportQuery}` : ''}`,
    });
  });

  // Exports carry every case's text out of the system, so they are for the roles that own the cases, and audited.
  for (const ext of ['csv', 'xlsx'] as const) {
    router.get(`/cases/export.${ext}`, ...requireRole(...EXPORT_ROLES), async (req, res) => {
      const v = await loadVocabularies(db);
      const parsed = caseListQueryFor(v).safeParse(req.query);
      if (!parsed.success) return res.redirect(303, `/cases?${queryString(rawQuery(req))}`);
      const filter = toFilter(parsed.data, canSeeDrafts(req.user!.role));
      const rows = await cases.all(filter, parsed.data.sort, EXPORT_MAX);
      const table = casesTable(rows, v);
      await audit.record(db, { actor: users.actorFor(req.user!), action: 'case.export', entityType: 'case', after: { format: ext, filters: rawQuery(req), count: rows.length } });
      res.set('Cache-Control', 'no-store').attachment(exportFilename('casebook-cases', ext, clock()));
      res.send(ext === 'csv' ? toCsv(table) : await toXlsx(table));
    });
  }

  /** The repeats field's search-as-you-type: cases by reference or title words, newest first. */
  router.get('/cases/lookup', ...requireRole('safety', 'director'), async (req, res) => {
    const q = typeof req.query.q === 'string' ? req.query.q.trim().slice(0, 100) : '';
    res.json({ items: q.length < 2 ? [] : await lookup(db, q) });
  });

  return router;
}

async function lookup(db: Db, q: string) {
  // LIKE's wildcards are dropped rather than escaped: escaping differs between SQLite and PostgreSQL.
  const words = q.toLowerCase().replace(/[\\%_]/g, ' ').split(/\s+/).filter(Boolean).slice(0, 5);
  let query = db.selectFrom('cases').select(['ref', 'title', 'event_month', 'status']).where('withdrawn_at', 'is', null);
  for (const w of words) {
    const like = `%${w}%`;
    query = query.where((eb) => eb.or([eb('ref', 'like', like.toUpperCase()), eb(eb.fn('lower', ['title']), 'like', like)]));
  }
  const rows = await query.orderBy('event_month', 'desc').orderBy('id', 'desc').limit(10).execute();
  return rows.map((r) => ({ ref: r.ref, title: r.title, eventMonth: r.event_month, status: r.status }));
}
