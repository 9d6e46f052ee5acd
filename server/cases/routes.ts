import { type Request, type Response, Router } from 'express';
import { requireRole, requireSignedIn } from '../auth/middleware.ts';
import type { ActionService } from '../actions/service.ts';
import type { AuditService } from '../audit/service.ts';
import type { TeachingSetService } from '../teaching-sets/service.ts';
import type { SearchService } from '../search/service.ts';
import type { Db } from '../db/database.ts';
import { parseRef, refAsTyped } from '../domain/case-ref.ts';
import type { UserService } from '../users/service.ts';
import { loadTimeframes, loadVocabularies } from '../vocabularies/service.ts';
import { notFound } from '../web/errors.ts';
import { caseFormRoutes } from './form-routes.ts';
import { caseImportRoutes } from './import-routes.ts';
import { caseListRoutes } from './list-routes.ts';
import { presentHistory } from './history.ts';
import { idsByRef } from './repository.ts';
import { IdentifierFoundError } from './identifier-check.ts';
import { type NoteService } from './notes.ts';
import { presentCase } from './present.ts';
import { CaseStateError, CaseValidationError, canSeeDrafts, type CaseService, type CaseView, VersionConflictError } from './service.ts';
import type { Role } from '../domain/roles.ts';
import type { Vocabularies } from '../vocabularies/service.ts';
import { caseStatusRoutes } from './status-routes.ts';
import { findingErrors } from './form-view.ts';

export type CaseRouteDeps = { db: Db; cases: CaseService; notes: NoteService; audit: AuditService; users: UserService; actions: ActionService; teachingSets: TeachingSetService; search: SearchService; clock: () => Date };

export function caseRoutes(deps: CaseRouteDeps): Router {
  const { db, cases, notes, audit, users } = deps;
  const router = Router();
  router.use(caseListRoutes({ db, cases, audit, users, clock: deps.clock }));
  router.use(caseImportRoutes({ db, cases, users }));
  router.use(caseFormRoutes(cases, users, db, deps.search));
  router.use(caseStatusRoutes(cases, users));

  async function visible(req: Request): Promise<CaseView> {
    const ref = String(req.params.ref).toUpperCase();
    const found = parseRef(ref) ? await cases.getFor(req.user!.role, ref) : undefined;
    if (!found) throw notFound(`There is no case ${refAsTyped(req.params.ref)} that you can see`);
    return found;
  }

  async function renderCase(req: Request, res: Response, c: CaseView, extra: Record<string, unknown> = {}, status = 200) {
    const [v, timeframes, row] = await Promise.all([loadVocabularies(db), loadTimeframes(db), db.selectFrom('cases').select('id').where('ref', '=', c.ref).executeTakeFirstOrThrow()]);
    const role = req.user!.role;
    const actions = await deps.actions.actionsForCase(c.ref, role);
    const { flash, flashProblem } = req.session;
    delete req.session.flash;
    delete req.session.flashProblem;
    const editor = role === 'safety' || role === 'director';
    res.status(status).render('pages/cases/case', {
      pageTitle: `${status >= 400 ? 'Error: ' : ''}${c.ref}: ${c.title}`,
      c: presentCase(c, v, timeframes),
      flash,
      flashProblem,
      notes: await notes.list(row.id),
      actions,
      addToSet: await deps.teachingSets.addToSetOptions(req.user!, c.ref),
      similar: await similarTo(row.id, role, v),
      history: await historyFor(c.ref, role, actions?.items.map((a) => String(a.id)) ?? [], v),
      can: {
        edit: editor && !c.withdrawn && c.status !== 'closed',
        close: editor && !c.withdrawn && c.status === 'submitted',
        reopen: role === 'director' && !c.withdrawn && c.status === 'closed',
        withdraw: editor && !c.withdrawn,
        note: editor,
      },
      version: c.version,
      noteErrors: { list: [], byField: {} },
      ...extra,
    });
  }

  /** The case's history, with its actions' (added, changed, done, dropped); no draft named to those who never see drafts. */
  async function historyFor(ref: string, role: Role, actionIds: string[], v: Vocabularies) {
    const events = await audit.historyOf(db, 'case', ref, { entityType: 'action', ids: actionIds });
    if (canSeeDrafts(role)) return presentHistory(events, v);
    const linked = events.flatMap((e) => [e.before, e.after].flatMap((side) => ((side as { repeats?: unknown } | null)?.repeats as string[] | undefined) ?? []));
    const found = linked.length ? await idsByRef(db, [...new Set(linked)]) : new Map();
    return presentHistory(events, v, new Set([...found].filter(([, c]) => c.status === 'draft').map(([r]) => r)));
  }

  /** The five most like this one, each with why: shared factors (by label) and shared words. */
  async function similarTo(id: number, role: Role, v: Vocabularies) {
    const found = await deps.search.similar(id, { limit: 5, includeDrafts: canSeeDrafts(role) });
    const factorLabel = (code: string) => v.themes.flatMap((t) => t.factors).find((f) => f.code === code)?.label ?? code;
    return found.map((f) => ({
      ref: f.ref,
      title: f.title,
      factors: f.sharedFactors.map((code) => `${code} ${factorLabel(code)}`),
      terms: f.sharedTerms.slice(0, 6),
    }));
  }

  router.get('/cases/:ref', requireSignedIn, async (req, res) => renderCase(req, res, await visible(req)));

  router.post('/cases/:ref/notes', ...requireRole('safety', 'director'), async (req, res) => {
    const c = await visible(req);
    const text = typeof req.body?.note === 'string' ? req.body.note : '';
    try {
      await notes.add({ ...users.actorFor(req.user!), role: req.user!.role }, c.ref, text);
      req.session.flash = 'Your note has been added';
      res.redirect(303, `/cases/${c.ref}#notes`);
    } catch (err) {
      const list =
        err instanceof CaseValidationError
          ? err.problems.map((p) => ({ text: p.message, href: '#note' }))
          : err instanceof IdentifierFoundError
            ? findingErrors(err.findings).map((e) => ({ text: e.text, href: '#note' }))
            : undefined;
      if (!list) throw err;
      return renderCase(req, res, c, { noteErrors: { list, byField: { note: list[0]!.text } }, noteValue: text }, 400);
    }
  });

  // Errors from status changes the page offers are told on the case page, not as error pages.
  router.use('/cases/:ref', (err: unknown, req: Request, res: Response, next: (e?: unknown) => void) => {
    if (err instanceof CaseStateError || err instanceof VersionConflictError) {
      req.session.flashProblem = err instanceof VersionConflictError ? `${err.current.ref} was changed by someone else since you opened it: check it and try again` : err.message;
      return res.redirect(303, `/cases/${String(req.params.ref).toUpperCase()}`);
    }
    next(err);
  });

  return router;
}
