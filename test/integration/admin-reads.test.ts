import type request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logCase } from '../support/cases.ts';
import { $, createTestApp, createUser, signedInAgent, type TestContext } from '../support/test-app.ts';

let ctx: TestContext;
let admin: ReturnType<typeof request.agent>;
let safety: ReturnType<typeof request.agent>;
let ref: string;

beforeAll(async () => {
  ctx = await createTestApp();
  const author = await createUser(ctx, 'safety');
  safety = await signedInAgent(ctx, author.email);
  admin = await signedInAgent(ctx, (await createUser(ctx, 'admin')).email);
  ref = (await logCase(ctx, author)).ref;
});
afterAll(async () => ctx.close());

const reads = async () => (await ctx.db.selectFrom('audit_events').select(['actor_label', 'entity_id']).where('action', '=', 'admin.read').orderBy('id').execute()).map((e) => [e.actor_label, e.entity_id]);

// DESIGN.md section 2: an administrator must never read what the role does not allow without it being audited.
describe('an administrator reading cases', () => {
  it('is written to the audit trail for every case page, by path and never by query', async () => {
    await admin.get(`/cases/${ref}`).expect(200);
    await admin.get('/search?q=943+476+5919').expect(200);
    await admin.get('/cases?status=draft').expect(200);
    expect(await reads()).toEqual([
      ['admin@test.casebook.test', `/cases/${ref}`],
      ['admin@test.casebook.test', '/search'],
      ['admin@test.casebook.test', '/cases'],
    ]);
  });

  it('is shown in the audit log page', async () => {
    const page = $((await admin.get('/admin/audit').expect(200)).text);
    expect(page('main').text()).toContain('Case pages read by an administrator');
  });

  it('is not recorded for the administrator’s own pages, or for anyone else reading cases', async () => {
    const before = (await reads()).length;
    await admin.get('/admin/users').expect(200);
    await safety.get(`/cases/${ref}`).expect(200);
    await safety.get('/search?q=ct').expect(200);
    expect(await reads()).toHaveLength(before);
  });
});
