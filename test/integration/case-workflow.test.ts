import type request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formFields, postForm } from '../support/case-form.ts';
import { logCase } from '../support/cases.ts';
import { createSet } from '../support/teaching-sets.ts';
import { $, createTestApp, createUser, signedInAgent, tokenFor, type TestContext } from '../support/test-app.ts';

let ctx: TestContext;
let safety: ReturnType<typeof request.agent>;
let director: ReturnType<typeof request.agent>;
let trainer: ReturnType<typeof request.agent>;
let author: { id: number; email: string };

beforeAll(async () => {
  ctx = await createTestApp();
  author = await createUser(ctx, 'safety');
  await createUser(ctx, 'director');
  await createUser(ctx, 'trainer');
  safety = await signedInAgent(ctx, author.email);
  director = await signedInAgent(ctx, 'director@test.casebook.test');
  trainer = await signedInAgent(ctx, 'trainer@test.casebook.test');
});
afterAll(async () => ctx.close());

const statusOf = async (ref: string) => ctx.db.selectFrom('cases').select(['status', 'version', 'withdrawn_at', 'withdrawn_reason']).where('ref', '=', ref).executeTakeFirstOrThrow();
const post = async (agent: ReturnType<typeof request.agent>, path: string, fields: Record<string, string>, page: string) =>
  agent.post(path).type('form').send({ _csrf: await tokenFor(agent, page), ...fields });

