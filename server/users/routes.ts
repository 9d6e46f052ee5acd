import { type Request, type Response, Router } from 'express';
import { requireRole } from '../auth/middleware.ts';
import { ROLE_LABELS, ROLES } from '../domain/roles.ts';
import { notFound } from '../web/errors.ts';
import { formErrors, fromMessages, noErrors } from '../web/form-errors.ts';
import { EDIT_USER_FIELDS, EditUserForm, NEW_USER_FIELDS, NewUserForm, RESET_PASSWORD_FIELDS, ResetPasswordForm, UserIdParam } from './schema.ts';
import { type User, UserError, type UserService } from './service.ts';

const roleOptions = (checked?: string) =>
  ROLES.map((r) => ({ value: r, text: ROLE_LABELS[r], ...(r === checked ? { checked: true } : {}) }));

const str = (v: unknown) => (typeof v === 'string' ? v : '');

export function userRoutes(users: UserService): Router {
  const router = Router();
  router.use('/admin/users', ...requireRole('admin'));

  async function loadUser(req: Request): Promise<User> {
    const id = UserIdParam.safeParse(req.params.id);
    const user = id.success ? await users.get(id.data) : undefined;
    if (!user) throw notFound('User not found');
    return user;
  }

  function renderEdit(res: Response, user: User, extra: Record<string, unknown> = {}, status = 200) {
    res.status(status).render('pages/admin/user-edit', {
      // The password form's errors are its own, so the title's "Error: " cannot come from `errors`.
      pageTitle: `${status >= 400 ? 'Error: ' : ''}Change ${user.email}`,
      subject: user,
      roleItems: roleOptions(user.role),
      values: { role: user.role, status: user.active ? 'active' : 'deactivated' },
      errors: noErrors(),
      passwordErrors: noErrors(),
      ...extra,
    });
  }

  router.get('/admin/users', async (req, res) => {
    const flash = req.session.flash;
    delete req.session.flash;
    res.render('pages/admin/users', { pageTitle: 'Users', users: await users.list(), roleLabels: ROLE_LABELS, flash });
  });

  router.get('/admin/users/new', (_req, res) => {
    res.render('pages/admin/user-new', { pageTitle: 'Add a user', roleItems: roleOptions(), values: {}, errors: noErrors() });
  });

  router.post('/admin/users', async (req, res) => {
    const values = { email: str(req.body?.email), role: str(req.body?.role) };
    const render = (errors: ReturnType<typeof noErrors>) =>
      res.status(400).render('pages/admin/user-new', { pageTitle: 'Add a user', roleItems: roleOptions(values.role), values, errors });
    const parsed = NewUserForm.safeParse(req.body ?? {});
    if (!parsed.success) return render(formErrors(parsed.error, NEW_USER_FIELDS));
    try {
      const user = await users.create(users.actorFor(req.user!), parsed.data);
      req.session.flash = `${user.email} has been added as ${ROLE_LABELS[user.role].toLowerCase()}`;
      res.redirect('/admin/users');
    } catch (err) {
      if (err instanceof UserError) return render(fromMessages({ [err.field]: err.message }, NEW_USER_FIELDS));
      throw err;
    }
  });

  router.get('/admin/users/:id', async (req, res) => renderEdit(res, await loadUser(req)));

  router.post('/admin/users/:id', async (req, res) => {
    const user = await loadUser(req);
    const parsed = EditUserForm.safeParse(req.body ?? {});
    const values = { role: str(req.body?.role), status: str(req.body?.status) };
    if (!parsed.success) {
      return renderEdit(res, user, { values, roleItems: roleOptions(values.role), errors: formErrors(parsed.error, EDIT_USER_FIELDS) }, 400);
    }
    try {
      const updated = await users.update(users.actorFor(req.user!), user.id, { role: parsed.data.role, active: parsed.data.status === 'active' });
      req.session.flash = `${updated.email} has been updated`;
      res.redirect('/admin/users');
    } catch (err) {
      if (err instanceof UserError) {
        const field = err.field === 'active' ? 'status' : err.field;
        return renderEdit(res, user, { values, roleItems: roleOptions(values.role), errors: fromMessages({ [field]: err.message }, EDIT_USER_FIELDS) }, 400);
      }
      throw err;
    }
  });

  router.post('/admin/users/:id/password', async (req, res) => {
    const user = await loadUser(req);
    const parsed = ResetPasswordForm.safeParse(req.body ?? {});
    if (!parsed.success) return renderEdit(res, user, { passwordErrors: formErrors(parsed.error, RESET_PASSWORD_FIELDS) }, 400);
    await users.resetPassword(users.actorFor(req.user!), user.id, parsed.data.password, req.sessionID);
    req.session.flash = `The password for ${user.email} has been reset. Give it to them securely`;
    res.redirect('/admin/users');
  });

  return router;
}
