import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenService } from '../../server/api/tokens.ts';
import { createAuditService } from '../../server/audit/service.ts';
import type { Role } from '../../server/domain/roles.ts';
import { insertDepartmentIfMissing } from '../../server/vocabularies/repository.ts';
import { validCase } from '../support/cases.ts';
import { createTestApp, createUser, type TestContext } from '../support/test-app.ts';

let ctx: TestContext;
const tokenOf = {} as Record<Role, string>;

beforeAll(async () => {
  ctx = await createTestApp();
  await insertDepartmentIfMissing(ctx.db, 'north', 'North General Hospital imaging');
  const clock = () => new Date(ctx.clock.now);
  const tokens = createTokenService({ db: ctx.db, audit: createAuditService(clock), clock });
  for (const role of ['safety', 'director', 'trainer', 'admin'] as const) {
    const u = await createUser(ctx, role);
    tokenOf[role] = (await tokens.create({ id: null, label: 'test' }, u.id, 'test')).token;
  }
});
afterAll(async () => ctx.close());

const valid = validCase;

const post = (body: unknown, role: Role = 'safety') =>
  request(ctx.app).post('/api/v1/cases').set('Authorization', `Bearer ${tokenOf[role]}`).send(body as object);
const caseCount = async () => Number((await ctx.db.selectFrom('cases').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

describe('POST /api/v1/cases', () => {
  it('creates a case with a CB-YYYY-NNNNN reference and version 1', async () => {
    const res = await post(valid()).expect(201);
    expect(res.body.ref).toMatch(/^CB-2026-\d{5}$/);
    expect(res.body).toMatchObject({ version: 1, status: 'submitted', eventMonth: '2026-03', journey: { request: 0, scan: 3, report: 40 } });
    expect(res.body.themes).toEqual([
      { theme: 'T1', factors: ['T1.01'] },
      { theme: 'T2', factors: ['T2.02'] },
    ]);
    expect(res.headers.etag).toBe('"1"');
    expect(res.headers.location).toBe(`/api/v1/cases/${res.body.ref}`);
  });

  it('numbers references in sequence and saves drafts unless asked to submit', async () => {
    const a = (await post({ ...valid(), submit: false }).expect(201)).body;
    const b = (await post({ ...valid(), repeats: [a.ref] }).expect(201)).body;
    expect(a.status).toBe('draft');
    expect(Number(b.ref.slice(-5))).toBe(Number(a.ref.slice(-5)) + 1);
    expect(b.repeats).toEqual([a.ref]);
    const earlier = await request(ctx.app).get(`/api/v1/cases/${a.ref}`).set('Authorization', `Bearer ${tokenOf.director}`).expect(200);
    expect(earlier.body.repeatedBy).toEqual([b.ref]);
  });

  it('refuses an NHS number with 422, naming field and kind, masked, and stores nothing', async () => {
    const before = await caseCount();
    const body = { ...valid(), narrative: 'The patient, NHS number 943 476 5919, had a chest X-ray.' };
    const res = await post(body).expect(422);
    expect(res.body.error.code).toBe('identifier_found');
    expect(res.body.error.details).toEqual([{ field: 'narrative', kind: 'nhs_number', severity: 'block', start: 24, end: 36, masked: '••• ••• 5919' }]);
    expect(JSON.stringify(res.body)).not.toContain('943 476');
    expect(await caseCount()).toBe(before);
  });

  it.each([
    [{ title: '' }, 'title', 'Enter a title'],
    [{ title: 'x'.repeat(201) }, 'title', 'Title must be 200 characters or fewer'],
    [{ harm: 42 }, 'harm', 'Select the level of harm'],
    [{ themes: [] }, 'themes', 'Select at least one theme'],
    [{ journey: { request: 0, scan: 1.5 } }, 'journey.scan', 'Must be a whole number of days'],
    [{ unknownField: 1 }, 'body', expect.stringMatching(/unknownField|Unrecognized/i)],
  ])('refuses %j with 400 naming %s', async (change, field, message) => {
    const before = await caseCount();
    const res = await post({ ...valid(), ...change }).expect(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.details).toContainEqual({ field, message });
    expect(await caseCount()).toBe(before);
  });

  it.each([
    [{ source: 'gossip' }, 'source', 'Select a source from the list'],
    [{ department: 'mars' }, 'department', 'Select a department from the list'],
    [{ eventMonth: '2027-01' }, 'eventMonth', 'The month of the event must be this month or earlier'],
    [{ eventMonth: '2026-3' }, 'eventMonth', 'Enter the month of the event as year and month, like 2026-03'],
    [{ themes: [{ theme: 'T2', factors: ['T3.01'] }] }, 'themes', 'T3.01 is not a contributory factor of T2'],
    [{ themes: [{ theme: 'T9', factors: [] }] }, 'themes', 'T9 is not a theme: use T1, T2, T3 or T4'],
    [{ journey: { request: 0, scan: 10, report: 4 } }, 'journey.report', 'Day of report cannot be before day of scan (day 10)'],
    [{ repeats: ['CB-2026-99999'] }, 'repeats', 'There is no case CB-2026-99999'],
  ])('refuses %j against the vocabularies and rules', async (change, field, message) => {
    const res = await post({ ...valid(), ...change }).expect(400);
    expect(res.body.error.details).toContainEqual({ field, message });
  });

  it('answers 400 for a body that is not JSON', async () => {
    const res = await request(ctx.app).post('/api/v1/cases').set('Authorization', `Bearer ${tokenOf.safety}`).set('Content-Type', 'application/json').send('{not json');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('bad_request');
  });

  it.each([
    ['text/plain', 'title=A case'],
    ['application/x-www-form-urlencoded', 'title=A+case'],
  ])('answers 415 for a body sent as %s, and stores nothing', async (type, body) => {
    const before = await caseCount();
    const res = await request(ctx.app).post('/api/v1/cases').set('Authorization', `Bearer ${tokenOf.safety}`).set('Content-Type', type).send(body);
    expect(res.status).toBe(415);
    expect(res.body.error).toEqual({ code: 'unsupported_media_type', message: 'Send the body as JSON, with Content-Type: application/json', details: null });
    expect(await caseCount()).toBe(before);
  });

  it('answers 405, saying which methods are allowed, for a method an endpoint does not take', async () => {
    const auth = { Authorization: `Bearer ${tokenOf.safety}` };
    const del = await request(ctx.app).delete('/api/v1/cases/CB-2026-00001').set(auth);
    expect(del.status).toBe(405);
    expect(del.headers.allow).toBe('GET, PATCH');
    expect(del.body.error.code).toBe('method_not_allowed');
    expect((await request(ctx.app).put('/api/v1/cases').set(auth)).headers.allow).toBe('GET, POST');
    expect((await request(ctx.app).get('/api/v1/nothing').set(auth)).status).toBe(404);
    // Who is asking comes first: no token, no answer about methods.
    expect((await request(ctx.app).delete('/api/v1/cases/CB-2026-00001')).status).toBe(401);
  });

  it('lets only safety teams and directors log cases', async () => {
    const refused = await post(valid(), 'trainer').expect(403);
    // Told as an API refusal, not the web pages' "see this page".
    expect(refused.body.error).toMatchObject({ code: 'forbidden', message: "This needs the safety or director role; the token's user is trainer" });
    await post(valid(), 'admin').expect(403);
    await post(valid(), 'director').expect(201);
  });
});

describe('GET /api/v1/cases/:ref', () => {
  it('returns the case with an ETag of its version', async () => {
    const created = (await post(valid()).expect(201)).body;
    const res = await request(ctx.app).get(`/api/v1/cases/${created.ref}`).set('Authorization', `Bearer ${tokenOf.trainer}`).expect(200);
    expect(res.body).toEqual(created);
    expect(res.headers.etag).toBe('"1"');
    // Links to later cases change without a new version, so the case always comes whole, never 304.
    const same = await request(ctx.app).get(`/api/v1/cases/${created.ref}`).set('Authorization', `Bearer ${tokenOf.trainer}`).set('If-None-Match', '"1"');
    expect(same.status).toBe(200);
    expect(same.body).toEqual(created);
  });

  it('hides drafts from trainers', async () => {
    const draft = (await post({ ...valid(), submit: false }).expect(201)).body;
    await request(ctx.app).get(`/api/v1/cases/${draft.ref}`).set('Authorization', `Bearer ${tokenOf.trainer}`).expect(404);
    await request(ctx.app).get(`/api/v1/cases/${draft.ref}`).set('Authorization', `Bearer ${tokenOf.director}`).expect(200);
  });

  it('answers 404 for an unknown or malformed reference', async () => {
    for (const ref of ['CB-2026-99999', 'nonsense']) {
      const res = await request(ctx.app).get(`/api/v1/cases/${ref}`).set('Authorization', `Bearer ${tokenOf.safety}`).expect(404);
      expect(res.body.error.code).toBe('not_found');
    }
    // A long address is not echoed back whole.
    const long = await request(ctx.app).get(`/api/v1/cases/${'x'.repeat(5000)}`).set('Authorization', `Bearer ${tokenOf.safety}`).expect(404);
    expect(long.body.error.message).toBe(`There is no case ${'x'.repeat(24)}…`);
  });
});
