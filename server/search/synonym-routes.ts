import { type Response, Router } from 'express';
import { z } from 'zod';
import type { AuditService } from '../audit/service.ts';
import { requireRole } from '../auth/middleware.ts';
import type { Db } from '../db/database.ts';
import { DEFAULT_SYNONYMS } from '../domain/synonyms.ts';
import type { UserService } from '../users/service.ts';
import { formErrors, fromMessages, noErrors } from '../web/form-errors.ts';
import { identifiesNoOne } from '../web/form-fields.ts';
import type { SearchService } from './service.ts';

/** A group as an admin types it: "CXR, chest X-ray, chest film". Stored with "|" between terms. */
const GroupForm = z.object({
  terms: z
    .preprocess((v) => (typeof v === 'string' ? v : ''), z.string())
    .transform((s) => [...new Set(s.split(/[,\n]/).map((t) => t.trim().replace(/\s+/g, ' ')).filter(Boolean))])
    .refine((terms) => terms.length >= 2, 'Enter at least two words or phrases, separated by commas')
    .refine((terms) => terms.length <= 12, 'Enter at most 12 words or phrases in one group')
    .refine((terms) => terms.every((t) => t.length <= 40 && !t.includes('|')), 'Each word or phrase must be 40 characters or fewer, without |')
    // Eponyms ("Colles fracture") are fair search words; numbers that identify someone are not.
    .superRefine((terms, ctx) => identifiesNoOne('The group', { allow: ['date', 'person_name'] })(terms.join(', '), ctx)),
});

/** Admins extend the built-in imaging synonyms; the search index is rebuilt with each change. */
export function synonymRoutes(deps: { db: Db; audit: AuditService; users: UserService; search: SearchService; clock: () => Date }): Router {
  const { db, audit, users, search, clock } = deps;
  const router = Router();
  router.use('/admin/synonyms', ...requireRole('admin'));

  async function show(res: Response, extra: Record<string, unknown> = {}, status = 200) {
    const rows = await db.selectFrom('search_synonyms').selectAll().where('retired_at', 'is', null).orderBy('id').execute();
    res.status(status).render('pages/admin/synonyms', {
      pageTitle: `${status >= 400 ? 'Error: ' : ''}Search synonyms`,
      builtIn: DEFAULT_SYNONYMS.map((g) => g.join(', ')),
      added: rows.map((r) => ({ id: r.id, text: r.terms.split('|').join(', ') })),
      values: {},
      errors: noErrors(),
      ...extra,
    });
  }

  router.get('/admin/synonyms', async (req, res) => {
    const flash = req.session.flash;
    delete req.session.flash;
    await show(res, { flash });
  });

  router.post('/admin/synonyms', async (req, res) => {
    const parsed = GroupForm.safeParse(req.body ?? {});
    if (!parsed.success) return show(res, { values: { terms: req.body?.terms }, errors: formErrors(parsed.error, ['terms']) }, 400);
    const existing = await db.selectFrom('search_synonyms').select('terms').where('retired_at', 'is', null).execute();
    const key = (terms: string[]) => terms.map((t) => t.toLowerCase()).sort().join('|');
    if (existing.some((r) => key(r.terms.split('|')) === key(parsed.data.terms))) {
      return show(res, { values: { terms: req.body?.terms }, errors: fromMessages({ terms: 'This group has already been added' }, ['terms']) }, 400);
    }
    await db.transaction().execute(async (trx) => {
      const row = await trx.insertInto('search_synonyms').values({ terms: parsed.data.terms.join('|'), created_by: req.user!.id, created_at: clock().toISOString(), retired_at: null }).returning('id').executeTakeFirstOrThrow();
      await audit.record(trx, { actor: users.actorFor(req.user!), action: 'search.synonym_create', entityType: 'synonyms', entityId: String(row.id), after: { terms: parsed.data.terms } });
    });
    await search.rebuild();
    req.session.flash = `Search now treats ${parsed.data.terms.join(', ')} as the same`;
    res.redirect(303, '/admin/synonyms');
  });

  router.post('/admin/synonyms/:id/retire', async (req, res) => {
    const id = Number(req.params.id);
    const row = Number.isInteger(id) ? await db.selectFrom('search_synonyms').selectAll().where('id', '=', id).where('retired_at', 'is', null).executeTakeFirst() : undefined;
    if (row) {
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('search_synonyms').set({ retired_at: clock().toISOString() }).where('id', '=', id).execute();
        await audit.record(trx, { actor: users.actorFor(req.user!), action: 'search.synonym_retire', entityType: 'synonyms', entityId: String(id), before: { terms: row.terms.split('|') } });
      });
      await search.rebuild();
      req.session.flash = 'The synonym group has been removed';
    }
    res.redirect(303, '/admin/synonyms');
  });

  return router;
}
