import type request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertDepartmentIfMissing } from '../../server/vocabularies/repository.ts';
import { formFields, postForm } from '../support/case-form.ts';
import { logCase } from '../support/cases.ts';
import { $, createTestApp, createUser, signedInAgent, type TestContext } from '../support/test-app.ts';

let ctx: TestContext;
let safety: ReturnType<typeof request.agent>;
let author: { id: number; email: string };

const count = async () => Number((await ctx.db.selectFrom('cases').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
const auditOf = (action: string) => ctx.db.selectFrom('audit_events').selectAll().where('action', '=', action).orderBy('id', 'desc').execute();

beforeAll(async () => {
  ctx = await createTestApp();
  await insertDepartmentIfMissing(ctx.db, 'north', 'North General Hospital imaging');
  author = await createUser(ctx, 'safety');
  safety = await signedInAgent(ctx, author.email);
});
afterAll(async () => ctx.close());

describe('Log a case form', () => {
  it('offers every field with current vocabulary, themes with their factors, and journey days', async () => {
    const $$ = $((await safety.get('/cases/new').expect(200)).text);
    expect($$('h1').text()).toBe('Log a case');
    for (const name of ['title', 'narrative', 'learning', 'department', 'modality', 'bodyArea', 'eventMonth[month]', 'eventMonth[year]', 'journey[vetting]', 'journey[action]', 'repeats']) {
      expect($$(`[name="${name}"]`), name).toHaveLength(1);
    }
    expect($$('input[name="themes"]').map((_, e) => $$(e).val()).get()).toEqual(['T1', 'T2', 'T3', 'T4']);
    expect($$('input[name="factors"][value="T2.03"]')).toHaveLength(1);
    expect($$('input[name="source"]').length).toBeGreaterThan(4);
    expect($$('button[name="intent"][value="submit"]').text()).toContain('Submit case');
    expect($$('button[name="intent"][value="draft"]').length).toBeGreaterThan(0);
  });

  it('submits a case, gives it a reference and shows it with a confirmation', async () => {
    const res = await postForm(safety, '/cases', formFields());
    expect(res.status).toBe(303);
    const ref = res.headers.location!.replace('/cases/', '');
    expect(ref).toMatch(/^CB-2026-\d{5}$/);
    const page = $((await safety.get(res.headers.location!)).text);
    expect(page('.nhsuk-notification-banner').text()).toContain(`${ref} has been submitted`);
    expect(page('h1').text()).toBe('Incidental lung nodule not followed up');
    expect(page('main').text()).toContain('T2.03');
    const row = await ctx.db.selectFrom('cases').selectAll().where('ref', '=', ref).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'submitted', event_month: '2026-04', day_request: 0, day_scan: 10, day_report: 18, created_by: author.id });
  });

  it('saves a draft; ticking a factor alone selects its theme', async () => {
    const res = await postForm(safety, '/cases', formFields({ intent: 'draft', themes: [], factors: ['T3.02'] }));
    expect(res.status).toBe(303);
    const ref = res.headers.location!.replace('/cases/', '');
    const c = await ctx.db.selectFrom('cases').select(['id', 'status']).where('ref', '=', ref).executeTakeFirstOrThrow();
    expect(c.status).toBe('draft');
    expect(await ctx.db.selectFrom('case_themes').select('theme_code').where('case_id', '=', c.id).execute()).toEqual([{ theme_code: 'T3' }]);
  });

  it('shows every problem in an error summary linked to its field, keeps what was typed and saves nothing', async () => {
    const before = await count();
    const res = await postForm(safety, '/cases', formFields({ title: '', source: '', 'eventMonth[month]': '13', themes: [], factors: [], 'journey[scan]': 'ten', repeats: 'CB-1', narrative: 'Kept narrative' }));
    expect(res.status).toBe(400);
    const $$ = $(res.text);
    const links = $$('.nhsuk-error-summary a').map((_, a) => [[$$(a).attr('href'), $$(a).text()]]).get();
    expect(links).toEqual([
      ['#title', 'Enter a title'],
      ['#source', 'Select where the case came from'],
      ['#eventMonth-month', 'The month must be a number from 1 to 12'],
      ['#themes', 'Select at least one theme'],
      ['#journey-scan', 'Enter a whole number of days, like 14'],
      ['#repeats', 'CB-1 is not a case reference: enter references like CB-2026-00012'],
    ]);
    for (const [href] of links) expect($$(href as string), href as string).toHaveLength(1);
    expect($$('#narrative').text()).toBe('Kept narrative');
    expect($$('#journey-scan').val()).toBe('ten');
    expect($$('title').text()).toMatch(/^Error: /);
    expect(await count()).toBe(before);
  });

  it('gives a multi-line answer back exactly as typed, with no indentation added to its lines', async () => {
    const narrative = 'First line of the narrative\nSecond line\n  an indented third';
    const res = await postForm(safety, '/cases', formFields({ title: '', narrative }));
    expect(res.status).toBe(400);
    expect($(res.text)('#narrative').text()).toBe(narrative);
  });

  it('checks the journey order, the month and vocabulary codes through the case rules', async () => {
    const res = await postForm(safety, '/cases', formFields({ 'journey[scan]': '20', 'journey[report]': '5', 'eventMonth[month]': '12', 'eventMonth[year]': '2030', modality: 'nonsense' }));
    expect(res.status).toBe(400);
    const text = $(res.text)('.nhsuk-error-summary').text();
    expect(text).toContain('Select a modality from the list');
    expect(text).toContain('this month or earlier');
    expect(text).toContain('cannot be before day of scan');
  });

  it('refuses an NHS number on the form with nothing stored, naming the field, kind and position, masked', async () => {
    const before = await count();
    const narrative = 'Patient 943 476 5919 had a CT.';
    const res = await postForm(safety, '/cases', formFields({ narrative }));
    expect(res.status).toBe(422);
    const $$ = $(res.text);
    expect($$('.nhsuk-error-summary').text()).toContain('What happened contains an NHS number at character 9 (••• ••• 5919)');
    expect($$('#narrative').text()).toBe(narrative);
    expect($$('input[name="confirm"]')).toHaveLength(0);
    expect(await count()).toBe(before);
    const logged = await ctx.db.selectFrom('audit_events').select(['before_json', 'after_json']).execute();
    expect(JSON.stringify(logged)).not.toContain('943 476 5919');
  });

  it('replaces a finding with its placeholder in one click, without saving', async () => {
    const before = await count();
    const res = await postForm(safety, '/cases', formFields({ narrative: 'Patient 943 476 5919 had a CT.', redact: 'narrative:8:20' }));
    expect(res.status).toBe(200);
    const $$ = $(res.text);
    expect($$('#narrative').text()).toBe('Patient [NHS number] had a CT.');
    expect($$('.nhsuk-error-summary')).toHaveLength(0);
    expect(await count()).toBe(before);
  });

  it('"replace all" clears every finding in every field', async () => {
    const res = await postForm(safety, '/cases', formFields({ title: 'Mrs Smith missed nodule', narrative: 'Seen on 12/03/2024 by Dr Jones.', redact: 'all' }));
    const $$ = $(res.text);
    expect($$('#title').val()).toBe('Mrs [name] missed nodule');
    expect($$('#narrative').text()).toBe('Seen on [date] by Dr [name].');
  });

  it('lets the author keep a name they judge not identifying, with a reason that is audited', async () => {
    const narrative = 'Reported against the Fleischner Society guidance; reviewed by Dr Shah.';
    const first = await postForm(safety, '/cases', formFields({ narrative }));
    expect(first.status).toBe(422);
    const $$ = $(first.text);
    const key = String($$('input[name="confirm"]').first().val());
    expect(key).toMatch(/^narrative:\d+:\d+$/);
    expect($$(`#finding-narrative-${key.split(':')[1]} mark`).text()).toBe('Shah');

    const noReason = await postForm(safety, '/cases', formFields({ narrative, confirm: key }));
    expect(noReason.status).toBe(422);
    const reasonBox = `#reason-finding-narrative-${key.split(':')[1]}`;
    expect($(noReason.text)('.nhsuk-error-summary a').first().attr('href')).toBe(reasonBox);
    expect($(noReason.text)('.nhsuk-error-summary').text()).toContain('Give the reason it does not identify anyone');
    // A reason that itself identifies someone is named as the problem, on its own box.
    const identifying = await postForm(safety, '/cases', formFields({ narrative, confirm: key, [`reason:${key}`]: 'Not the patient, who is 943 476 5919' }));
    expect(identifying.status).toBe(422);
    expect($(identifying.text)(`${reasonBox}-error`).text()).toContain('The reason itself contains what looks like an NHS number (••• ••• 5919)');

    const res = await postForm(safety, '/cases', formFields({ narrative, confirm: key, [`reason:${key}`]: 'Shah is the name of the reporting guideline author, not a person in the case' }));
    expect(res.status).toBe(303);
    const [event] = await auditOf('case.create');
    const after = JSON.parse(event!.after_json!);
    expect(after.identifiersConfirmed).toEqual([{ field: 'narrative', kind: 'person_name', masked: '••••', reason: expect.stringContaining('guideline author') }]);
    const page = $((await safety.get(res.headers.location!)).text);
    expect(page('#history').next().text()).toContain('as not identifying anyone');

    // Sent again unchanged, with the same confirmation: not a new version, nothing new in the history.
    const ref = res.headers.location!.split('/').pop()!;
    const again = await postForm(safety, `/cases/${ref}/edit`, formFields({ narrative, confirm: key, [`reason:${key}`]: 'Shah is the name of the reporting guideline author, not a person in the case', version: '1', intent: 'save' }), `/cases/${ref}/edit`);
    expect(again.status).toBe(303);
    expect((await ctx.db.selectFrom('cases').select('version').where('ref', '=', ref).executeTakeFirstOrThrow()).version).toBe(1);
    expect((await auditOf('case.update')).filter((e) => e.entity_id === ref)).toEqual([]);
  });

  it('never lets a blocking identifier be confirmed', async () => {
    const narrative = 'Call 07700 900123 for details.';
    const first = await postForm(safety, '/cases', formFields({ narrative }));
    expect(first.status).toBe(422);
    const res = await postForm(safety, '/cases', formFields({ narrative, confirm: 'narrative:5:17', 'reason:narrative:5:17': 'fine' }));
    expect(res.status).toBe(422);
  });

  it('is only for the safety team and directors', async () => {
    await createUser(ctx, 'trainer');
    const trainer = await signedInAgent(ctx, 'trainer@test.casebook.test');
    await trainer.get('/cases/new').expect(403);
  });
});

