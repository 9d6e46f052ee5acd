import { type Request, type Response, Router } from 'express';
import { requireRole, requireSignedIn } from '../auth/middleware.ts';
import { IdentifierFoundError } from '../cases/identifier-check.ts';
import { type FormErrors, noErrors } from '../web/form-errors.ts';
import { conflictRows, emptyValues, everyProblem, findingErrors, type SetValues, valuesFrom, valuesOf } from './form-view.ts';
import { loadSet, takeFlash } from './http.ts';
import { presentSummary, setHref } from './present.ts';
import type { TeachingSetDeps } from './routes.ts';
import { setForm } from './schema.ts';
import { canEditSets, SetConflictError, SetRuleError, type SetRow, type TeachingSetService } from './service.ts';

const trainers = requireRole('trainer');

/** The list of sets, and creating, changing and archiving a set's details. */
export function setFormRoutes(deps: TeachingSetDeps, sets: TeachingSetService): Router {
  const router = Router();
  const actor = (req: Request) => deps.users.actorFor(req.user!);

  router.get('/teaching-sets', requireSignedIn, async (req, res) => {
    const { open, archived } = await sets.list();
    res.render('pages/teaching-sets/list', {
      pageTitle: 'Teaching sets',
      flash: takeFlash(req),
      canCreate: canEditSets(req.user!.role),
      open: open.map(presentSummary),
      archived: archived.map(presentSummary),
    });
  });

  function renderNew(res: Response, values: SetValues, errors: FormErrors = noErrors(), status = 200) {
    res.status(status).render('pages/teaching-sets/form', { pageTitle: 'Create a teaching set', heading: 'Create a teaching set', action: '/teaching-sets', button: 'Create teaching set', cancelHref: '/teaching-sets', values, errors });
  }

  function renderEdit(res: Response, set: SetRow, values: SetValues, extra: { errors?: FormErrors; conflict?: ReturnType<typeof conflictRows> } = {}, status = 200) {
    res.status(status).render('pages/teaching-sets/form', {
      pageTitle: `Change ${set.title}`,
      heading: 'Change the teaching set',
      caption: set.title,
      action: `${setHref(set.id)}/edit`,
      button: 'Save changes',
      cancelHref: setHref(set.id),
      editing: true,
      values,
      errors: extra.errors ?? noErrors(),
      conflict: extra.conflict,
    });
  }

  router.get('/teaching-sets/new', ...trainers, (_req, res) => renderNew(res, emptyValues()));

  router.post('/teaching-sets', ...trainers, async (req, res) => {
    const values = valuesFrom(req.body);
    const parsed = setForm.safeParse({ ...values, version: '1' });
    if (!parsed.success) return renderNew(res, values, everyProblem(parsed.error, values), 400);
    let id: number;
    try {
      id = await sets.create(actor(req), parsed.data);
    } catch (err) {
      if (err instanceof IdentifierFoundError) return renderNew(res, values, findingErrors(err.findings), 400);
      throw err;
    }
    req.session.flash = 'The teaching set has been created. Add cases from a case page, or by reference below';
    res.redirect(303, setHref(id));
  });

  router.get('/teaching-sets/:setId/edit', ...trainers, async (req, res) => {
    const set = await loadSet(sets, req);
    const errors = set.archived_at === null ? noErrors() : { list: [{ text: 'This teaching set is archived: unarchive it before changing it', href: '#title' }], byField: {} };
    renderEdit(res, set, valuesOf(set), { errors });
  });

  router.post('/teaching-sets/:setId/edit', ...trainers, async (req, res) => {
    const set = await loadSet(sets, req);
    const values = valuesFrom(req.body);
    const parsed = setForm.safeParse(values);
    if (!parsed.success) return renderEdit(res, set, values, { errors: everyProblem(parsed.error, values) }, 400);
    try {
      await sets.update(actor(req), set.id, parsed.data);
    } catch (err) {
      if (err instanceof IdentifierFoundError) return renderEdit(res, set, values, { errors: findingErrors(err.findings) }, 400);
      if (err instanceof SetConflictError) {
        // The form keeps this user's values but takes the stored version: saving again is a deliberate overwrite.
        const errors = { list: [{ text: 'Someone else changed this teaching set after you opened it. Nothing has been saved', href: '#conflict' }], byField: {} };
        return renderEdit(res, err.current, { ...values, version: String(err.current.version) }, { errors, conflict: conflictRows(err.current, values) }, 409);
      }
      if (err instanceof SetRuleError) return renderEdit(res, set, values, { errors: { list: [{ text: err.message, href: '#title' }], byField: {} } }, 409);
      throw err;
    }
    req.session.flash = 'The teaching set has been updated';
    res.redirect(303, setHref(set.id));
  });

  for (const [path, archived] of [['archive', true], ['unarchive', false]] as const) {
    router.post(`/teaching-sets/:setId/${path}`, ...trainers, async (req, res) => {
      const set = await loadSet(sets, req);
      await sets.setArchived(actor(req), set.id, archived);
      req.session.flash = archived ? 'The teaching set has been archived. It can still be read, taught from and exported' : 'The teaching set has been unarchived';
      res.redirect(303, setHref(set.id));
    });
  }

  return router;
}
