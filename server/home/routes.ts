import { Router } from 'express';
import type { ActionService } from '../actions/service.ts';
import type { CaseService } from '../cases/service.ts';
import { monthLabel } from '../domain/months.ts';
import { ROLE_LABELS } from '../domain/roles.ts';

export function homeRoutes(cases: CaseService, actions: ActionService): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    if (!req.user) return res.redirect('/sign-in');
    const role = req.user.role;
    const drafts = role === 'safety' ? (await cases.draftsOf(req.user.id)).map((d) => ({ ...d, month: monthLabel(d.eventMonth) })) : [];
    const followsActions = role === 'safety' || role === 'director';
    const [open, overdue] = followsActions
      ? await Promise.all([actions.list({ status: 'open' }, 1, 1), actions.list({ status: 'open', overdueOn: actions.today() }, 1, 1)])
      : [undefined, undefined];
    res.render(`pages/home/${role}`, {
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
