import { Router } from 'express';
import type { ActionService } from '../actions/service.ts';
import type { CaseService } from '../cases/service.ts';
import type { Db } from '../db/database.ts';
import type { ReviewService } from '../reviews/service.ts';
import { current, loadVocabularies } from '../vocabularies/service.ts';
import { monthLabel } from '../domain/months.ts';
import { ROLE_LABELS } from '../domain/roles.ts';

export function homeRoutes(cases: CaseService, actions: ActionService, reviews: ReviewService, db: Db): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    if (!req.user) return res.redirect('/sign-in');
    const role = req.user.role;
    const drafts = role === 'safety' ? (await cases.draftsOf(req.user.id)).map((d) => ({ ...d, month: monthLabel(d.eventMonth) })) : [];
    const followsActions = role === 'safety' || role === 'director';
    const [open, overdue] = followsActions
      ? await Promise.all([actions.list({ status: 'open' }, 1, 1), actions.list({ status: 'open', overdueOn: actions.today() }, 1, 1)])
      : [undefined, undefined];
    // Directors see which reviews are overdue, department by department, where they start their day.
    const overdueReviews =
      role === 'director'
        ? (await reviews.cadence(current((await loadVocabularies(db)).departments).map((d) => ({ code: d.code, label: d.label })))).flatMap((u) => u.overdue.map((o) => ({ unit: u.label, quarter: o.label, dueBy: o.dueBy })))
        : [];
    res.render(`pages/home/${role}`, {
      overdueReviews,
      pageTitle: ROLE_LABELS[role],
      roleLabel: ROLE_LABELS[role],
      drafts,
      openActions: open?.total ?? 0,
      overdueActions: overdue?.total ?? 0,
    });
  });

  router.get('/accessibility', (_req, res) => res.render('pages/accessibility', { pageTitle: 'Accessibility statement' }));
  router.get('/cookies', (_req, res) => res.render('pages/cookies', { pageTitle: 'Cookies' }));

  return router;
}
