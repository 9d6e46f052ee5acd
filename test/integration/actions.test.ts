import type request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRenderer } from '../../server/web/view-engine.ts';
import { insertDepartmentIfMissing } from '../../server/vocabularies/repository.ts';
import { actionService, addAction } from '../support/actions.ts';
import { logCase } from '../support/cases.ts';
import { $, createTestApp, createUser, signedInAgent, type TestContext } from '../support/test-app.ts';

type Agent = ReturnType<typeof request.agent>;

let ctx: TestContext;
let safety: Agent;
let author: { id: number; email: string };
let ref: string;

beforeEach(async () => {
  ctx = await createTestApp();
  author = await createUser(ctx, 'safety');
  safety = await signedInAgent(ctx, author.email);
  ref = (await logCase(ctx, author)).ref;
});
afterEach(async () => ctx.close());

/** The form as a browser sends it: the date input's three boxes are named `dueDate[day]` and so on. */
const fields = (f: { description?: string; owner?: string; due?: [string, string, string] | string; [k: string]: unknown }) => {
  const { due = '2026-12-31', ...rest } = f;
  const [year, month, day] = typeof due === 'string' ? due.split('-') : [due[2], due[1], due[0]];
  return { description: 'Audit alert wording in chest X-ray reports', owner: 'reporting-radiologists', ...rest, 'dueDate[day]': day, 'dueDate[month]': month, 'dueDate[year]': year };
};
/** Any page's CSRF token: the header's sign-out form carries it in its action on every signed-in page. */
async function csrf(agent: Agent): Promise<string> {
  const action = $((await agent.get('/')).text)('form[action^="/sign-out"]').attr('action') ?? '';
  return new URL(action, 'http://x').searchParams.get('_csrf') ?? '';
}
const post = async (agent: Agent, path: string, body: Record<string, unknown>) => agent.post(path).type('form').send({ ...body, _csrf: await csrf(agent) });
// The test clock starts at 2026-11-23T10:00Z. Tests make actions overdue by giving them earlier due
// dates through the service (the form would refuse them) or by moving the clock back, never forward:
// session cookies expire on real time, so a clock days ahead would sign everyone out.
const rows = () => ctx.db.selectFrom('actions').selectAll().orderBy('id').execute();
const audits = (action: string) => ctx.db.selectFrom('audit_events').selectAll().where('action', '=', action).orderBy('id').execute();
const summary = (html: string) => {
  const $$ = $(html);
  return $$('.nhsuk-error-summary li a').map((_, a) => ({ text: $$(a).text().trim(), href: $$(a).attr('href') })).get();
};
const editBody = (version: number, change: Record<string, unknown> = {}) => fields({ status: 'open', droppedReason: '', evidence: '', version: String(version), ...change });

