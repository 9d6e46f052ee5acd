import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenService } from '../../server/api/tokens.ts';
import { pathForAudit } from '../../server/audit/admin-reads.ts';
import { createAuditService } from '../../server/audit/service.ts';
import { logCase } from '../support/cases.ts';
import { $, createTestApp, createUser, signedInAgent, type TestContext } from '../support/test-app.ts';

let ctx: TestContext;
let admin: ReturnType<typeof request.agent>;
let adminToken: string;
let safety: ReturnType<typeof request.agent>;
let ref: string;

beforeAll(async () => {
  ctx = await createTestApp();
  const author = await createUser(ctx, 'safety');
  safety = await signedInAgent(ctx, author.email);
  const adminUser = await createUser(ctx, 'admin');
  admin = await signedInAgent(ctx, adminUser.email);
  const clock = () => new Date(ctx.clock.now);
  adminToken = (await createTokenService({ db: ctx.db, audit: createAuditService(clock), clock }).create({ id: null, label: 'test' }, adminUser.id, 'admin feed')).token;
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

  it('is written for the API too, as an administrator may hold a token', async () => {
    const before = (await reads()).length;
    const auth = { Authorization: `Bearer ${adminToken}` };
    await request(ctx.app).get(`/api/v1/cases/${ref}`).set(auth).expect(200);
    await request(ctx.app).get('/api/v1/search?q=ct').set(auth).expect(200);
    await request(ctx.app).get('/api/v1/vocabularies').set(auth).expect(200);
    expect((await reads()).slice(before)).toEqual([
      ['admin@test.casebook.test', `/api/v1/cases/${ref}`],
      ['admin@test.casebook.test', '/api/v1/search'],
    ]);
  });

  it('is written whatever the letter case of the address, which express matches all the same', async () => {
    const before = (await reads()).length;
    await admin.get(`/CASES/${ref.toLowerCase()}`).expect(200);
    await admin.get('/Search?q=ct').expect(200);
    await request(ctx.app).get(`/API/V1/CASES/${ref}`).set({ Authorization: `Bearer ${adminToken}` }).expect(200);
    expect((await reads()).slice(before)).toEqual([
      ['admin@test.casebook.test', `/cases/${ref}`],
      ['admin@test.casebook.test', '/search'],
      ['admin@test.casebook.test', `/api/v1/cases/${ref}`],
    ]);
  });

  it('records what was typed into an address only when it is a word, a reference or an id', async () => {
    const before = (await reads()).length;
    await admin.get('/cases/943%20476%205919').expect(404);
    expect((await reads()).slice(before)).toEqual([['admin@test.casebook.test', '/cases/…']]);
    expect(pathForAudit('/teaching-sets/12/handout')).toBe('/teaching-sets/12/handout');
    expect(pathForAudit('/cases/CB-2026-00001/edit')).toBe('/cases/CB-2026-00001/edit');
    expect(pathForAudit('/cases/9434765919')).toBe('/cases/…');
    expect(pathForAudit('/cases/j.smith@nhs.net')).toBe('/cases/…');
    expect(pathForAudit('/search/sw1a1aa')).toBe('/search/…');
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