describe('status workflow', () => {
  it('closes a submitted case, then a director reopens it with a reason kept in the history', async () => {
    const { ref } = await logCase(ctx, author);
    const page = $((await safety.get(`/cases/${ref}`)).text);
    expect(page('form[action$="/close"]')).toHaveLength(1);
    expect(page('a[href$="/reopen"]')).toHaveLength(0);
    expect((await post(safety, `/cases/${ref}/close`, { version: '1' }, `/cases/${ref}`)).status).toBe(303);
    expect(await statusOf(ref)).toMatchObject({ status: 'closed', version: 2 });

    const closed = $((await safety.get(`/cases/${ref}`)).text);
    expect(closed('a[href$="/edit"]')).toHaveLength(0);
    await safety.get(`/cases/${ref}/reopen`).expect(403);

    const noReason = await post(director, `/cases/${ref}/reopen`, { reason: '', version: '2' }, `/cases/${ref}/reopen`);
    expect(noReason.status).toBe(400);
    expect($(noReason.text)('.nhsuk-error-summary a').attr('href')).toBe('#reason');
    const res = await post(director, `/cases/${ref}/reopen`, { reason: 'New information from the inquest', version: '2' }, `/cases/${ref}/reopen`);
    expect(res.status).toBe(303);
    expect(await statusOf(ref)).toMatchObject({ status: 'submitted', version: 3 });
    const history = $((await trainer.get(`/cases/${ref}`)).text)('.app-history__event').last().text();
    expect(history).toContain('Case reopened');
    expect(history).toContain('New information from the inquest');
    expect(history).toContain('director@test.casebook.test');
  });

  it('refuses a reason that identifies someone', async () => {
    const { ref } = await logCase(ctx, author);
    const res = await post(safety, `/cases/${ref}/withdraw`, { reason: 'Duplicate of the case about Mrs Patel', version: '1' }, `/cases/${ref}/withdraw`);
    expect(res.status).toBe(400);
    // Titles name the case: every case's withdraw and edit pages are not one page.
    expect($(res.text)('title').text()).toMatch(new RegExp(`^Error: Withdraw this case: ${ref} –`));
    expect($((await safety.get(`/cases/${ref}/edit`).expect(200)).text)('title').text()).toMatch(new RegExp(`^Edit case: ${ref} –`));
    expect(await statusOf(ref)).toMatchObject({ withdrawn_at: null });
  });

  it('withdraws a case without deleting it: it leaves the lists but its page says why', async () => {
    const { ref } = await logCase(ctx, author, { title: 'Logged twice by mistake' });
    const res = await post(safety, `/cases/${ref}/withdraw`, { reason: 'Logged twice', version: '1' }, `/cases/${ref}/withdraw`);
    expect(res.status).toBe(303);
    expect(await statusOf(ref)).toMatchObject({ withdrawn_reason: 'Logged twice', status: 'submitted' });
    const page = $((await safety.get(`/cases/${ref}`)).text);
    expect(page('.nhsuk-card--warning').text()).toContain('Logged twice');
    expect(page('a[href$="/edit"]')).toHaveLength(0);
    expect((await safety.get('/cases')).text).not.toContain(ref);
    expect((await safety.get('/cases?status=withdrawn')).text).toContain(ref);
    const edit = await safety.get(`/cases/${ref}/edit`);
    expect(edit.status).toBe(303);
  });

  it('tells the user, without an error page, when a status change lost a race', async () => {
    const { ref } = await logCase(ctx, author);
    const res = await post(safety, `/cases/${ref}/close`, { version: '7' }, `/cases/${ref}`);
    expect(res.status).toBe(303);
    const page = $((await safety.get(`/cases/${ref}`)).text);
    // Told as a problem, not in the green banner that says an action was done.
    expect(page('.nhsuk-notification-banner--success')).toHaveLength(0);
    expect(page('.nhsuk-notification-banner').text()).toContain('Not done');
    expect(page('.nhsuk-notification-banner').text()).toContain('changed by someone else');
    expect((await statusOf(ref)).status).toBe('submitted');
  });

  it('tells an edit of a case closed meanwhile as a problem on the case page', async () => {
    const { ref } = await logCase(ctx, author);
    await post(safety, `/cases/${ref}/close`, { version: '1' }, `/cases/${ref}`);
    const res = await postForm(safety, `/cases/${ref}/edit`, formFields({ title: 'Too late', version: '2', intent: 'save' }), `/cases/${ref}`);
    expect(res.status).toBe(303);
    const page = $((await safety.get(`/cases/${ref}`)).text);
    expect(page('.nhsuk-notification-banner--success')).toHaveLength(0);
    expect(page('.nhsuk-notification-banner').text()).toContain('must reopen it before it can be changed');
  });

  it('does nothing when a status change does not say which version it was made against', async () => {
    const { ref } = await logCase(ctx, author);
    expect((await post(safety, `/cases/${ref}/close`, {}, `/cases/${ref}`)).status).toBe(303);
    expect($((await safety.get(`/cases/${ref}`)).text)('.nhsuk-notification-banner').text()).toContain('This page was out of date');
    const withdraw = await post(safety, `/cases/${ref}/withdraw`, { reason: 'Logged twice', version: 'abc' }, `/cases/${ref}/withdraw`);
    expect(withdraw.status).toBe(400);
    expect(await statusOf(ref)).toMatchObject({ status: 'submitted', version: 1, withdrawn_at: null });
  });

  it('keeps the reason, on its form, when a reopen or withdrawal lost a race', async () => {
    const { ref } = await logCase(ctx, author);
    await post(safety, `/cases/${ref}/close`, { version: '1' }, `/cases/${ref}`);
    const res = await post(director, `/cases/${ref}/withdraw`, { reason: 'Logged twice', version: '1' }, `/cases/${ref}/withdraw`);
    expect(res.status).toBe(409);
    const form = $(res.text);
    expect(form('.nhsuk-error-summary').text()).toContain(`${ref} was changed by someone else since you opened this page`);
    expect(form('.nhsuk-error-summary a').attr('href')).toBe('#reason');
    expect(form('#reason').text()).toBe('Logged twice');
    // Sent again from this page, it is made against the case as it now is.
    expect(form('input[name="version"]').val()).toBe('2');
    expect(await statusOf(ref)).toMatchObject({ withdrawn_at: null, version: 2 });
    const again = await post(director, `/cases/${ref}/withdraw`, { reason: 'Logged twice', version: String(form('input[name="version"]').val()) }, `/cases/${ref}/withdraw`);
    expect(again.status).toBe(303);
    expect(await statusOf(ref)).toMatchObject({ withdrawn_reason: 'Logged twice', version: 3 });
  });
});