describe('adding an action', () => {
  it('offers current owners and a due date in a fieldset', async () => {
    const $$ = $((await safety.get(`/cases/${ref}/actions/new`).expect(200)).text);
    expect($$('h1').text()).toBe('Add an action');
    expect($$('#owner option').map((_, o) => $$(o).text()).get()).toContain('Reporting radiologists');
    expect($$('fieldset legend').text()).toContain('Due date');
    expect($$('input[name="dueDate[day]"]').attr('id')).toBe('dueDate-day');
    expect($$('label[for="description"]').text()).toContain('What must change');
  });

  it('stores an open action, audits it and goes back to the case', async () => {
    const res = await post(safety, `/cases/${ref}/actions`, fields({ due: ['23', '11', '2026'] }));
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/cases/${ref}#actions`);
    expect($((await safety.get(`/cases/${ref}`)).text)('.nhsuk-notification-banner').text()).toContain('The action has been added');
    const [row] = await rows();
    expect(row).toMatchObject({ description: 'Audit alert wording in chest X-ray reports', owner: 'reporting-radiologists', due_date: '2026-11-23', status: 'open', version: 1, created_by: author.id, completed_at: null });
    const [event] = await audits('action.create');
    expect(event).toMatchObject({ actor_id: author.id, entity_type: 'action', entity_id: String(row!.id), before_json: null });
    expect(JSON.parse(event!.after_json!)).toEqual({ case: ref, description: row!.description, owner: 'reporting-radiologists', dueDate: '2026-11-23', status: 'open', droppedReason: null, evidence: null });
  });

  it('shows every problem with links to the fields, keeps what was typed and stores nothing', async () => {
    const res = await post(safety, `/cases/${ref}/actions`, fields({ description: '', owner: '', due: ['', '', ''] }));
    expect(res.status).toBe(400);
    expect(summary(res.text)).toEqual([
      { text: 'Enter a description of the action', href: '#description' },
      { text: 'Select who owns the action', href: '#owner' },
      { text: 'Enter the date the action is due', href: '#dueDate-day' },
    ]);
    expect($(res.text)('title').text()).toMatch(/^Error: /);
    expect(await rows()).toEqual([]);
  });

  it.each([
    [['1', '', '2027'], 'The due date must include a month', ['month']],
    [['31', '2', '2027'], 'The due date must be a real date', ['day']],
    [['1', '3', '27'], 'Year must include 4 numbers', ['year']],
    [['22', '11', '2026'], 'The due date must be today or in the future', ['day', 'month', 'year']],
  ] as [[string, string, string], string, string[]][])('refuses the due date %j', async (due, message, marked) => {
    const res = await post(safety, `/cases/${ref}/actions`, fields({ description: 'Keep <this> text', due }));
    expect(res.status).toBe(400);
    const $$ = $(res.text);
    expect(summary(res.text)).toEqual([{ text: message, href: `#dueDate-${marked[0]}` }]);
    expect($$('#dueDate-error').text()).toContain(message);
    expect($$('.nhsuk-date-input__input.nhsuk-input--error').map((_, i) => $$(i).attr('name')).get()).toEqual(marked.map((p) => `dueDate[${p}]`));
    expect([$$('#dueDate-day').val(), $$('#dueDate-month').val(), $$('#dueDate-year').val()]).toEqual(due);
    expect($$('#description').val()).toBe('Keep <this> text');
    expect(await rows()).toEqual([]);
  });

  it('refuses a description over 2,000 characters and an owner not in the list', async () => {
    const res = await post(safety, `/cases/${ref}/actions`, fields({ description: 'x'.repeat(2001), owner: 'Dr Jones' }));
    expect(summary(res.text).map((e) => e.text)).toEqual(['Description must be 2,000 characters or fewer', 'Select who owns the action']);
  });

  it('refuses text that could identify someone, naming the kind and place and showing it only masked', async () => {
    const description = 'Recall the patient with NHS number 943 476 5919 for CT';
    const res = await post(safety, `/cases/${ref}/actions`, fields({ description }));
    expect(res.status).toBe(400);
    const $$ = $(res.text);
    const message = $$('#description-error').text();
    expect(message).toContain('an NHS number at characters 36 to 47 (••• ••• 5919)');
    expect(message).not.toContain('943 476 5919');
    expect(summary(res.text)[0]!.href).toBe('#description');
    expect($$('#description').val()).toBe(description);
    expect(await rows()).toEqual([]);
    expect(await audits('action.create')).toEqual([]);
  });

  it('refuses a name too, since any finding stops the save', async () => {
    const res = await post(safety, `/cases/${ref}/actions`, fields({ description: 'Ask Dr Sarah Jenkins to re-audit' }));
    expect(res.status).toBe(400);
    expect($(res.text)('#description-error').text()).toContain('a person’s name');
    expect(await rows()).toEqual([]);
  });

  it('lists an identifier with the other problems, not only once they are fixed', async () => {
    const res = await post(safety, `/cases/${ref}/actions`, fields({ description: 'Call 943 476 5919 back', owner: 'zzz', due: ['99', '1', '2027'] }));
    expect(res.status).toBe(400);
    expect(summary(res.text).map((e) => e.href)).toEqual(['#description', '#owner', '#dueDate-day']);
    expect($(res.text)('#description-error').text()).toContain('an NHS number');
    expect(await rows()).toEqual([]);
  });

  it('answers 404 for a case that does not exist', async () => {
    await safety.get('/cases/CB-2026-99999/actions/new').expect(404);
    await safety.get('/cases/nonsense/actions/new').expect(404);
    expect((await post(safety, '/cases/CB-2026-99999/actions', fields({}))).status).toBe(404);
  });

  it('says beside "Close case" how many actions are still open', async () => {
    const page = async () => $((await safety.get(`/cases/${ref}`).expect(200)).text)('.app-close-warning').text();
    expect(await page()).toBe('');
    await post(safety, `/cases/${ref}/actions`, fields({}));
    expect(await page()).toContain('1 action on this case is still open. Closing the case leaves it open on the actions list');
    await post(safety, `/cases/${ref}/actions`, fields({ description: 'Second action' }));
    expect(await page()).toContain('2 actions on this case are still open.');
  });

  it('takes no new action on a withdrawn case, and says so on its page', async () => {
    await ctx.db.updateTable('cases').set({ withdrawn_at: '2026-11-20T10:00:00.000Z', withdrawn_reason: 'Logged twice' }).where('ref', '=', ref).execute();
    expect($((await safety.get(`/cases/${ref}`).expect(200)).text)(`a[href="/cases/${ref}/actions/new"]`)).toHaveLength(0);
    for (const res of [await safety.get(`/cases/${ref}/actions/new`), await post(safety, `/cases/${ref}/actions`, fields({}))]) {
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe(`/cases/${ref}#actions`);
    }
    expect(await rows()).toEqual([]);
    expect($((await safety.get(`/cases/${ref}`)).text)('main').text()).toContain(`${ref} has been withdrawn, so no new actions can be added to it`);
  });
});

