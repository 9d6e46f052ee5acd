import { Router } from 'express';
import type { CaseService } from '../cases/service.ts';
import { monthLabel } from '../domain/months.ts';
import { ROLE_LABELS } from '../domain/roles.ts';

export function homeRoutes(cases: CaseService): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    if (!req.user) return res.redirect('/sign-in');
    const role = req.user.role;
    const drafts = role === 'safety' ? (await cases.draftsOf(req.user.id)).map((d) => ({ ...d, month: monthLabel(d.eventMonth) })) : [];
    res.render(`pages/home/${role}`, { pageTitle: ROLE_LABELS[role], roleLabel: ROLE_LABELS[role], drafts });
  });

  router.get('/accessibility', (_req, res) => res.render('pages/accessibility', { pageTitle: 'Accessibility statement' }));
  router.get('/cookies', (_req, res) => res.render('pages/cookies', { pageTitle: 'Cookies' }));

  return router;
}
