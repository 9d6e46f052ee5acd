import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { $, createTestApp, createUser, csrfFrom, signedInAgent, TEST_PASSWORD, type TestContext } from '../support/test-app.ts';

let ctx: TestContext;
beforeEach(async () => {
  ctx = await createTestApp();
});
afterEach(async () => ctx.close());

const auditActions = async () => (await ctx.db.selectFrom('audit_events').select('action').orderBy('id').execute()).map((r) => r.action);

async function attempt(agent: ReturnType<typeof request.agent>, body: Record<string, unknown>) {
  const page = await agent.get('/sign-in');
  return agent.post('/sign-in').type('form').send({ ...body, _csrf: csrfFrom(page.text) });
}

describe('sign-in page', () => {
  it('sends people who are not signed in to the sign-in page', async () => {
    const res = await request(ctx.app).get('/').expect(302);
    expect(res.headers.location).toBe('/sign-in');
  });

  it('shows the form with email, password and a CSRF token', async () => {
    const res = await request(ctx.app).get('/sign-in').expect(200);
    const $$ = $(res.text);
    expect($$('h1').text()).toBe('Sign in to Casebook');
    expect($$('form[action="/sign-in"] input[name="email"][type="email"]')).toHaveLength(1);
    expect($$('form[action="/sign-in"] input[name="password"][type="password"]')).toHaveLength(1);
    expect($$('input[name="_csrf"]').val()).toBeTruthy();
    expect($$('.nhsuk-header__service-name').text().trim()).toBe('Casebook');
    expect($$('title').text()).toContain('Casebook – learning from imaging cases');
  });

  it('refuses a POST without the CSRF token with 403', async () => {
    await createUser(ctx, 'safety');
    const agent = request.agent(ctx.app);
    await agent.get('/sign-in');
    const res = await agent.post('/sign-in').type('form').send({ email: 'safety@test.casebook.test', password: TEST_PASSWORD });
    expect(res.status).toBe(403);
    expect($(res.text)('h1').text()).toBe('This form has expired');
    // An expired form is not a matter of role.
    expect($(res.text)('main').text()).not.toContain('Your role does not include this page');
    expect(await auditActions()).not.toContain('auth.sign_in');
  });

  it('explains each missing field in an error summary', async () => {
    const res = await attempt(request.agent(ctx.app), { email: '', password: '' });
    expect(res.status).toBe(400);
    const $$ = $(res.text);
    const links = $$('.nhsuk-error-summary a').map((_, a) => [[$$(a).attr('href'), $$(a).text().trim()]]).get();
    expect(links).toEqual([
      ['#email', 'Enter your email address'],
      ['#password', 'Enter your password'],
    ]);
    expect($$('#email-error').text()).toContain('Enter your email address');
    expect($$('title').text()).toMatch(/^Error: /);
  });

  it('rejects a malformed, overlong or wrongly typed email with a specific message and keeps the input', async () => {
    let res = await attempt(request.agent(ctx.app), { email: 'not-an-email', password: 'x' });
    expect(res.status).toBe(400);
    expect($(res.text)('#email-error').text()).toContain('Enter an email address in the correct format');
    expect($(res.text)('#email').val()).toBe('not-an-email');

    res = await attempt(request.agent(ctx.app), { email: `${'a'.repeat(250)}@x.nhs.uk`, password: 'x' });
    expect(res.status).toBe(400);
    expect($(res.text)('#email-error').text()).toContain('254 characters or fewer');

    res = await attempt(request.agent(ctx.app), { email: ['a@b.nhs.uk', 'c@d.nhs.uk'], password: 'x' });
    expect(res.status).toBe(400);
    expect($(res.text)('#email-error').text()).toContain('Enter your email address');
  });

  it('says the email or password is incorrect, and audits the failure', async () => {
    await createUser(ctx, 'safety');
    const res = await attempt(request.agent(ctx.app), { email: 'safety@test.casebook.test', password: 'wrong password' });
    expect(res.status).toBe(401);
    expect($(res.text)('.nhsuk-error-summary').text()).toContain('The email address or password is incorrect');
    expect(await auditActions()).toContain('auth.sign_in_failed');
  });

  it('locks an account for 15 minutes after 5 failed attempts, then lets the right password in', async () => {
    await createUser(ctx, 'safety');
    const agent = request.agent(ctx.app);
    for (let i = 0; i < 4; i++) await attempt(agent, { email: 'safety@test.casebook.test', password: 'wrong' });
    const fifth = await attempt(agent, { email: 'safety@test.casebook.test', password: 'wrong' });
    expect($(fifth.text)('.nhsuk-error-summary').text()).toContain('This account is locked for 15 minutes after 5 incorrect passwords');

    const whileLocked = await attempt(agent, { email: 'safety@test.casebook.test', password: TEST_PASSWORD });
    expect(whileLocked.status).toBe(401);
    expect($(whileLocked.text)('.nhsuk-error-summary').text()).toContain('Try again in 15 minutes');
    expect(await auditActions()).toContain('auth.account_locked');

    ctx.clock.now = new Date(ctx.clock.now.getTime() + 15 * 60_000);
    const after = await attempt(agent, { email: 'safety@test.casebook.test', password: TEST_PASSWORD });
    expect(after.status).toBe(302);
  });

  it('counts wrong passwords sent at once, each of them, so they lock the account too', async () => {
    const user = await createUser(ctx, 'trainer');
    const results = await Promise.all(Array.from({ length: 8 }, () => ctx.users.signIn(user.email, 'wrong')));
    expect(results.some((r) => !r.ok && r.reason === 'locked')).toBe(true);
    const row = await ctx.db.selectFrom('users').select(['failed_attempts', 'locked_until']).where('id', '=', user.id).executeTakeFirstOrThrow();
    expect(row.failed_attempts).toBeGreaterThanOrEqual(5);
    expect(row.locked_until).not.toBeNull();
    expect(await ctx.users.signIn(user.email, TEST_PASSWORD)).toMatchObject({ ok: false, reason: 'locked' });
  });

  it('signs in with a new session id, a safe cookie, and an audit event', async () => {
    await createUser(ctx, 'director');
    const agent = request.agent(ctx.app);
    const page = await agent.get('/sign-in');
    const before = (page.headers['set-cookie'] as unknown as string[])[0]!.split(';')[0];
    const res = await agent.post('/sign-in').type('form').send({ email: 'Director@Test.Casebook.Test ', password: TEST_PASSWORD, _csrf: csrfFrom(page.text) });
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/');
    const cookie = (res.headers['set-cookie'] as unknown as string[])[0]!;
    expect(cookie.split(';')[0]).not.toBe(before);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/);
    expect(await auditActions()).toContain('auth.sign_in');
  });

  it('returns to the page asked for, but never to another site', async () => {
    await createUser(ctx, 'admin');
    let res = await attempt(request.agent(ctx.app), { email: 'admin@test.casebook.test', password: TEST_PASSWORD, next: '/admin/audit' });
    expect(res.headers.location).toBe('/admin/audit');
    res = await attempt(request.agent(ctx.app), { email: 'admin@test.casebook.test', password: TEST_PASSWORD, next: '//evil.example/' });
    expect(res.headers.location).toBe('/');
  });

  it('keeps a deactivated account out, and ends the session of one deactivated while signed in', async () => {
    const user = await createUser(ctx, 'trainer');
    const agent = await signedInAgent(ctx, user.email);
    await agent.get('/').expect(200);
    await ctx.users.update({ id: null, label: 'test' }, user.id, { role: 'trainer', active: false });
    expect((await agent.get('/')).headers.location).toBe('/sign-in');
    const res = await attempt(request.agent(ctx.app), { email: user.email, password: TEST_PASSWORD });
    expect(res.status).toBe(401);
    expect($(res.text)('.nhsuk-error-summary').text()).toContain('deactivated');
  });

  it('signs out: the session ends and the event is audited', async () => {
    const user = await createUser(ctx, 'safety');
    const agent = await signedInAgent(ctx, user.email);
    const home = await agent.get('/').expect(200);
    const action = $(home.text)('form[action^="/sign-out"]').attr('action')!;
    expect(action).toMatch(/^\/sign-out\?_csrf=/);
    const res = await agent.post(action);
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/signed-out');
    expect((await agent.get('/')).headers.location).toBe('/sign-in');
    expect(await auditActions()).toContain('auth.sign_out');
  });

  it('refuses sign-out without the token', async () => {
    const user = await createUser(ctx, 'safety');
    const agent = await signedInAgent(ctx, user.email);
    await agent.post('/sign-out').expect(403);
    await agent.get('/').expect(200);
  });
});

describe('secure cookies in production', () => {
  it('marks the session cookie Secure behind a TLS proxy', async () => {
    const prod = await createTestApp({ NODE_ENV: 'production', SESSION_SECRET: 'p'.repeat(40), SEED_DEMO: 'false', TRUST_PROXY: 'true' });
    try {
      const res = await request(prod.app).get('/sign-in').set('X-Forwarded-Proto', 'https').expect(200);
      expect((res.headers['set-cookie'] as unknown as string[])[0]).toMatch(/Secure/);
    } finally {
      await prod.close();
    }
  });
});