describe('changing an action', () => {
  let id: number;
  beforeEach(async () => {
    id = await addAction(ctx, author, ref, { dueDate: '2026-12-01' });
  });
  const path = () => `/cases/${ref}/actions/${id}`;

  it('shows the stored values with the version', async () => {
    const $$ = $((await safety.get(path()).expect(200)).text);
    expect([$$('#dueDate-day').val(), $$('#dueDate-month').val(), $$('#dueDate-year').val()]).toEqual(['1', '12', '2026']);
    expect($$('input[name="version"]').val()).toBe('1');
    expect($$('input[name="status"]:checked').val()).toBe('open');
    expect($$('#owner option:selected').val()).toBe('reporting-radiologists');
  });

  it('needs evidence to mark it done, and a reason to drop it', async () => {
    let res = await post(safety, path(), editBody(1, { status: 'done', description: '' }));
    expect(res.status).toBe(400);
    expect(summary(res.text)).toEqual([
      { text: 'Enter a description of the action', href: '#description' },
      { text: 'Describe the evidence that the action is done', href: '#evidence' },
    ]);
    expect($(res.text)('input[name="status"]:checked').val()).toBe('done');
    res = await post(safety, path(), editBody(1, { status: 'dropped' }));
    expect(summary(res.text)).toEqual([{ text: 'Enter why the action was dropped', href: '#droppedReason' }]);
    expect((await rows())[0]).toMatchObject({ status: 'open', version: 1 });
  });

  it('marks it done with evidence, audits before and after, and reopens it', async () => {
    let res = await post(safety, path(), editBody(1, { status: 'done', evidence: 'Alert wording added to the reporting template' }));
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/cases/${ref}#actions`);
    expect((await rows())[0]).toMatchObject({ status: 'done', evidence: 'Alert wording added to the reporting template', version: 2, completed_at: '2026-11-23T10:00:00.000Z' });
    expect($((await safety.get(`/cases/${ref}`)).text)('.nhsuk-notification-banner').text()).toContain('The action has been marked as done');
    const [event] = await audits('action.update');
    expect(event).toMatchObject({ actor_id: author.id, entity_type: 'action', entity_id: String(id) });
    expect(JSON.parse(event!.before_json!)).toMatchObject({ status: 'open', evidence: null });
    expect(JSON.parse(event!.after_json!)).toMatchObject({ status: 'done', evidence: 'Alert wording added to the reporting template' });
    // The case's history tells the action's story too: added, then done, each change in words.
    const page = $((await safety.get(`/cases/${ref}`)).text);
    const events = page('.app-history__event').map((_, e) => page(e).text().replace(/\s+/g, ' ')).get();
    const added = events.find((t) => t.includes('Action added'))!;
    expect(added).toContain('Reporting radiologists');
    const done = events.find((t) => t.includes('Action updated'))!;
    expect(done).toMatch(/Status.*open.*done/);
    expect(done).toContain('Alert wording added to the reporting template');
    expect(done).not.toContain('Owner');

    res = await post(safety, path(), editBody(2, { status: 'open', evidence: 'Alert wording added to the reporting template' }));
    expect(res.status).toBe(303);
    expect((await rows())[0]).toMatchObject({ status: 'open', version: 3, completed_at: null });
  });

  it('drops it with a reason, and keeps a past due date that was not changed', async () => {
    await ctx.db.updateTable('actions').set({ due_date: '2026-11-01' }).where('id', '=', id).execute();
    const res = await post(safety, path(), editBody(1, { due: '2026-11-01', status: 'dropped', droppedReason: 'Superseded by the new national alert policy' }));
    expect(res.status).toBe(303);
    expect((await rows())[0]).toMatchObject({ status: 'dropped', dropped_reason: 'Superseded by the new national alert policy', due_date: '2026-11-01', completed_at: '2026-11-23T10:00:00.000Z' });
    const moved = await post(safety, path(), editBody(2, { due: '2026-11-02', status: 'dropped', droppedReason: 'Superseded' }));
    expect(summary(moved.text)[0]!.text).toBe('The due date must be today or in the future');
    expect((await rows())[0]!.due_date).toBe('2026-11-01');
  });

  it('refuses identifiers in the evidence and changes nothing', async () => {
    const res = await post(safety, path(), editBody(1, { status: 'done', evidence: 'Emailed the results to j.bloggs@nhs.net' }));
    expect(res.status).toBe(400);
    const message = $(res.text)('#evidence-error').text();
    expect(message).toContain('The evidence contains what looks like an email address at characters');
    expect(message).not.toContain('j.bloggs@nhs.net');
    expect((await rows())[0]).toMatchObject({ status: 'open', evidence: null, version: 1 });
    expect(await audits('action.update')).toEqual([]);
  });

  it('answers 409 on a stale version, showing both versions and overwriting nothing', async () => {
    const director = await createUser(ctx, 'director');
    const other = await signedInAgent(ctx, director.email);
    await post(other, path(), editBody(1, { description: 'Their wording', owner: 'imaging-manager' })).then((r) => expect(r.status).toBe(303));
    const res = await post(safety, path(), editBody(1, { description: 'My wording', status: 'done', evidence: 'My evidence' }));
    expect(res.status).toBe(409);
    const $$ = $(res.text);
    expect(summary(res.text)).toEqual([{ text: 'Someone else changed this action after you opened it. Nothing has been saved', href: '#conflict' }]);
    const row = (field: string) => $$(`#conflict tr[data-field="${field}"]`);
    expect(row('Description').find('[data-saved]').text()).toBe('Their wording');
    expect(row('Description').find('[data-yours]').text()).toBe('My wording');
    expect(row('Owner').find('[data-saved]').text()).toBe('Imaging services manager');
    expect(row('Due date').attr('data-differs')).toBe('false');
    expect($$('#description').val()).toBe('My wording');
    expect($$('input[name="version"]').val()).toBe('2');
    expect((await rows())[0]).toMatchObject({ description: 'Their wording', owner: 'imaging-manager', status: 'open', version: 2 });
    expect(await audits('action.update')).toHaveLength(1);
  });

  it('treats a missing version as stale', async () => {
    const res = await post(safety, path(), { ...editBody(1), version: '' });
    expect(res.status).toBe(409);
    expect((await rows())[0]!.version).toBe(1);
  });

  it('answers 404 for an action on another case', async () => {
    const other = (await logCase(ctx, author)).ref;
    await safety.get(`/cases/${other}/actions/${id}`).expect(404);
    await safety.get(`/cases/${ref}/actions/9999`).expect(404);
    await safety.get(`/cases/${ref}/actions/abc`).expect(404);
    expect((await post(safety, `/cases/${other}/actions/${id}`, editBody(1, { description: 'Moved' }))).status).toBe(404);
    expect((await rows())[0]!.description).not.toBe('Moved');
  });
});

