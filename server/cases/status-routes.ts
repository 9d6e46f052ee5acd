import { type Request, type Response, Router } from 'express';
import { refAsTyped } from '../domain/case-ref.ts';
import { z } from 'zod';
import { requireRole } from '../auth/middleware.ts';
import type { UserService } from '../users/service.ts';
import { notFound } from '../web/errors.ts';
import { formErrors, fromMessages, noErrors } from '../web/form-errors.ts';
import { identifiesNoOne, text } from '../web/form-fields.ts';
import { CaseStateError, type CaseService, type CaseView, VersionConflictError } from './service.ts';

/** The version the user saw. Without one there is nothing to check a change against, so nothing is done. */
const version = z.preprocess((v) => (v === undefined || v === '' ? undefined : Number(Array.isArray(v) ? v[0] : v)), z.number().int().positive().optional()).catch(-1);
const STALE = 'This page was out of date: check the case, then try again';

/** Reopening and withdrawing need a reason: it is audited, so it must not identify anyone either. */
const ReasonForm = z.object({
  reason: text({ required: 'Enter the reason', max: 1000, tooLong: 'The reason must be 1,000 characters or fewer' }).superRefine(identifiesNoOne('The reason')),
  version,
});

const PAGES = {
  reopen: {
    heading: 'Reopen this case',
    hint: 'Why it needs to change: for example, new information from the inquest. The reason is kept in the case’s history.',
    button: 'Reopen case',
    done: (ref: string) => `${ref} has been reopened`,
  },
  withdraw: {
    heading: 'Withdraw this case',
    hint: 'Why it should not be used: for example, logged twice, or not an imaging case. The case is kept, marked withdrawn, and left out of lists, trends and teaching sets.',
    button: 'Withdraw case',
    done: (ref: string) => `${ref} has been withdrawn`,
  },
} as const;

/** Close, reopen and withdraw: each checked against the version the user saw. */
export function caseStatusRoutes(cases: CaseService, users: UserService): Router {
  const router = Router();

  async function load(req: Request): Promise<CaseView> {
    const c = await cases.get(String(req.params.ref).toUpperCase());
    if (!c) throw notFound(`There is no case ${refAsTyped(req.params.ref)}`);
    return c;
  }

  router.post('/cases/:ref/close', ...requireRole('safety', 'director'), async (req, res) => {
    const c = await load(req);
    const seen = version.parse(req.body?.version);
    if (seen === undefined || seen < 0) {
      req.session.flashProblem = STALE;
      return res.redirect(303, `/cases/${c.ref}`);
    }
    await cases.close(users.actorFor(req.user!), c.ref, seen);
    req.session.flash = `${c.ref} has been closed`;
    res.redirect(303, `/cases/${c.ref}`);
  });

  for (const [kind, roles] of [
    ['reopen', ['director']],
    ['withdraw', ['safety', 'director']],
  ] as const) {
    const page = PAGES[kind];
    const show = (res: Response, c: CaseView, values: Record<string, unknown>, errors = noErrors(), status = 200) =>
      res.status(status).render('pages/cases/reason', { pageTitle: `${errors.list.length ? 'Error: ' : ''}${page.heading}: ${c.ref}`, c, page, action: `/cases/${c.ref}/${kind}`, values, errors });

    router.get(`/cases/:ref/${kind}`, ...requireRole(...roles), async (req, res) => {
      const c = await load(req);
      show(res, c, { version: c.version });
    });

    router.post(`/cases/:ref/${kind}`, ...requireRole(...roles), async (req, res) => {
      const c = await load(req);
      const parsed = ReasonForm.safeParse(req.body ?? {});
      if (!parsed.success) return show(res, c, { reason: req.body?.reason, version: req.body?.version }, formErrors(parsed.error, ['reason']), 400);
      const { reason, version: seen } = parsed.data;
      // Out of date: told on the form with the reason kept, now against the case as it is.
      const stale = (message: string, status: number) => show(res, c, { reason, version: c.version }, fromMessages({ reason: message }, ['reason']), status);
      if (seen === undefined || seen < 0) return stale(STALE, 400);
      const actor = users.actorFor(req.user!);
      try {
        if (kind === 'reopen') await cases.reopen(actor, c.ref, reason, seen);
        else await cases.withdraw(actor, c.ref, reason, seen);
      } catch (err) {
        if (err instanceof VersionConflictError) return stale(`${c.ref} was changed by someone else since you opened this page: check the case, then try again`, 409);
        if (err instanceof CaseStateError) return stale(err.message, 409);
        throw err;
      }
      req.session.flash = page.done(c.ref);
      res.redirect(303, `/cases/${c.ref}`);
    });
  }
  return router;
}
