import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenService } from '../../server/api/tokens.ts';
import { createAuditService } from '../../server/audit/service.ts';
import { addAction } from '../support/actions.ts';
import { formFields, postForm } from '../support/case-form.ts';
import { logCase, validCase } from '../support/cases.ts';
import { $, createTestApp, createUser, signedInAgent, tokenFor, type TestContext } from '../support/test-app.ts';

// The "done when": a case with an NHS number in its narrative is refused on every path,
// with nothing stored and the number never written anywhere (cases, notes, actions or the audit trail).
const NHS = '943 476 5919';
const narrative = `Follow-up CT for NHS number ${NHS} was never booked.`;

let ctx: TestContext;
let safety: ReturnType<typeof request.agent>;
let token: string;
let director: ReturnType<typeof request.agent>;
let admin: ReturnType<typeof request.agent>;
let ref: string;

beforeAll(async () => {
  ctx = await createTestApp();
  const author = await createUser(ctx, 'safety');
  safety = await signedInAgent(ctx, author.email);
  director = await signedInAgent(ctx, (await createUser(ctx, 'director')).email);
  admin = await signedInAgent(ctx, (await createUser(ctx, 'admin')).email);
  const clock = () => new Date(ctx.clock.now);
  token = (await createTokenService({ db: ctx.db, audit: createAuditService(clock), clock }).create({ id: null, label: 'test' }, author.id, 'test')).token;
  ref = (await logCase(ctx, author)).ref;
  await addAction(ctx, author, ref);
});
afterAll(async () => ctx.close());

/** Every text column of every table, searched for the number in any spacing. */
async function stored(): Promise<string[]> {
  const digits = NHS.replace(/\s/g, '');
  const hits: string[] = [];
  for (const table of ['cases', 'case_notes', 'actions', 'audit_events', 'spc_rebases', 'search_synonyms', 'api_tokens'] as const) {
    for (const row of await ctx.db.selectFrom(table).selectAll().execute()) {
      if (JSON.stringify(row).replace(/[\s-]/g, '').includes(digits)) hits.push(table);
    }
  }
  return hits;
}

describe('an NHS number is refused on every save path, with nothing stored', () => {
  it('the Log a case form', async () => {
    expect((await postForm(safety, '/cases', formFields({ narrative }))).status).toBe(422);
    expect(await stored()).toEqual([]);
  });

  it('the edit form', async () => {
    expect((await postForm(safety, `/cases/${ref}/edit`, formFields({ narrative, version: '1', intent: 'save' }), `/cases/${ref}/edit`)).status).toBe(422);
    expect(await stored()).toEqual([]);
  });

  it('the API, creating and changing', async () => {
    const auth = { Authorization: `Bearer ${token}` };
    expect((await request(ctx.app).post('/api/v1/cases').set(auth).send({ ...validCase(), narrative })).status).toBe(422);
    expect((await request(ctx.app).patch(`/api/v1/cases/${ref}`).set(auth).set('If-Match', '"1"').send({ narrative })).status).toBe(422);
    expect(await stored()).toEqual([]);
  });

  it('the CSV import', async () => {
    const page = await safety.get('/cases/import');
    const action = $(page.text)('form[enctype="multipart/form-data"]').attr('action')!;
    const file = [
      'Title,What happened,Source,Department,Modality,Care setting,Harm,Event month,Themes',
      `Missed follow-up,"${narrative}",incident,north,ct,gp,moderate,2026-03,T2`,
    ].join('\r\n');
    const res = await safety.post(action).attach('file', Buffer.from(file), 'cases.csv');
    expect(res.status).toBe(422);
    expect(res.text).not.toContain(NHS);
    expect(await stored()).toEqual([]);
  });

  it('notes and actions on a case', async () => {
    const note = await safety.post(`/cases/${ref}/notes`).type('form').send({ _csrf: await tokenFor(safety, `/cases/${ref}`), note: narrative });
    expect(note.status).toBe(400);
    const action = await safety
      .post(`/cases/${ref}/actions`)
      .type('form')
      .send({ _csrf: await tokenFor(safety, `/cases/${ref}/actions/new`), description: narrative, owner: 'patient-safety-team', 'dueDate[day]': '1', 'dueDate[month]': '1', 'dueDate[year]': '2027' });
    expect(action.status).toBeGreaterThanOrEqual(400);
    expect(await stored()).toEqual([]);
  });
});

describe('an NHS number is refused in every other text that is kept', () => {
  const refused = (res: request.Response, message: string) => {
    expect(res.status).toBe(400);
    // The form shows what was typed again, to be put right; the messages show the number masked.
    const summary = $(res.text)('.nhsuk-error-summary').text();
    expect(summary).toContain(`${message} contains what looks like an NHS number (••• ••• 5919)`);
    expect(summary).not.toContain(NHS);
  };
  const reason = `Complaint from the patient with NHS number ${NHS}`;

  it('a reason for withdrawing or reopening a case', async () => {
    const page = `/cases/${ref}/withdraw`;
    refused(await safety.post(page).type('form').send({ _csrf: await tokenFor(safety, page), reason, version: '1' }), 'The reason');
    expect(await stored()).toEqual([]);
  });

  it('a reason for rebasing a trend chart', async () => {
    const chart = '/trends/chart?measure=theme:T1';
    const period = String($((await director.get(chart)).text)('#period option').eq(3).val());
    refused(await director.post(chart).type('form').send({ _csrf: await tokenFor(director, chart), period, reason }), 'The reason');
    expect(await stored()).toEqual([]);
    // A date is what such a reason is about, and is kept; a name is not.
    const named = await director.post(chart).type('form').send({ _csrf: await tokenFor(director, chart), period, reason: 'Dr Jane Smith started reporting' });
    expect(named.status).toBe(400);
    expect($(named.text)('.nhsuk-error-summary').text()).toContain('The reason contains what looks like a person’s name');
    expect((await director.post(chart).type('form').send({ _csrf: await tokenFor(director, chart), period, reason: 'New reporting contract from 1 April 2024' })).status).toBe(303);
  });

  it('a search synonym group, which may hold an eponym but no number', async () => {
    const post = async (terms: string) => admin.post('/admin/synonyms').type('form').send({ _csrf: await tokenFor(admin, '/admin/synonyms'), terms });
    refused(await post(`scaphoid, ${NHS}`), 'The group');
    expect(await stored()).toEqual([]);
    expect((await post('Colles fracture, distal radius fracture')).status).toBe(303);
  });

  it('what an API token is for', async () => {
    const res = await admin.post('/admin/tokens').type('form').send({ _csrf: await tokenFor(admin, '/admin/tokens'), user: '1', label: `For ${NHS}` });
    refused(res, 'What the token is for');
    expect(await stored()).toEqual([]);
  });
});
