import { type Request, type Response, Router } from 'express';
import { requireRole, requireSignedIn } from '../auth/middleware.ts';
import { IdentifierFoundError } from '../cases/identifier-check.ts';
import { notFound } from '../web/errors.ts';
import { fromMessages } from '../web/form-errors.ts';
import { safeNextPath } from '../web/safe-redirect.ts';
import { findingErrors } from './form-view.ts';
import { loadSet, refParam } from './http.ts';
import { setHref } from './present.ts';
import type { TeachingSetDeps } from './routes.ts';
import { addCaseForm, moveForm, noteForm, SetIdParam } from './schema.ts';
import { type SetRow, SetRuleError, type TeachingSetService } from './service.ts';
import { renderSetPage, type SetPageState } from './set-page.ts';

const trainers = requireRole('trainer');

/** The set page and the changes to its cases: add, move, annotate, remove. */
export function setItemRoutes(deps: TeachingSetDeps, sets: TeachingSetService): Router {
  const router = Router();
  const actor = (req: Request) => deps.users.actorFor(req.user!);

  async function showSet(req: Request, res: Response, set: SetRow, state: SetPageState = {}, status = 200) {
    const detail = await sets.detail(set.id);
    if (!detail) throw notFound('There is no such teaching set');
    await renderSetPage(deps.db, req, res, detail, state, status);
  }

  router.get('/teaching-sets/:setId', requireSignedIn, async (req, res) => showSet(req, res, await loadSet(sets, req)));

  /** Shared by the set page's own form and the add-to-set form on case pages and search results. */
  async function addCase(req: Request, res: Response, set: SetRow) {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const typed = { ref: typeof body.ref === 'string' ? body.ref : '', note: typeof body.note === 'string' ? body.note : '' };
    const refused = (byField: Record<string, string>) => {
      const errors = fromMessages(byField, ['ref', 'note']);
      // The set page's note box for a new case is #addNote: #note would not be unique there.
      errors.list = errors.list.map((e) => (e.href === '#note' ? { ...e, href: '#addNote' } : e));
      return showSet(req, res, set, { errors, add: typed }, 400);
    };
    const parsed = addCaseForm.safeParse(typed);
    if (!parsed.success) {
      const byField: Record<string, string> = {};
      for (const issue of parsed.error.issues) byField[String(issue.path[0])] ??= issue.message;
      return refused(byField);
    }
    try {
      await sets.addCase(actor(req), set.id, parsed.data.ref, parsed.data.note);
    } catch (err) {
      if (err instanceof SetRuleError) return refused({ [err.field === 'form' ? 'ref' : err.field]: err.message });
      if (err instanceof IdentifierFoundError) return refused(findingErrors(err.findings, ['note']).byField);
      throw err;
    }
    req.session.flash = `${parsed.data.ref} has been added to ‘${set.title}’`;
    res.redirect(303, safeNextPath(body.returnTo, setHref(set.id)));
  }

  router.post('/teaching-sets/:setId/cases', ...trainers, async (req, res) => addCase(req, res, await loadSet(sets, req)));

  // A form with a choice of sets cannot change its own action without JavaScript, so the set travels in the body.
  router.post('/teaching-sets/add-case', ...trainers, async (req, res) => {
    const id = SetIdParam.safeParse(req.body?.setId);
    const set = id.success ? await sets.get(id.data) : undefined;
    if (!set) {
      req.session.flashProblem = 'Choose a teaching set to add the case to';
      return res.redirect(303, safeNextPath(req.body?.returnTo, '/teaching-sets'));
    }
    return addCase(req, res, set);
  });

  /** Runs one change to a case in the set; a refusal is told on the set page, against that case. */
  async function change(req: Request, res: Response, run: (set: SetRow, ref: string) => Promise<string>) {
    const set = await loadSet(sets, req);
    const ref = refParam(req);
    try {
      req.session.flash = await run(set, ref);
    } catch (err) {
      if (err instanceof SetRuleError && err.field !== 'note') return showSet(req, res, set, { errors: { list: [{ text: err.message, href: `#case-${ref}` }], byField: {} } }, 400);
      if (!(err instanceof IdentifierFoundError) && !(err instanceof SetRuleError)) throw err;
      // A note refused is shown again as typed, its problem on its own box.
      const error = err instanceof SetRuleError ? err.message : (findingErrors(err.findings, ['note']).byField.note ?? 'The teaching note could identify someone');
      const typed = typeof req.body?.note === 'string' ? req.body.note : '';
      return showSet(req, res, set, { errors: { list: [{ text: error, href: `#note-${ref}` }], byField: {} }, note: { ref, value: typed, error } }, 400);
    }
    res.redirect(303, `${setHref(set.id)}#case-${ref}`);
  }

  router.post('/teaching-sets/:setId/cases/:ref/note', ...trainers, (req, res) =>
    change(req, res, async (set, ref) => {
      const parsed = noteForm.safeParse(req.body ?? {});
      if (!parsed.success) throw new SetRuleError(parsed.error.issues[0]?.message ?? 'Enter the teaching note as text', 'note');
      await sets.setNote(actor(req), set.id, ref, parsed.data.note);
      return `The teaching note for ${ref} has been saved`;
    }),
  );

  router.post('/teaching-sets/:setId/cases/:ref/move', ...trainers, (req, res) =>
    change(req, res, async (set, ref) => {
      const parsed = moveForm.safeParse(req.body ?? {});
      if (!parsed.success) throw new SetRuleError(parsed.error.issues[0]!.message);
      await sets.moveCase(actor(req), set.id, ref, parsed.data.direction);
      return `${ref} has been moved ${parsed.data.direction}`;
    }),
  );

  router.post('/teaching-sets/:setId/cases/:ref/remove', ...trainers, (req, res) =>
    change(req, res, async (set, ref) => {
      await sets.removeCase(actor(req), set.id, ref);
      return `${ref} has been removed from this teaching set`;
    }),
  );

  return router;
}
