import type request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { $, createTestApp, createUser, signedInAgent, tokenFor, type TestContext } from '../support/test-app.ts';

let ctx: TestContext;
let admin: ReturnType<typeof request.agent>;
let adminId: number;

beforeEach(async () => {
  ctx = await createTestApp();
  adminId = (await createUser(ctx, 'admin')).id;
  admin = await signedInAgent(ctx, 'admin@test.casebook.test');
});
afterEach(async () => ctx.close());

const post = async (path: string, body: Record<string, unknown>) =>
  admin.post(path).type('form').send({ ...body, _csrf: await tokenFor(admin, '/admin/users/new') });
const userCount = async () => Number((await ctx.db.selectFrom('users').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
const audits = (action: string) => ctx.db.selectFrom('audit_events').selectAll().where('action', '=', action).execute();

describe('users page', () => {
  it('lists users with role and status', async () => {
    await createUser(ctx, 'trainer');
    const $$ = $((await admin.get('/admin/users').expect(200)).text);
    const row = $$('tr[data-user="trainer@test.casebook.test"]');
    expect(row.find('td').eq(1).text()).toBe('Trainer');
    expect(row.find('.nhsuk-tag').text().trim()).toBe('Active');
  });
});

describe('adding a user', () => {
  it('adds a user, shows a confirmation, and audits it without the password', async () => {
    const res = await post('/admin/users', { email: 'New.Person@nhs.net', role: 'director', password: 'a-long-password-1' });
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/admin/users');
    const list = $((await admin.get('/admin/users')).text);
    expect(list('.nhsuk-notification-banner').text()).toContain('new.person@nhs.net has been added as clinical director');
    const event = (await audits('user.create')).find((e) => e.after_json?.includes('new.person@nhs.net'));
    expect(event).toMatchObject({ actor_id: adminId, entity_type: 'user' });
    expect(JSON.parse(event!.after_json!)).toEqual({ email: 'new.person@nhs.net', role: 'director', active: true });
    expect(event!.after_json).not.toMatch(/scrypt|password/);
  });

  it.each([
    [{ email: '', role: '', password: '' }, ['Enter an email address', 'Select a role', 'Enter a password']],
    [{ email: 'nope', role: 'director', password: 'a-long-password-1' }, ['Enter an email address in the correct format, like name@nhs.net']],
    [{ email: 'a@nhs.net', role: 'superuser', password: 'a-long-password-1' }, ['Select a role']],
    [{ email: 'a@nhs.net', role: 'trainer', password: 'short' }, ['Password must be 12 characters or more']],
    [{ email: 'a@nhs.net', role: 'trainer', password: 'x'.repeat(129) }, ['Password must be 128 characters or fewer']],
    [{ email: 'admin@test.casebook.test', role: 'trainer', password: 'a-long-password-1' }, ['A user with this email address already exists']],
  ])('refuses %j with specific errors and adds nobody', async (body, messages) => {
    const before = await userCount();
    const res = await post('/admin/users', body);
    expect(res.status).toBe(400);
    const $$ = $(res.text);
    expect($$('.nhsuk-error-summary li').map((_, li) => $$(li).text().trim()).get()).toEqual(messages);
    expect(await userCount()).toBe(before);
    if (body.email) expect($$('#email').val()).toBe(body.email);
  });
});

describe('changing a user', () => {
  it('changes a role and records before and after', async () => {
    const u = await createUser(ctx, 'trainer');
    const res = await post(`/admin/users/${u.id}`, { role: 'director', status: 'active' });
    expect(res.status).toBe(302);
    expect((await ctx.users.get(u.id))!.role).toBe('director');
    const [event] = await audits('user.role_change');
    expect(JSON.parse(event!.before_json!).role).toBe('trainer');
    expect(JSON.parse(event!.after_json!).role).toBe('director');
  });

  it('deactivates and reactivates, never deleting', async () => {
    const u = await createUser(ctx, 'safety');
    await post(`/admin/users/${u.id}`, { role: 'safety', status: 'deactivated' });
    expect((await ctx.users.get(u.id))!.active).toBe(false);
    const list = $((await admin.get('/admin/users')).text);
    expect(list('tr[data-user="safety@test.casebook.test"] .nhsuk-tag').text().trim()).toBe('Deactivated');
    await post(`/admin/users/${u.id}`, { role: 'safety', status: 'active' });
    expect((await ctx.users.get(u.id))!.active).toBe(true);
    expect((await audits('user.deactivate')).length).toBe(1);
    expect((await audits('user.reactivate')).length).toBe(1);
    // Both at once: each is its own event, so filtering the log by either finds it.
    const roleChanges = (await audits('user.role_change')).length;
    await post(`/admin/users/${u.id}`, { role: 'trainer', status: 'deactivated' });
    expect((await audits('user.deactivate')).length).toBe(2);
    expect((await audits('user.role_change')).length).toBe(roleChanges + 1);
  });

  it('stops an admin removing their own access', async () => {
    let res = await post(`/admin/users/${adminId}`, { role: 'trainer', status: 'active' });
    expect(res.status).toBe(400);
    expect($(res.text)('.nhsuk-error-summary').text()).toContain('You cannot remove your own administrator role');
    res = await post(`/admin/users/${adminId}`, { role: 'admin', status: 'deactivated' });
    expect($(res.text)('.nhsuk-error-summary').text()).toContain('You cannot deactivate your own account');
    expect((await ctx.users.get(adminId))!).toMatchObject({ role: 'admin', active: true });
  });

  it('refuses an invalid status or role', async () => {
    const u = await createUser(ctx, 'trainer');
    const res = await post(`/admin/users/${u.id}`, { role: 'trainer', status: 'deleted' });
    expect(res.status).toBe(400);
    expect($(res.text)('#status-error').text()).toContain('Select whether the account is active');
  });

  it('shows 404 for a user that does not exist', async () => {
    await admin.get('/admin/users/9999').expect(404);
    await admin.get('/admin/users/abc').expect(404);
  });

  it('resets a password, which also unlocks the account', async () => {
    const u = await createUser(ctx, 'trainer');
    // Signed in elsewhere before the reset: that session ends with it.
    const elsewhere = await signedInAgent(ctx, u.email);
    await elsewhere.get('/').expect(200);
    await ctx.db.updateTable('users').set({ failed_attempts: 5, locked_until: '2099-01-01T00:00:00.000Z' }).where('id', '=', u.id).execute();
    const short = await post(`/admin/users/${u.id}/password`, { password: 'short' });
    expect(short.status).toBe(400);
    expect($(short.text)('#password-error').text()).toContain('12 characters or more');
    expect($(short.text)('title').text()).toMatch(/^Error: Change /);
    const res = await post(`/admin/users/${u.id}/password`, { password: 'a-brand-new-password' });
    expect(res.status).toBe(302);
    const after = await elsewhere.get('/');
    expect(after.status).toBe(302);
    expect(after.headers.location).toMatch(/^\/sign-in/);
    // The administrator who reset it stays signed in.
    expect((await admin.get('/admin/users').expect(200)).status).toBe(200);
    await signedInAgent(ctx, u.email, 'a-brand-new-password');
    expect((await audits('user.password_reset')).length).toBe(1);
  });
});
