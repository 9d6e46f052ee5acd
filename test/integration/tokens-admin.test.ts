import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { $, createTestApp, createUser, signedInAgent, tokenFor, type TestContext } from '../support/test-app.ts';

let ctx: TestContext;
let admin: ReturnType<typeof request.agent>;
let trainerId: number;

beforeEach(async () => {
  ctx = await createTestApp();
  await createUser(ctx, 'admin');
  trainerId = (await createUser(ctx, 'trainer')).id;
  admin = await signedInAgent(ctx, 'admin@test.casebook.test');
});
afterEach(async () => ctx.close());

const post = async (path: string, body: Record<string, unknown>) => admin.post(path).type('form').send({ ...body, _csrf: await tokenFor(admin, '/admin/tokens') });

describe('API tokens page', () => {
  it('creates a token, shows it once, and it works on the API', async () => {
    const res = await post('/admin/tokens', { user: String(trainerId), label: 'Teaching import' });
    expect(res.headers.location).toBe('/admin/tokens');
    const page = $((await admin.get('/admin/tokens').expect(200)).text);
    const token = page('[data-new-token] code').text();
    expect(token).toMatch(/^cb_/);
    expect(page('tbody tr').first().text()).toContain('Teaching import');
    await request(ctx.app).get('/api/v1/vocabularies').set('Authorization', `Bearer ${token}`).expect(200);
    const again = $((await admin.get('/admin/tokens')).text);
    expect(again('[data-new-token]')).toHaveLength(0);
  });

  it('revokes a token', async () => {
    await post('/admin/tokens', { user: String(trainerId), label: 'Old feed' });
    const page = $((await admin.get('/admin/tokens')).text);
    const token = page('[data-new-token] code').text();
    const id = page('tbody tr').first().attr('data-token');
    await post(`/admin/tokens/${id}/revoke`, {});
    const after = $((await admin.get('/admin/tokens')).text);
    expect(after('.nhsuk-notification-banner').text()).toContain('The token has been revoked');
    expect(after(`tr[data-token="${id}"] .nhsuk-tag`).text().trim()).toBe('Revoked');
    await request(ctx.app).get('/api/v1/vocabularies').set('Authorization', `Bearer ${token}`).expect(401);
  });

  it('tells a revoke that did nothing as not done, and marks a deactivated user\'s token as refused', async () => {
    await post('/admin/tokens', { user: String(trainerId), label: 'Feed' });
    const id = $((await admin.get('/admin/tokens')).text)('tbody tr').first().attr('data-token');
    await post(`/admin/tokens/${id}/revoke`, {});
    await admin.get('/admin/tokens');
    await post(`/admin/tokens/${id}/revoke`, {});
    const again = $((await admin.get('/admin/tokens')).text);
    expect(again('.nhsuk-notification-banner--success')).toHaveLength(0);
    expect(again('.nhsuk-notification-banner').text()).toContain('That token was already revoked or does not exist: nothing was changed');
    await post('/admin/tokens', { user: String(trainerId), label: 'Second feed' });
    await ctx.db.updateTable('users').set({ active: 0 }).where('id', '=', trainerId).execute();
    const page = $((await admin.get('/admin/tokens')).text);
    expect(page('tbody tr').filter((_, tr) => page(tr).text().includes('Second feed')).find('.nhsuk-tag').text()).toContain('User deactivated: refused');
  });

  it('explains missing fields and creates nothing', async () => {
    const res = await post('/admin/tokens', { user: '', label: '' });
    expect(res.status).toBe(400);
    const $$ = $(res.text);
    expect($$('.nhsuk-error-summary li').map((_, li) => $$(li).text().trim()).get()).toEqual(['Select who the token is for', 'Enter what the token is for']);
    const bad = await post('/admin/tokens', { user: '9999', label: 'x' });
    expect($(bad.text)('#user-error').text()).toContain('Select an active user from the list');
    expect(await ctx.db.selectFrom('api_tokens').selectAll().execute()).toEqual([]);
  });
});
