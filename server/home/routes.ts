import { Router } from 'express';
import { ROLE_LABELS } from '../domain/roles.ts';

export function homeRoutes(): Router {
  const router = Router();

  router.get('/', (req, res) => {
    if (!req.user) return res.redirect('/sign-in');
    const role = req.user.role;
    res.render(`pages/home/${role}`, { pageTitle: ROLE_LABELS[role], roleLabel: ROLE_LABELS[role] });
  });

  router.get('/accessibility', (_req, res) => res.render('pages/accessibility', { pageTitle: 'Accessibility statement' }));
  router.get('/cookies', (_req, res) => res.render('pages/cookies', { pageTitle: 'Cookies' }));

  return router;
}