describe('who may add and change actions', () => {
  for (const role of ['trainer', 'admin'] as const) {
    it(`${role}: 403 on the forms and the list, and nothing changes`, async () => {
      const id = await addAction(ctx, author, ref);
      const user = await createUser(ctx, role);
      const agent = await signedInAgent(ctx, user.email);
      for (const p of [`/cases/${ref}/actions/new`, `/cases/${ref}/actions/${id}`, '/actions']) await agent.get(p).expect(403);
      const before = await rows();
      expect((await post(agent, `/cases/${ref}/actions`, fields({}))).status).toBe(403);
      expect((await post(agent, `/cases/${ref}/actions/${id}`, editBody(1, { description: 'Changed' }))).status).toBe(403);
      expect(await rows()).toEqual(before);
    });
  }

  it('a clinical director may add one', async () => {
    const director = await createUser(ctx, 'director');
    const agent = await signedInAgent(ctx, director.email);
    expect((await post(agent, `/cases/${ref}/actions`, fields({}))).status).toBe(303);
    expect((await rows())[0]!.created_by).toBe(director.id);
  });
});

describe('the list of actions', () => {
  it('lists open actions soonest due first, flags overdue ones from the clock, and links to the case', async () => {
    const late = await addAction(ctx, author, ref, { dueDate: '2026-11-20', description: 'Late <b>one</b>' });
    const soon = await addAction(ctx, author, ref, { dueDate: '2026-11-23' });
    const done = await addAction(ctx, author, ref, { dueDate: '2026-11-19' });
    await ctx.db.updateTable('actions').set({ status: 'done', evidence: 'Done' }).where('id', '=', done).execute();
    const res = await safety.get('/actions').expect(200);
    const $$ = $(res.text);
    expect($$('h2[data-count]').text()).toBe('2 open actions');
    expect($$('tr[data-action-id]').map((_, r) => Number($$(r).attr('data-action-id'))).get()).toEqual([late, soon]);
    const first = $$(`tr[data-action-id="${late}"]`);
    expect(first.find('.nhsuk-tag--red').text().trim()).toBe('Overdue by 3 days');
    expect(first.find('time').text()).toBe('20 November 2026');
    expect(first.find(`a[href="/cases/${ref}#actions"]`).text()).toBe(ref);
    expect(first.text()).toContain('Reporting radiologists');
    expect(first.text()).toContain('North General Hospital imaging');
    expect(res.text).not.toContain('<b>one</b>');
    expect($$(`tr[data-action-id="${soon}"] .nhsuk-tag--red`)).toHaveLength(0);

    // Late on 19 November in UK time, nothing was overdue yet.
    ctx.clock.now = new Date('2026-11-19T23:59:00Z');
    const before = $((await safety.get('/actions').expect(200)).text);
    expect(before('.nhsuk-tag--red')).toHaveLength(0);
  });

  it('filters by status, overdue, owner and department', async () => {
    await insertDepartmentIfMissing(ctx.db, 'south', 'South Community Hospital imaging');
    const southRef = (await logCase(ctx, author, { department: 'south' })).ref;
    const a = await addAction(ctx, author, ref, { dueDate: '2026-11-10', owner: 'pacs-ris-team' });
    const b = await addAction(ctx, author, southRef, { dueDate: '2026-12-24' });
    const c = await addAction(ctx, author, southRef, { dueDate: '2026-11-12' });
    await ctx.db.updateTable('actions').set({ status: 'dropped', dropped_reason: 'Not needed' }).where('id', '=', c).execute();
    const ids = async (query: string) => {
      const $$ = $((await safety.get(`/actions${query}`).expect(200)).text);
      return $$('tr[data-action-id]').map((_, r) => Number($$(r).attr('data-action-id'))).get();
    };
    expect(await ids('')).toEqual([a, b]);
    expect(await ids('?status=all')).toEqual([a, c, b]);
    expect(await ids('?status=dropped')).toEqual([c]);
    expect(await ids('?overdue=yes')).toEqual([a]);
    expect(await ids('?owner=pacs-ris-team')).toEqual([a]);
    expect(await ids('?department=south&status=all')).toEqual([c, b]);
    const $$ = $((await safety.get('/actions?overdue=yes&department=south').expect(200)).text);
    expect($$('h2[data-count]').text()).toBe('0 overdue actions');
    expect($$('#overdue').is(':checked')).toBe(true);
    expect($$('#department option:selected').val()).toBe('south');
  });

  it('refuses unknown filter values with an error', async () => {
    const res = await safety.get('/actions?owner=nobody&status=later');
    expect(res.status).toBe(400);
    expect(summary(res.text).map((e) => e.href)).toEqual(['#status', '#owner']);
  });

  it('pages through many actions, keeping the filters', async () => {
    for (let i = 0; i < 30; i++) await addAction(ctx, author, ref, { dueDate: `2027-01-${String(i + 1).padStart(2, '0')}` });
    let $$ = $((await safety.get('/actions?owner=reporting-radiologists').expect(200)).text);
    expect($$('h2[data-count]').text()).toBe('30 open actions');
    expect($$('tr[data-action-id]')).toHaveLength(25);
    expect($$('caption').text()).toContain('Showing 1 to 25 of 30');
    const next = $$('.nhsuk-pagination a[rel="next"], .nhsuk-pagination__link--next').first().attr('href')!;
    expect(next).toBe('/actions?owner=reporting-radiologists&page=2');
    $$ = $((await safety.get(next).expect(200)).text);
    expect($$('tr[data-action-id]')).toHaveLength(5);
    expect($$('tr[data-action-id] time').last().text()).toBe('30 January 2027');
  });
});