describe('editing a case', () => {
  it('saves changes, bumps the version and records who changed what', async () => {
    const c = await logCase(ctx, author, { title: 'Original title' });
    const form = $((await safety.get(`/cases/${c.ref}/edit`).expect(200)).text);
    expect(form('#title').val()).toBe('Original title');
    expect(form('input[name="version"]').val()).toBe('1');
    expect(form('input[name="factors"][value="T1.01"]').attr('checked')).toBeDefined();
    const res = await postForm(safety, `/cases/${c.ref}/edit`, formFields({ title: 'Better title', version: '1', intent: 'save' }), `/cases/${c.ref}/edit`);
    expect(res.status).toBe(303);
    const row = await ctx.db.selectFrom('cases').select(['title', 'version']).where('ref', '=', c.ref).executeTakeFirstOrThrow();
    expect(row).toEqual({ title: 'Better title', version: 2 });
    const history = $((await safety.get(`/cases/${c.ref}`)).text)('.app-history__event').last().text();
    expect(history).toContain('Case edited');
    expect(history).toContain('Original title');
    expect(history).toContain('Better title');
  });

  it('shows both versions with 409 when someone else saved first, and overwrites nothing', async () => {
    const c = await logCase(ctx, author, { title: 'Shared case' });
    await postForm(safety, `/cases/${c.ref}/edit`, formFields({ title: 'Their title', version: '1', intent: 'save' }), `/cases/${c.ref}/edit`);
    const res = await postForm(safety, `/cases/${c.ref}/edit`, formFields({ title: 'My title', version: '1', intent: 'save' }), `/cases/${c.ref}/edit`);
    expect(res.status).toBe(409);
    const $$ = $(res.text);
    expect($$('#conflict').text()).toMatch(new RegExp(`${c.ref} was saved by someone else \\(version 2, \\d{1,2} \\w+ \\d{4}`));
    const row = $$('#conflict').next('table').find('tr').filter((_, tr) => $$(tr).find('th').text() === 'Title');
    expect(row.find('td').map((_, td) => $$(td).text()).get()).toEqual(['Their title', 'My title']);
    expect($$('#title').val()).toBe('My title');
    expect($$('input[name="version"]').val()).toBe('2');
    expect((await ctx.db.selectFrom('cases').select('title').where('ref', '=', c.ref).executeTakeFirstOrThrow()).title).toBe('Their title');
  });

  it.each(['abc', '-1', '99999999999999999999'])('tells a mangled version (%s) as a conflict, overwriting nothing', async (version) => {
    const c = await logCase(ctx, author, { title: 'Kept title' });
    const res = await postForm(safety, `/cases/${c.ref}/edit`, formFields({ title: 'Other title', version, intent: 'save' }), `/cases/${c.ref}/edit`);
    expect(res.status).toBe(409);
    expect($(res.text)('#conflict').text()).toContain('was saved by someone else');
    expect($(res.text)('input[name="version"]').val()).toBe('1');
    expect((await ctx.db.selectFrom('cases').select('title').where('ref', '=', c.ref).executeTakeFirstOrThrow()).title).toBe('Kept title');
  });

  it('offers "Not recorded" for optional questions, so an answer can be taken back', async () => {
    const c = await logCase(ctx, author);
    const form = $((await safety.get(`/cases/${c.ref}/edit`)).text);
    expect(form('input[name="urgency"][value=""]')).toHaveLength(1);
    const res = await postForm(safety, `/cases/${c.ref}/edit`, formFields({ urgency: '', ageBand: '', version: '1', intent: 'save' }), `/cases/${c.ref}/edit`);
    expect(res.status).toBe(303);
    expect(await ctx.db.selectFrom('cases').select(['urgency', 'age_band']).where('ref', '=', c.ref).executeTakeFirstOrThrow()).toEqual({ urgency: null, age_band: null });
  });

  it('submits a draft from the edit form', async () => {
    const c = await logCase(ctx, author, { submit: false });
    const res = await postForm(safety, `/cases/${c.ref}/edit`, formFields({ version: '1', intent: 'submit' }), `/cases/${c.ref}/edit`);
    expect(res.status).toBe(303);
    expect((await ctx.db.selectFrom('cases').select('status').where('ref', '=', c.ref).executeTakeFirstOrThrow()).status).toBe('submitted');
    expect((await auditOf('case.submit')).length).toBeGreaterThan(0);
  });
});
