import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenService } from '../../server/api/tokens.ts';
import { createAuditService } from '../../server/audit/service.ts';
import type { Role } from '../../server/domain/roles.ts';
import { logCase } from '../support/cases.ts';
import { createTestApp, createUser, type TestContext } from '../support/test-app.ts';

let ctx: TestContext;
const tokenOf = {} as Record<Role, string>;
const refs: string[] = [];
let draftRef: string;

beforeAll(async () => {
  ctx = await createTestApp();
  const clock = () => new Date(ctx.clock.now);
  const tokens = createTokenService({ db: ctx.db, audit: createAuditService(clock), clock });
  for (const role of ['safety', 'director', 'trainer', 'admin'] as const) {
    const u = await createUser(ctx, role);
    tokenOf[role] = (await tokens.create({ id: null, label: 'test' }, u.id, 'test')).token;
  }
  const author = (await ctx.users.get(1))!;
  for (let i = 0; i < 5; i++) refs.push((await logCase(ctx, author, { title: `Case ${i}`, harm: i % 2 ? 'low' : 'severe' })).ref);
  draftRef = (await logCase(ctx, author, { title: 'A draft', submit: false })).ref;
});
afterAll(async () => ctx.close());

const get = (path: string, role: Role = 'safety') => request(ctx.app).get(path).set('Authorization', `Bearer ${tokenOf[role]}`);
const patch = (ref: string, body: object, ifMatch?: string, role: Role = 'safety') => {
  const r = request(ctx.app).patch(`/api/v1/cases/${ref}`).set('Authorization', `Bearer ${tokenOf[role]}`);
  return (ifMatch === undefined ? r : r.set('If-Match', ifMatch)).send(body);
};

describe('GET /api/v1/cases', () => {
  it('pages through every case by cursor, each once, in creation order', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: request.Response = await get(`/api/v1/cases?limit=2${cursor ? `&cursor=${cursor}` : ''}`).expect(200);
      expect(res.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...res.body.items.map((c: { ref: string }) => c.ref));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...refs, draftRef]);
  });

  it('filters like the case list, and hides drafts from trainers', async () => {
    const severe = await get('/api/v1/cases?harm=severe').expect(200);
    expect(severe.body.items.map((c: { ref: string }) => c.ref)).toEqual([refs[0], refs[2], refs[4], draftRef]);
    expect(severe.body.items[0]).toMatchObject({ ref: refs[0], themes: [{ theme: 'T1', factors: ['T1.01'] }, { theme: 'T2', factors: ['T2.02'] }], version: 1 });
    const trainer = await get('/api/v1/cases', 'trainer').expect(200);
    expect(trainer.body.items.map((c: { ref: string }) => c.ref)).not.toContain(draftRef);
    expect(trainer.body.nextCursor).toBeNull();
  });

  it('answers bad filters and cursors with 400 and the field', async () => {
    const res = await get('/api/v1/cases?from=2026-13&limit=1000').expect(400);
    expect(res.body.error.code).toBe('validation_failed');
    const unknown = await get('/api/v1/cases?theme=T9&source=zzz&department=zz&factor=X').expect(400);
    expect(unknown.body.error.details).toEqual(['theme', 'factor', 'source', 'department'].map((field) => ({ field, message: 'Choose a value from the list' })));
    const bad = await get('/api/v1/cases?cursor=bm9wZQ').expect(400);
    expect(bad.body.error.details).toEqual([{ field: 'cursor', message: 'cursor is not one this API gave out' }]);
    for (const [query, message] of [
      ['limit=0', 'limit must be a whole number from 1 to 100'],
      ['limit=101', 'limit must be a whole number from 1 to 100'],
      ['limit=2.5', 'limit must be a whole number from 1 to 100'],
      ['limit=abc', 'limit must be a whole number from 1 to 100'],
      ['cursor=a&cursor=b', 'cursor must be given once'],
    ] as const)
      expect((await get(`/api/v1/cases?${query}`).expect(400)).body.error.details).toEqual([{ field: query.split('=')[0], message }]);
  });

  it('refuses a filter given twice with different values, rather than use the first', async () => {
    const twice = await get('/api/v1/cases?theme=T3&theme=T2&sort=ref_asc&sort=event_asc').expect(400);
    expect(twice.body.error.details).toEqual(['theme', 'sort'].map((field) => ({ field, message: 'Choose one value for this filter, not several' })));
    // The same value twice is the same filter.
    expect((await get('/api/v1/cases?harm=severe&harm=severe').expect(200)).body).toEqual((await get('/api/v1/cases?harm=severe').expect(200)).body);
  });

  it('reads an empty cursor or limit as not given: the first page, at the usual size', async () => {
    const first = await get('/api/v1/cases').expect(200);
    for (const query of ['cursor=', 'cursor=&limit=', 'harm=&cursor=']) expect((await get(`/api/v1/cases?${query}`).expect(200)).body).toEqual(first.body);
    const search = await get('/api/v1/search?q=report&limit=&offset=').expect(200);
    expect(search.body).toEqual((await get('/api/v1/search?q=report').expect(200)).body);
    expect((await get('/api/v1/search?q=report&offset=-1').expect(400)).body.error.details).toEqual([{ field: 'offset', message: 'offset must be a whole number from 0 to 100000' }]);
  });
});

