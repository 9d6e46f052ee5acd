import { Router } from 'express';
import type { UserService } from '../users/service.ts';
import { formErrors, fromMessages, noErrors } from '../web/form-errors.ts';
import { safeNextPath } from '../web/safe-redirect.ts';
import { SIGN_IN_FIELDS, SignInForm } from './schema.ts';
import { LOCK_MINUTES, MAX_FAILED_ATTEMPTS } from '../domain/lockout.ts';

const FAILURE_MESSAGES = {
  invalid: 'The email address or password is incorrect',
  inactive: 'This account has been deactivated. Contact your administrator if you still need access',
} as const;

function lockedMessage(minutes: number): string {
  const wait = minutes <= 1 ? '1 minute' : `${minutes} minutes`;
  return `This account is locked for ${LOCK_MINUTES} minutes after ${MAX_FAILED_ATTEMPTS} incorrect passwords. Try again in ${wait}, or ask an administrator to reset your password`;
}

export function authRoutes(users: UserService): Router {
  const router = Router();

  router.get('/sign-in', (req, res) => {
    if (req.user) return res.redirect('/');
    res.render('pages/sign-in', { pageTitle: 'Sign in', values: { next: safeNextPath(req.query.next, '') }, errors: noErrors() });
  });

  router.post('/sign-in', async (req, res) => {
    const parsed = SignInForm.safeParse(req.body ?? {});
    const values = { email: typeof req.body?.email === 'string' ? req.body.email : '', next: safeNextPath(req.body?.next, '') };
    if (!parsed.success) {
      res.status(400).render('pages/sign-in', { pageTitle: 'Sign in', values, errors: formErrors(parsed.error, SIGN_IN_FIELDS) });
      return;
    }
    const result = await users.signIn(parsed.data.email, parsed.data.password);
    if (!result.ok) {
      const message = result.reason === 'locked' ? lockedMessage(result.minutes) : FAILURE_MESSAGES[result.reason];
      res.status(401).render('pages/sign-in', { pageTitle: 'Sign in', values, errors: fromMessages({ email: message }, SIGN_IN_FIELDS) });
      return;
    }
    // A new session id at sign-in, so an id planted before sign-in is worthless after it.
    await new Promise<void>((resolve, reject) => req.session.regenerate((err) => (err ? reject(err) : resolve())));
    req.session.userId = result.user.id;
    await new Promise<void>((resolve, reject) => req.session.save((err) => (err ? reject(err) : resolve())));
    res.redirect(safeNextPath(parsed.data.next));
  });

  router.post('/sign-out', async (req, res) => {
    if (req.user) await users.recordSignOut(req.user);
    await new Promise<void>((resolve, reject) => req.session.destroy((err) => (err ? reject(err) : resolve())));
    res.clearCookie('casebook.sid');
    res.redirect('/signed-out');
  });

  router.get('/signed-out', (req, res) => {
    if (req.user) return res.redirect('/');
    res.render('pages/signed-out', { pageTitle: 'You have signed out' });
  });

  return router;
}
