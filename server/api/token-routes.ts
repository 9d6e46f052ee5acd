import { type Response, Router } from 'express';
import { z } from 'zod';
import { requireRole } from '../auth/middleware.ts';
import type { UserService } from '../users/service.ts';
import { formErrors, noErrors } from '../web/form-errors.ts';
import { identifiesNoOne, text } from '../web/form-fields.ts';
import type { TokenService } from './tokens.ts';

const NewTokenForm = z.object({
  user: z.preprocess((v) => (v === undefined || v === '' ? undefined : v), z.coerce.number({ error: 'Select who the token is for' }).int().positive('Select who the token is for')),
  label: text({ required: 'Enter what the token is for', max: 100, tooLong: 'What the token is for must be 100 characters or fewer' }).superRefine(identifiesNoOne('What the token is for', { allow: ['date'] })),
});
const FIELDS = ['user', 'label'] as const;
const TokenId = z.coerce.number().int().positive();

/** Admin pages for API tokens: create (shown once), list, revoke. */
export function tokenRoutes(tokens: TokenService, users: UserService): Router {
  const router = Router();
  router.use('/admin/tokens', ...requireRole('admin'));

  async function render(res: Response, extra: Record<string, unknown> = {}, status = 200) {
    const [all, list] = await Promise.all([users.list(), tokens.listFor()]);
    const emails = new Map(all.map((u) => [u.id, u.email]));
    const selected = String((extra.values as { user?: string } | undefined)?.user ?? '');
    res.status(status).render('pages/admin/tokens', {
      pageTitle: 'API tokens',
      userItems: [{ value: '', text: 'Choose a user' }, ...all.filter((u) => u.active).map((u) => ({ value: String(u.id), text: `${u.email} (${u.role})`, selected: selected === String(u.id) }))],
      // A deactivated user's token is refused by the API, so it is shown as not working.
      tokens: list.map((t) => ({ ...t, email: emails.get(t.userId) ?? 'unknown', userInactive: !all.find((u) => u.id === t.userId)?.active })),
      values: {},
      errors: noErrors(),
      ...extra,
    });
  }

  router.get('/admin/tokens', async (req, res) => {
    const created = req.session.createdToken;
    delete req.session.createdToken;
    const { flash, flashProblem } = req.session;
    delete req.session.flash;
    delete req.session.flashProblem;
    await render(res, { created, flash, flashProblem });
  });

  router.post('/admin/tokens', async (req, res) => {
    const values = { user: typeof req.body?.user === 'string' ? req.body.user : '', label: typeof req.body?.label === 'string' ? req.body.label : '' };
    const parsed = NewTokenForm.safeParse(req.body ?? {});
    if (!parsed.success) return render(res, { values, errors: formErrors(parsed.error, FIELDS) }, 400);
    const owner = await users.findActive(parsed.data.user);
    if (!owner) return render(res, { values, errors: formErrors(new z.ZodError([{ code: 'custom', path: ['user'], message: 'Select an active user from the list', input: values.user }]), FIELDS) }, 400);
    const { token } = await tokens.create(users.actorFor(req.user!), owner.id, parsed.data.label);
    // Shown once, on the next page only; the database keeps just its hash.
    req.session.createdToken = { token, email: owner.email };
    res.redirect('/admin/tokens');
  });

  router.post('/admin/tokens/:id/revoke', async (req, res) => {
    const id = TokenId.safeParse(req.params.id);
    const revoked = id.success && (await tokens.revoke(users.actorFor(req.user!), id.data));
    // A double click finds it revoked already: told as nothing done, not as a success.
    if (revoked) req.session.flash = 'The token has been revoked';
    else req.session.flashProblem = 'That token was already revoked or does not exist: nothing was changed';
    res.redirect('/admin/tokens');
  });

  return router;
}