describe('PATCH /api/v1/cases/:ref', () => {
  it('changes only the given fields when If-Match has the current version', async () => {
    const ref = refs[1]!;
    const res = await patch(ref, { title: 'Patched title', bodyArea: null }, '"1"').expect(200);
    expect(res.body).toMatchObject({ ref, title: 'Patched title', bodyArea: null, version: 2, modality: 'xr' });
    expect(res.headers.etag).toBe('"2"');
    const event = await ctx.db.selectFrom('audit_events').selectAll().where('action', '=', 'case.update').where('entity_id', '=', ref).executeTakeFirstOrThrow();
    expect(JSON.parse(event.before_json!)).toEqual({ title: 'Case 1', bodyArea: 'chest' });
  });

  it('takes a merge patch sent as application/merge-patch+json', async () => {
    const { ref } = await logCase(ctx, (await ctx.users.get(1))!, { title: 'Patched by a client that says merge-patch', harm: 'moderate' });
    const res = await request(ctx.app)
      .patch(`/api/v1/cases/${ref}`)
      .set('Authorization', `Bearer ${tokenOf.safety}`)
      .set('If-Match', '"1"')
      .set('Content-Type', 'application/merge-patch+json')
      .send(JSON.stringify({ title: 'Merged title' }))
      .expect(200);
    expect(res.body).toMatchObject({ ref, title: 'Merged title', version: 2 });
  });

  it('makes no new version of a patch that changes nothing', async () => {
    const ref = refs[3]!;
    const events = async () => (await ctx.db.selectFrom('audit_events').select('id').where('entity_id', '=', ref).execute()).length;
    const before = await events();
    const res = await patch(ref, {}, '"1"').expect(200);
    expect(res.body).toMatchObject({ ref, version: 1 });
    expect(res.headers.etag).toBe('"1"');
    await patch(ref, { title: 'Case 3' }, '"1"').expect(200);
    expect(await events()).toBe(before);
  });

  it('answers 409 when the case has changed since, and writes nothing', async () => {
    const ref = refs[2]!;
    await patch(ref, { title: 'First' }, '"1"').expect(200);
    const res = await patch(ref, { title: 'Second' }, '"1"').expect(409);
    expect(res.body.error).toMatchObject({ code: 'version_conflict', details: { currentVersion: 2 } });
    expect((await get(`/api/v1/cases/${ref}`)).body.title).toBe('First');
  });

  it('needs If-Match (428) and validates like create (400, 422)', async () => {
    const ref = refs[3]!;
    expect((await patch(ref, { title: 'x' }).expect(428)).body.error.code).toBe('precondition_required');
    expect((await patch(ref, { harm: 'dreadful' }, '"1"').expect(400)).body.error.details).toEqual([{ field: 'harm', message: 'Select the level of harm from the list' }]);
    expect((await patch(ref, { colour: 'red' }, '"1"').expect(400)).body.error.code).toBe('validation_failed');
    const found = await patch(ref, { narrative: 'NHS number 943 476 5919 seen.' }, '"1"').expect(422);
    expect(found.body.error.details[0]).toMatchObject({ field: 'narrative', kind: 'nhs_number', masked: '••• ••• 5919' });
    expect((await get(`/api/v1/cases/${ref}`)).body).toMatchObject({ version: 1, title: 'Case 3' });
  });

  it('submits a draft; refuses trainers; refuses a closed case until it is reopened', async () => {
    const res = await patch(draftRef, { submit: true }, '1').expect(200);
    expect(res.body.status).toBe('submitted');
    await patch(draftRef, { title: 'x' }, '2', 'trainer').expect(403);
    const ref = refs[4]!;
    const clock = () => new Date(ctx.clock.now);
    const { createCaseService } = await import('../../server/cases/service.ts');
    await createCaseService({ db: ctx.db, audit: createAuditService(clock), clock }).close({ id: 1, label: 'test' }, ref);
    const closed = await patch(ref, { title: 'x' }, '2').expect(409);
    expect(closed.body.error.code).toBe('invalid_state');
  });

  it('accepts a confirmed date or name with a reason', async () => {
    const narrative = 'Discussed with Dr Shah at the meeting.';
    const first = await patch(refs[0]!, { narrative }, '1').expect(422);
    const f = first.body.error.details[0];
    // A reason that itself identifies someone is named as the problem.
    const badReason = await patch(refs[0]!, { narrative, identifierConfirmations: [{ field: f.field, start: f.start, end: f.end, reason: 'Patient 943 476 5919 is not Dr Shah' }] }, '1').expect(400);
    expect(badReason.body.error.details).toEqual([{ field: 'identifierConfirmations.0.reason', message: expect.stringContaining('The reason contains what looks like an NHS number (••• ••• 5919)') }]);
    const res = await patch(refs[0]!, { narrative, identifierConfirmations: [{ field: f.field, start: f.start, end: f.end, reason: 'Shah here names the guideline, not a person' }] }, '1').expect(200);
    expect(res.body.narrative).toBe(narrative);
  });

  it('counts offsets in the text as sent, though it is stored trimmed', async () => {
    const narrative = '\n   Discussed with Dr Shah at the meeting.';
    const version = (await get(`/api/v1/cases/${refs[2]}`).expect(200)).headers.etag!;
    const first = await patch(refs[2]!, { narrative }, version).expect(422);
    const f = first.body.error.details[0];
    expect(narrative.slice(f.start, f.end)).toBe('Shah');
    const res = await patch(refs[2]!, { narrative, identifierConfirmations: [{ field: f.field, start: f.start, end: f.end, reason: 'Shah here names the guideline, not a person' }] }, version).expect(200);
    expect(res.body.narrative).toBe(narrative.trim());
    const history = await ctx.db.selectFrom('audit_events').select('after_json').where('entity_id', '=', refs[2]!).orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(history.after_json).toContain('Shah here names the guideline');
  });
});