describe('the actions section of a case page', () => {
  const render = async (view: unknown) => $((await createRenderer()).compile('{{> cases/actions this}}')(view));

  it('shows each action with its owner, due date, status and overdue flag; editors get change links', async () => {
    const open = await addAction(ctx, author, ref, { dueDate: '2026-11-22' });
    const done = await addAction(ctx, author, ref, { dueDate: '2026-12-20' });
    await ctx.db.updateTable('actions').set({ status: 'done', evidence: 'Template updated' }).where('id', '=', done).execute();
    const view = await actionService(ctx).actionsForCase(ref, 'safety');
    expect(view).toMatchObject({ caseRef: ref, canEdit: true, openCount: 1, overdueCount: 1, addHref: `/cases/${ref}/actions/new` });
    const $$ = await render(view);
    expect($$('section#actions h2').text()).toBe('Actions');
    const first = $$(`tr[data-action-id="${open}"]`);
    expect(first.find('.nhsuk-tag--red').text().trim()).toBe('Overdue by 1 day');
    expect(first.find(`a[href="/cases/${ref}/actions/${open}"]`).text()).toContain('Change');
    expect($$(`tr[data-action-id="${done}"]`).text()).toContain('Evidence: Template updated');
    expect($$(`a[href="/cases/${ref}/actions/new"]`).text()).toContain('Add an action');
  });

  it('is read-only for trainers, and hidden from them on drafts', async () => {
    await addAction(ctx, author, ref);
    const view = await actionService(ctx).actionsForCase(ref, 'trainer');
    expect(view).toMatchObject({ canEdit: false, addHref: null });
    const $$ = await render(view);
    expect($$('tr[data-action-id]')).toHaveLength(1);
    expect($$('a')).toHaveLength(0);
    const draft = (await logCase(ctx, author, { submit: false })).ref;
    expect(await actionService(ctx).actionsForCase(draft, 'trainer')).toBeUndefined();
    expect(await actionService(ctx).actionsForCase(draft, 'director')).toBeDefined();
    expect(await actionService(ctx).actionsForCase('CB-2026-99999', 'director')).toBeUndefined();
  });
});
