import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import { requireRole } from '../auth/middleware.ts';
import type { UserService } from '../users/service.ts';
import { notFound } from '../web/errors.ts';
import { formErrors, noErrors } from '../web/form-errors.ts';
import { identifiesNoOne, text } from '../web/form-fields.ts';
import type { CaseService, CaseView } from './service.ts';

const version = z.preprocess((v) => Number(Array.isArray(v) ? v[0] : v), z.number().int().positive()).optional().catch(undefined);

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
    if (!c) throw notFound(`There is no case ${req.params.ref}`);
    return c;
  }

  router.post('/cases/:ref/close', ...requireRole('safety', 'director'), async (req, res) => {
    const c = await load(req);
    await cases.close(users.actorFor(req.user!), c.ref, version.parse(req.body?.version));
    req.session.flash = `${c.ref} has been closed`;
    res.redirect(303, `/cases/${c.ref}`);
  });

  for (const [kind, roles] of [
    ['reopen', ['director']],
    ['withdraw', ['safety', 'director']],
  ] as const) {
    const page = PAGES[kind];
    const show = (res: Response, c: CaseView, values: Record<string, unknown>, errors = noErrors(), status = 200) =>
      res.status(status).render('pages/cases/reason', { pageTitle: `${errors.list.length ? 'Error: ' : ''}${page.heading}`, c, page, action: `/cases/${c.ref}/${kind}`, values, errors });

    router.get(`/cases/:ref/${kind}`, ...requireRole(...roles), async (req, res) => {
      const c = await load(req);
      show(res, c, { version: c.version });
    });

    router.post(`/cases/:ref/${kind}`, ...requireRole(...roles), async (req, res) => {
      const c = await load(req);
      const parsed = ReasonForm.safeParse(req.body ?? {});
      if (!parsed.success) return show(res, c, { reason: req.body?.reason, version: req.body?.version }, formErrors(parsed.error, ['reason']), 400);
      const actor = users.actorFor(req.user!);
      if (kind === 'reopen') await cases.reopen(actor, c.ref, parsed.data.reason, parsed.data.version);
      else await cases.withdraw(actor, c.ref, parsed.data.reason, parsed.data.version);
      req.session.flash = page.done(c.ref);
      res.redirect(303, `/cases/${c.ref}`);
    });
  }
  return router;
}