describe('notes log', () => {
  it('adds dated notes by role that cannot be edited, and records them in the history', async () => {
    const { ref } = await logCase(ctx, author);
    expect((await post(safety, `/cases/${ref}/notes`, { note: 'Discussed at the REAL meeting; radiologist to reflect.' }, `/cases/${ref}`)).status).toBe(303);
    expect((await post(director, `/cases/${ref}/notes`, { note: 'Agreed at governance.' }, `/cases/${ref}`)).status).toBe(303);
    const page = $((await trainer.get(`/cases/${ref}`)).text);
    const notes = page('.app-note').map((_, n) => page(n).text().replace(/\s+/g, ' ').trim()).get();
    expect(notes).toHaveLength(2);
    expect(notes[0]).toContain('Patient safety team');
    expect(notes[0]).toContain('Discussed at the REAL meeting');
    expect(notes[1]).toContain('Clinical director');
    expect(page('form[action$="/notes"]')).toHaveLength(0);
    expect(page('#history').next().text()).toContain('Note added');
  });

  it('refuses an empty note or one with an identifier, keeping the text', async () => {
    const { ref } = await logCase(ctx, author);
    const empty = await post(safety, `/cases/${ref}/notes`, { note: '  ' }, `/cases/${ref}`);
    expect(empty.status).toBe(400);
    expect($(empty.text)('.nhsuk-error-summary a').attr('href')).toBe('#note');
    const note = 'Spoke to her on 07700 900123';
    const res = await post(safety, `/cases/${ref}/notes`, { note }, `/cases/${ref}`);
    expect(res.status).toBe(400);
    const $$ = $(res.text);
    expect($$('.nhsuk-error-summary').text()).toContain('The note contains a phone number');
    expect($$('#note').text()).toBe(note);
    expect(await ctx.db.selectFrom('case_notes').selectAll().where('body', 'like', '%07700%').execute()).toEqual([]);
  });
});

describe('teaching sets from the case page', () => {
  it('lets a trainer add a submitted case to a set, and says so on return', async () => {
    const { ref } = await logCase(ctx, author);
    const trainerUser = (await ctx.users.list()).find((u) => u.role === 'trainer')!;
    const setId = await createSet(ctx, trainerUser, [], { title: 'Missed findings for ST1s' });
    const page = $((await trainer.get(`/cases/${ref}`)).text);
    const form = page('#teaching-sets').next('.app-add-to-set').find('form');
    expect(form.find('select[name="setId"] option').text()).toContain('Missed findings for ST1s');
    const res = await post(trainer, '/teaching-sets/add-case', { ref, setId: String(setId), returnTo: `/cases/${ref}` }, `/cases/${ref}`);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/cases/${ref}`);
    const back = $((await trainer.get(`/cases/${ref}`)).text);
    expect(back('.nhsuk-notification-banner').text()).toContain(`${ref} has been added`);
    expect($((await safety.get(`/cases/${ref}`)).text)('#teaching-sets')).toHaveLength(0);
  });
});

describe('actions on the case page', () => {
  it('shows the actions section with an add link for editors only', async () => {
    const { ref } = await logCase(ctx, author);
    const s = $((await safety.get(`/cases/${ref}`)).text);
    expect(s('#actions')).toHaveLength(1);
    expect(s(`a[href="/cases/${ref}/actions/new"]`)).toHaveLength(1);
    const t = $((await trainer.get(`/cases/${ref}`)).text);
    expect(t('#actions')).toHaveLength(1);
    expect(t(`a[href="/cases/${ref}/actions/new"]`)).toHaveLength(0);
  });
});
