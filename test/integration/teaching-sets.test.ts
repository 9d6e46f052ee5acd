import { readFileSync } from 'node:fs';
import type request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAuditService } from '../../server/audit/service.ts';
import { createCaseService } from '../../server/cases/service.ts';
import { createRenderer } from '../../server/web/view-engine.ts';
import { logCase } from '../support/cases.ts';
import { createSet, teachingSetService } from '../support/teaching-sets.ts';
import { $, createTestApp, createUser, signedInAgent, type TestContext } from '../support/test-app.ts';

type Agent = ReturnType<typeof request.agent>;
type User = { id: number; email: string };

let ctx: TestContext;
let author: User;
let trainerUser: User;
let trainer: Agent;
let nodule: string;
let delay: string;

beforeEach(async () => {
  ctx = await createTestApp();
  author = await createUser(ctx, 'safety');
  trainerUser = await createUser(ctx, 'trainer');
  trainer = await signedInAgent(ctx, trainerUser.email);
  nodule = (await logCase(ctx, author)).ref;
  delay = (
    await logCase(ctx, author, {
      title: 'CT head report verified three weeks late',
      narrative: 'The outsourced report of a CT head waited 21 days for verification.',
      learning: 'Outsourced reports need a verification deadline.',
      modality: 'ct',
      bodyArea: 'head',
      harm: 'moderate',
      themes: [{ theme: 'T3', factors: [] }],
    })
  ).ref;
});
afterEach(async () => ctx.close());

/** Any page's CSRF token: the header's sign-out form carries it in its action on every signed-in page. */
async function csrf(agent: Agent): Promise<string> {
  const action = $((await agent.get('/')).text)('form[action^="/sign-out"]').attr('action') ?? '';
  return new URL(action, 'http://x').searchParams.get('_csrf') ?? '';
}
const post = async (agent: Agent, path: string, body: Record<string, unknown> = {}) => agent.post(path).type('form').send({ ...body, _csrf: await csrf(agent) });
const summary = (html: string) => {
  const $$ = $(html);
  return $$('.nhsuk-error-summary li a').map((_, a) => ({ text: $$(a).text().trim(), href: $$(a).attr('href') })).get();
};
const audits = (action: string) => ctx.db.selectFrom('audit_events').selectAll().where('action', '=', action).orderBy('id').execute();
const setRows = () => ctx.db.selectFrom('teaching_sets').selectAll().orderBy('id').execute();
const itemRefs = async (setId: number) =>
  (
    await ctx.db
      .selectFrom('teaching_set_items')
      .innerJoin('cases', 'cases.id', 'teaching_set_items.case_id')
      .select(['cases.ref', 'teaching_set_items.note'])
      .where('set_id', '=', setId)
      .orderBy('position')
      .execute()
  ).map((r) => r.ref);
const caseService = () => {
  const clock = () => new Date(ctx.clock.now);
  return createCaseService({ db: ctx.db, audit: createAuditService(clock), clock });
};
const setFields = (change: Record<string, string> = {}) => ({ title: 'Missed nodules', description: 'Nodules seen but not followed up.', audience: 'ST1 radiology registrars', ...change });
/** The cases in the order the set page shows them. */
const pageOrder = async (setId: number) => {
  const $$ = $((await trainer.get(`/teaching-sets/${setId}`).expect(200)).text);
  return $$('.app-set-item').map((_, li) => $$(li).attr('data-ref')).get();
};

describe('creating and changing a set', () => {
  it('lists no sets at first and offers trainers, and only trainers, a way to create one', async () => {
    const $$ = $((await trainer.get('/teaching-sets').expect(200)).text);
    expect($$('h1').text()).toBe('Teaching sets');
    expect($$('a[href="/teaching-sets/new"]').length).toBe(1);
    expect($$('main').text()).toContain('There are no teaching sets in use yet');
    const safety = await signedInAgent(ctx, author.email);
    expect($((await safety.get('/teaching-sets').expect(200)).text)('a[href="/teaching-sets/new"]').length).toBe(0);
  });

  it('creates a set, audits it and shows it in the list with its audience and number of cases', async () => {
    const res = await post(trainer, '/teaching-sets', setFields());
    expect(res.status).toBe(303);
    const [row] = await setRows();
    expect(res.headers.location).toBe(`/teaching-sets/${row!.id}`);
    expect(row).toMatchObject({ title: 'Missed nodules', audience: 'ST1 radiology registrars', version: 1, created_by: trainerUser.id, archived_at: null });
    const [event] = await audits('teaching_set.create');
    expect(event).toMatchObject({ actor_id: trainerUser.id, entity_type: 'teaching_set', entity_id: String(row!.id) });
    expect(JSON.parse(event!.after_json!)).toEqual({ title: 'Missed nodules', description: 'Nodules seen but not followed up.', audience: 'ST1 radiology registrars' });
    const $$ = $((await trainer.get('/teaching-sets')).text);
    const tr = $$(`tr[data-set-id="${row!.id}"]`);
    expect(tr.find('a').text()).toBe('Missed nodules');
    expect(tr.text()).toContain('ST1 radiology registrars');
    expect(tr.find('[data-teachable]').text()).toContain('0');
  });

  it('shows every problem with links to the fields, keeps what was typed and stores nothing', async () => {
    const res = await post(trainer, '/teaching-sets', setFields({ title: '', audience: ' ', description: 'Keep <this>' }));
    expect(res.status).toBe(400);
    expect(summary(res.text)).toEqual([
      { text: 'Enter a title for the teaching set', href: '#title' },
      { text: 'Enter who the set is for, like ‘ST1 radiology registrars’', href: '#audience' },
    ]);
    expect($(res.text)('title').text()).toMatch(/^Error: /);
    expect($(res.text)('#description').val()).toBe('Keep <this>');
    expect(await setRows()).toEqual([]);
  });

  it('refuses a title over 120 characters, an audience over 120 and a description over 2,000', async () => {
    const res = await post(trainer, '/teaching-sets', setFields({ title: 'x'.repeat(121), audience: 'y'.repeat(121), description: 'z'.repeat(2001) }));
    expect(summary(res.text).map((e) => e.text)).toEqual(['Title must be 120 characters or fewer', 'Description must be 2,000 characters or fewer', 'Audience must be 120 characters or fewer']);
    expect(await setRows()).toEqual([]);
  });

  it('refuses text that could identify someone, naming the field, kind and place, masked, and keeps the text', async () => {
    const description = 'Start with the case of NHS number 943 476 5919';
    const res = await post(trainer, '/teaching-sets', setFields({ description }));
    expect(res.status).toBe(400);
    const $$ = $(res.text);
    const message = $$('#description-error').text();
    expect(message).toContain('Description contains what looks like an NHS number at characters 35 to 46 (••• ••• 5919)');
    expect(message).not.toContain('943 476 5919');
    expect(summary(res.text)[0]!.href).toBe('#description');
    expect($$('#description').val()).toBe(description);
    expect(await setRows()).toEqual([]);
    expect(await audits('teaching_set.create')).toEqual([]);
  });

  it('lists an identifier with the other problems, not only once they are fixed', async () => {
    const res = await post(trainer, '/teaching-sets', setFields({ title: '', description: 'Start with NHS number 943 476 5919' }));
    expect(res.status).toBe(400);
    expect(summary(res.text).map((e) => e.href)).toEqual(['#title', '#description']);
    expect($(res.text)('#description-error').text()).toContain('an NHS number');
    expect(await setRows()).toEqual([]);
  });

  it('changes the details with a version check: a stale form gets a 409 and overwrites nothing', async () => {
    const id = await createSet(ctx, trainerUser);
    const form = $((await trainer.get(`/teaching-sets/${id}/edit`).expect(200)).text);
    expect(form('input[name="version"]').val()).toBe('1');
    await teachingSetService(ctx).update({ id: trainerUser.id, label: 'other' }, id, { title: 'Theirs', description: '', audience: 'Radiographers', version: 1 });
    const res = await post(trainer, `/teaching-sets/${id}/edit`, setFields({ title: 'Mine', version: '1' }));
    expect(res.status).toBe(409);
    const $$ = $(res.text);
    expect($$('#conflict [data-field="Title"] [data-saved]').text()).toBe('Theirs');
    expect($$('#conflict [data-field="Title"] [data-yours]').text()).toBe('Mine');
    expect($$('input[name="version"]').val()).toBe('2');
    expect((await setRows())[0]).toMatchObject({ title: 'Theirs', version: 2 });

    const saved = await post(trainer, `/teaching-sets/${id}/edit`, setFields({ title: 'Mine', version: '2' }));
    expect(saved.status).toBe(303);
    expect((await setRows())[0]).toMatchObject({ title: 'Mine', audience: 'ST1 radiology registrars', version: 3 });
    const events = await audits('teaching_set.update');
    expect(JSON.parse(events.at(-1)!.before_json!)).toMatchObject({ title: 'Theirs' });
    expect(JSON.parse(events.at(-1)!.after_json!)).toMatchObject({ title: 'Mine' });
  });

  it('archives and unarchives: an archived set is listed apart, readable, and refuses changes', async () => {
    const id = await createSet(ctx, trainerUser, [nodule]);
    expect((await post(trainer, `/teaching-sets/${id}/archive`)).status).toBe(303);
    let $$ = $((await trainer.get('/teaching-sets')).text);
    expect($$('#archived').length).toBe(1);
    expect($$(`#archived ~ table tr[data-set-id="${id}"]`).length).toBe(1);
    const page = $((await trainer.get(`/teaching-sets/${id}`).expect(200)).text);
    expect(page('main').text()).toContain('Archived');
    expect(page(`form[action="/teaching-sets/${id}/cases"]`).length).toBe(0);
    expect(page(`form[action="/teaching-sets/${id}/unarchive"]`).length).toBe(1);

    const refused = await post(trainer, `/teaching-sets/${id}/cases`, { ref: delay });
    expect(refused.status).toBe(400);
    expect(summary(refused.text)[0]!.text).toContain('archived');
    expect(await itemRefs(id)).toEqual([nodule]);
    expect((await post(trainer, `/teaching-sets/${id}/cases/${nodule}/remove`)).status).toBe(400);

    expect((await post(trainer, `/teaching-sets/${id}/unarchive`)).status).toBe(303);
    $$ = $((await trainer.get('/teaching-sets')).text);
    expect($$('#archived').length).toBe(0);
    expect((await audits('teaching_set.archive')).length).toBe(1);
    expect((await audits('teaching_set.unarchive')).length).toBe(1);
  });
});

describe('the cases in a set', () => {
  let id: number;
  beforeEach(async () => {
    id = await createSet(ctx, trainerUser);
  });

  it('adds a case by reference (in any case) with a note, and audits it', async () => {
    const res = await post(trainer, `/teaching-sets/${id}/cases`, { ref: nodule.toLowerCase(), note: 'Ask: who owns the follow-up?' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/teaching-sets/${id}`);
    const $$ = $((await trainer.get(`/teaching-sets/${id}`)).text);
    expect($$('.nhsuk-notification-banner').text()).toContain(`${nodule} has been added`);
    const item = $$(`#case-${nodule}`);
    expect(item.find('h3').text()).toContain('Lung nodule on chest X-ray not alerted to GP');
    expect(item.find(`a[href="/cases/${nodule}"]`).length).toBe(1);
    expect(item.text()).toContain('T1');
    expect(item.find('textarea[name="note"]').val()).toBe('Ask: who owns the follow-up?');
    const [event] = await audits('teaching_set.add_case');
    expect(event).toMatchObject({ entity_type: 'teaching_set', entity_id: String(id), actor_id: trainerUser.id });
    expect(JSON.parse(event!.after_json!)).toEqual({ case: nodule, note: 'Ask: who owns the follow-up?' });
  });

  it.each([
    ['', 'Enter a case reference, like CB-2026-00012'],
    ['nodule', 'Enter a case reference in the form CB-2026-00012'],
    ['CB-2026-09999', 'There is no case CB-2026-09999'],
  ])('refuses the reference %j with a clear error', async (ref, message) => {
    const res = await post(trainer, `/teaching-sets/${id}/cases`, { ref, note: 'kept' });
    expect(res.status).toBe(400);
    expect(summary(res.text)).toEqual([{ text: message, href: '#ref' }]);
    expect($(res.text)('#addNote').val()).toBe('kept');
    expect(await itemRefs(id)).toEqual([]);
  });

  it('refuses drafts, withdrawn cases and duplicates', async () => {
    const draft = (await logCase(ctx, author, { submit: false })).ref;
    let res = await post(trainer, `/teaching-sets/${id}/cases`, { ref: draft });
    expect(res.status).toBe(400);
    // Answered as a case that does not exist: trainers are not told a draft is there.
    expect(summary(res.text)[0]!.text).toBe(`There is no case ${draft}`);

    await caseService().withdraw({ id: author.id, label: author.email }, delay, 'Logged twice');
    res = await post(trainer, `/teaching-sets/${id}/cases`, { ref: delay });
    expect(summary(res.text)[0]!.text).toContain('has been withdrawn');

    await post(trainer, `/teaching-sets/${id}/cases`, { ref: nodule });
    res = await post(trainer, `/teaching-sets/${id}/cases`, { ref: nodule });
    expect(res.status).toBe(400);
    expect(summary(res.text)[0]!.text).toBe(`${nodule} is already in this teaching set`);
    expect(await itemRefs(id)).toEqual([nodule]);
    expect((await audits('teaching_set.add_case')).length).toBe(1);
  });

  it('refuses a note that could identify someone', async () => {
    const res = await post(trainer, `/teaching-sets/${id}/cases`, { ref: nodule, note: 'Ask Dr Sarah Jenkins about it' });
    expect(res.status).toBe(400);
    expect(summary(res.text)[0]).toMatchObject({ href: '#addNote' });
    expect(summary(res.text)[0]!.text).toContain('a person’s name');
    expect(await itemRefs(id)).toEqual([]);
  });

  it('adds from a case page or search results through the set chooser and goes back there', async () => {
    const res = await post(trainer, '/teaching-sets/add-case', { setId: String(id), ref: nodule, returnTo: `/cases/${nodule}` });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/cases/${nodule}`);
    expect(await itemRefs(id)).toEqual([nodule]);
    const offsite = await post(trainer, '/teaching-sets/add-case', { setId: String(id), ref: delay, returnTo: '//evil.example/' });
    expect(offsite.headers.location).toBe(`/teaching-sets/${id}`);
    const noSet = await post(trainer, '/teaching-sets/add-case', { setId: 'x', ref: delay, returnTo: '/search?q=ct' });
    expect(noSet.headers.location).toBe('/search?q=ct');
  });

  it('moves cases up and down, and audits each move', async () => {
    const third = (await logCase(ctx, author, { title: 'Third case' })).ref;
    for (const ref of [nodule, delay, third]) await post(trainer, `/teaching-sets/${id}/cases`, { ref });
    expect(await pageOrder(id)).toEqual([nodule, delay, third]);
    const $$ = $((await trainer.get(`/teaching-sets/${id}`)).text);
    // Nothing moves past either end, so the first has no "up" and the last no "down".
    expect($$(`#case-${nodule} input[name="direction"]`).map((_, i) => $$(i).val()).get()).toEqual(['down']);
    expect($$(`#case-${third} input[name="direction"]`).map((_, i) => $$(i).val()).get()).toEqual(['up']);

    expect((await post(trainer, `/teaching-sets/${id}/cases/${third}/move`, { direction: 'up' })).headers.location).toBe(`/teaching-sets/${id}#case-${third}`);
    expect(await pageOrder(id)).toEqual([nodule, third, delay]);
    await post(trainer, `/teaching-sets/${id}/cases/${nodule}/move`, { direction: 'down' });
    expect(await pageOrder(id)).toEqual([third, nodule, delay]);
    await post(trainer, `/teaching-sets/${id}/cases/${third}/move`, { direction: 'up' });
    expect(await pageOrder(id)).toEqual([third, nodule, delay]);
    const moves = await audits('teaching_set.move_case');
    expect(moves.length).toBe(2);
    expect(JSON.parse(moves[0]!.before_json!)).toEqual({ case: third, position: 3 });
    expect(JSON.parse(moves[0]!.after_json!)).toEqual({ case: third, position: 2 });
    expect((await post(trainer, `/teaching-sets/${id}/cases/${third}/move`, { direction: 'sideways' })).status).toBe(400);
  });

  it('saves a teaching note per case, refusing identifiers and keeping what was typed', async () => {
    await post(trainer, `/teaching-sets/${id}/cases`, { ref: nodule });
    expect((await post(trainer, `/teaching-sets/${id}/cases/${nodule}/note`, { note: 'Who should have acted?' })).status).toBe(303);
    expect($((await trainer.get(`/teaching-sets/${id}`)).text)(`#note-${nodule}`).val()).toBe('Who should have acted?');
    const [event] = await audits('teaching_set.note');
    expect(JSON.parse(event!.before_json!)).toEqual({ case: nodule, note: '' });
    expect(JSON.parse(event!.after_json!)).toEqual({ case: nodule, note: 'Who should have acted?' });

    const bad = 'Call 020 7946 0018 for the images';
    const res = await post(trainer, `/teaching-sets/${id}/cases/${nodule}/note`, { note: bad });
    expect(res.status).toBe(400);
    const $$ = $(res.text);
    expect(summary(res.text)[0]!.href).toBe(`#note-${nodule}`);
    expect($$(`#note-${nodule}-error`).text()).toContain('a phone number at characters 6 to 18');
    expect($$(`#note-${nodule}`).val()).toBe(bad);
    expect((await ctx.db.selectFrom('teaching_set_items').select('note').executeTakeFirstOrThrow()).note).toBe('Who should have acted?');

    // Too long: kept as typed, the problem on the note's own box.
    const long = 'x'.repeat(5000);
    const tooLong = await post(trainer, `/teaching-sets/${id}/cases/${nodule}/note`, { note: long });
    expect(tooLong.status).toBe(400);
    const $l = $(tooLong.text);
    expect(summary(tooLong.text)[0]!.href).toBe(`#note-${nodule}`);
    expect($l(`#note-${nodule}-error`).text()).toContain('4,000 characters or fewer');
    expect($l(`#note-${nodule}`).closest('.nhsuk-form-group').hasClass('nhsuk-form-group--error')).toBe(true);
    expect($l(`#note-${nodule}`).val()).toBe(long);
  });

  it('removes a case and audits it; a case not in the set is refused', async () => {
    await post(trainer, `/teaching-sets/${id}/cases`, { ref: nodule });
    expect((await post(trainer, `/teaching-sets/${id}/cases/${nodule}/remove`)).status).toBe(303);
    expect(await itemRefs(id)).toEqual([]);
    expect((await audits('teaching_set.remove_case')).length).toBe(1);
    const res = await post(trainer, `/teaching-sets/${id}/cases/${nodule}/remove`);
    expect(res.status).toBe(400);
    expect(summary(res.text)[0]!.text).toBe(`${nodule} is not in this teaching set`);
  });
});

describe('a case withdrawn after it was added', () => {
  it('shows as withdrawn with none of its content, is not counted, taught or exported', async () => {
    const id = await createSet(ctx, trainerUser, [nodule, delay]);
    await teachingSetService(ctx).setNote({ id: trainerUser.id, label: 'x' }, id, nodule, 'Secret teaching note');
    await caseService().withdraw({ id: author.id, label: author.email }, nodule, 'Logged twice');
    const title = 'Lung nodule on chest X-ray not alerted to GP';

    const page = await trainer.get(`/teaching-sets/${id}`).expect(200);
    const $$ = $(page.text);
    expect($$(`#case-${nodule}`).text()).toContain('This case was withdrawn');
    expect(page.text).not.toContain(title);
    expect(page.text).not.toContain('Secret teaching note');
    expect($$('main').text()).toContain('1 case in this set has been withdrawn');
    expect($((await trainer.get('/teaching-sets')).text)(`tr[data-set-id="${id}"] [data-teachable]`).text()).toContain('1');

    const teach = await trainer.get(`/teaching-sets/${id}/teach/1`).expect(200);
    expect($(teach.text)('h1').text()).toBe('Case 1 of 1');
    expect($(teach.text)('details').text()).toContain('CT head report verified three weeks late');
    await trainer.get(`/teaching-sets/${id}/teach/2`).expect(404);

    for (const path of ['handout', 'export.csv', 'export.html']) {
      const res = await trainer.get(`/teaching-sets/${id}/${path}`).expect(200);
      const body = res.text;
      expect(body, path).toContain('This case was withdrawn');
      expect(body, path).not.toContain(title);
      expect(body, path).not.toContain('Secret teaching note');
      expect(body, path).not.toContain('2 cm nodule');
    }
  });
});

describe('teaching, the handout and the downloads', () => {
  let id: number;
  beforeEach(async () => {
    id = await createSet(ctx, trainerUser, [nodule, delay]);
    await teachingSetService(ctx).setNote({ id: trainerUser.id, label: 'x' }, id, nodule, 'Ask: who should have raised the alert?');
  });

  it('teach mode shows the facts and the story, and keeps the outcome inside a <details> until revealed', async () => {
    const res = await trainer.get(`/teaching-sets/${id}/teach/1`).expect(200);
    const $$ = $(res.text);
    expect($$('h1').text()).toBe('Case 1 of 2');
    expect($$('title').text()).not.toContain('Lung nodule');
    expect($$('[data-narrative]').text()).toContain('A chest X-ray requested by the GP showed a 2 cm nodule');
    expect($$('.nhsuk-summary-list').text()).toContain('Modality');
    const details = $$('details');
    expect(details.length).toBe(1);
    expect(details.attr('open')).toBeUndefined();
    expect(details.find('summary').text()).toContain('Reveal the outcome');
    // Outside the details element there is no title, harm, theme or learning point.
    const outside = $$('main').clone();
    outside.find('details').remove();
    for (const hidden of ['Lung nodule on chest X-ray', 'Reports recommending CT', 'T1', 'Severe', 'Ask: who should have raised']) expect(outside.text()).not.toContain(hidden);
    expect(details.find('h2').text()).toBe('Lung nodule on chest X-ray not alerted to GP');
    expect(details.find('[data-learning]').text()).toBe('Reports recommending CT for a suspicious nodule must raise a cancer alert.');
    expect(details.find('[data-themes]').text()).toContain('T1');
    expect(details.find('[data-harm]').text()).toMatch(/severe/i);
    expect(details.find('[data-note]').text()).toBe('Ask: who should have raised the alert?');
    expect($$('.nhsuk-pagination a[rel="next"]').attr('href')).toBe(`/teaching-sets/${id}/teach/2`);
    expect($$('.nhsuk-pagination a[rel="prev"]').length).toBe(0);

    const second = $((await trainer.get(`/teaching-sets/${id}/teach/2`).expect(200)).text);
    expect(second('.nhsuk-pagination a[rel="prev"]').attr('href')).toBe(`/teaching-sets/${id}/teach/1`);
    expect(second('.nhsuk-pagination a[rel="next"]').length).toBe(0);
    for (const bad of ['0', '3', 'x', '1.5']) await trainer.get(`/teaching-sets/${id}/teach/${bad}`).expect(404);
  });

  it('the handout has the set on top, then each case with its note, learning points and themes, one per page in print', async () => {
    const $$ = $((await trainer.get(`/teaching-sets/${id}/handout`).expect(200)).text);
    const cover = $$('.app-handout__cover');
    expect(cover.find('h1').text()).toBe('Unexpected findings on chest X-ray');
    expect(cover.text()).toContain('ST1 radiology registrars');
    expect(cover.text()).toContain('Cases where a finding was seen but not acted on.');
    const cases = $$('.app-handout__case');
    expect(cases.map((_, s) => $$(s).attr('data-ref')).get()).toEqual([nodule, delay]);
    const first = cases.first();
    expect(first.find('h2').text()).toBe('Lung nodule on chest X-ray not alerted to GP');
    expect(first.text()).toContain('Reports recommending CT for a suspicious nodule must raise a cancer alert.');
    expect(first.text()).toContain('Ask: who should have raised the alert?');
    expect(first.text()).toContain('T2.02');
    const css = readFileSync(new URL('../../public/css/casebook.css', import.meta.url), 'utf8');
    const print = css.slice(css.indexOf('@media print'));
    expect(print).toMatch(/\.app-handout__case \{[^}]*break-before: page/);
    expect(print).toContain('.nhsuk-header');
  });

  it('exports CSV, one row per case, as an audited attachment', async () => {
    const res = await trainer.get(`/teaching-sets/${id}/export.csv`).expect(200);
    expect(res.headers['content-disposition']).toBe('attachment; filename=teaching-set-unexpected-findings-on-chest-x-ray-2026-11-23.csv');
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const lines = res.text.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('Position,Reference,Title,Themes,Contributory factors,Modality,Harm,Event month,What happened,Learning points,Teaching note');
    expect(lines[1]).toContain(`1,${nodule},Lung nodule on chest X-ray not alerted to GP,`);
    expect(lines[1]).toContain('Ask: who should have raised the alert?');
    expect(lines[2]).toContain(`2,${delay},CT head report verified three weeks late`);
    const [event] = await audits('teaching_set.export');
    expect(event).toMatchObject({ entity_type: 'teaching_set', entity_id: String(id), actor_id: trainerUser.id });
    expect(JSON.parse(event!.after_json!)).toEqual({ format: 'csv', count: 2 });
  });

  it('exports a self-contained HTML file: inline styles, no scripts, no external requests, everything escaped', async () => {
    await teachingSetService(ctx).update({ id: trainerUser.id, label: 'x' }, id, { title: '<script>alert(1)</script> set', description: 'Look <img src=x onerror=alert(1)>', audience: 'Registrars', version: 1 });
    const res = await trainer.get(`/teaching-sets/${id}/export.html`).expect(200);
    expect(res.headers['content-disposition']).toBe('attachment; filename=teaching-set-script-alert-1-script-set-2026-11-23.html');
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    const html = res.text;
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toMatch(/<link/i);
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/\s(src|href)=/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; set');
    expect(html).toContain('<style>');
    expect(html).not.toContain('_csrf');
    const $$ = $(html);
    expect($$('h1').text()).toBe('<script>alert(1)</script> set');
    expect($$('.app-handout__case').map((_, s) => $$(s).attr('data-ref')).get()).toEqual([nodule, delay]);
    expect($$('main').text()).toContain('Ask: who should have raised the alert?');
    expect((await audits('teaching_set.export')).map((e) => JSON.parse(e.after_json!).format)).toEqual(['html']);
  });
});

describe('who may do what', () => {
  it('safety, director and admin may read, teach, print and export, but every change is refused with 403', async () => {
    const id = await createSet(ctx, trainerUser, [nodule]);
    for (const role of ['safety', 'director', 'admin'] as const) {
      const email = role === 'safety' ? author.email : (await createUser(ctx, role)).email;
      const agent = await signedInAgent(ctx, email);
      for (const path of ['/teaching-sets', `/teaching-sets/${id}`, `/teaching-sets/${id}/teach/1`, `/teaching-sets/${id}/handout`, `/teaching-sets/${id}/export.csv`, `/teaching-sets/${id}/export.html`]) {
        await agent.get(path).expect(200);
      }
      const page = $((await agent.get(`/teaching-sets/${id}`)).text);
      expect(page('form[action*="/cases"], form[action$="archive"]').length, role).toBe(0);
      expect(page('textarea').length, role).toBe(0);
      for (const path of ['/teaching-sets', `/teaching-sets/${id}/edit`, `/teaching-sets/${id}/archive`, `/teaching-sets/${id}/cases`, '/teaching-sets/add-case', `/teaching-sets/${id}/cases/${nodule}/note`, `/teaching-sets/${id}/cases/${nodule}/move`, `/teaching-sets/${id}/cases/${nodule}/remove`]) {
        expect((await post(agent, path, { ...setFields(), ref: delay, setId: String(id), direction: 'down', note: 'x', version: '1' })).status, `${role} ${path}`).toBe(403);
      }
      await agent.get('/teaching-sets/new').expect(403);
      await agent.get(`/teaching-sets/${id}/edit`).expect(403);
    }
    expect(await setRows()).toHaveLength(1);
    expect(await itemRefs(id)).toEqual([nodule]);
  });

  it('an unknown or malformed set id is a 404', async () => {
    await trainer.get('/teaching-sets/999').expect(404);
    await trainer.get('/teaching-sets/abc').expect(404);
    expect((await post(trainer, '/teaching-sets/999/cases', { ref: nodule })).status).toBe(404);
  });
});

describe('the add-to-set control for case pages and search results', () => {
  it('is offered to trainers only, for submitted cases, listing the open sets that do not hold the case', async () => {
    const sets = teachingSetService(ctx);
    const holding = await createSet(ctx, trainerUser, [nodule], { title: 'Already has it' });
    const open = await createSet(ctx, trainerUser, [], { title: 'Open set' });
    const archived = await createSet(ctx, trainerUser, [], { title: 'Old set' });
    await sets.setArchived({ id: trainerUser.id, label: 'x' }, archived, true);
    const draft = (await logCase(ctx, author, { submit: false })).ref;

    expect(await sets.addToSetOptions({ role: 'safety' }, nodule)).toBeUndefined();
    expect(await sets.addToSetOptions({ role: 'trainer' }, draft)).toBeUndefined();
    expect(await sets.addToSetOptions({ role: 'trainer' }, 'CB-2026-09999')).toBeUndefined();
    const options = await sets.addToSetOptions({ role: 'trainer' }, nodule);
    expect(options).toEqual({
      ref: nodule,
      returnTo: `/cases/${nodule}`,
      items: [{ value: String(open), text: 'Open set' }],
      inSets: [{ title: 'Already has it', href: `/teaching-sets/${holding}` }],
    });

    const many = await sets.addToSetOptionsMany({ role: 'trainer' }, [nodule, delay, draft], '/search?q=x');
    expect([...many.keys()].sort()).toEqual([nodule, delay].sort());
    expect(many.get(delay)).toEqual({ ref: delay, returnTo: '/search?q=x', items: [{ value: String(open), text: 'Open set' }, { value: String(holding), text: 'Already has it' }], inSets: [] });
    expect(await sets.addToSetOptionsMany({ role: 'director' }, [nodule], '/search')).toEqual(new Map());

    const html = (await createRenderer()).compile('{{> teaching-sets/add-to-set addToSet csrfToken="tok"}}')({ addToSet: { ...options, returnTo: '/search?q=a&b=<c>' } });
    const $$ = $(html);
    expect($$('form').attr('action')).toBe('/teaching-sets/add-case');
    expect($$('input[name="ref"]').val()).toBe(nodule);
    expect($$('input[name="returnTo"]').val()).toBe('/search?q=a&b=<c>');
    expect($$('input[name="_csrf"]').val()).toBe('tok');
    expect($$(`select#add-to-set-${nodule}[name="setId"] option`).map((_, o) => $$(o).attr('value')).get()).toEqual([String(open)]);
    expect($$(`label[for="add-to-set-${nodule}"]`).text()).toContain(`Add ${nodule} to a teaching set`);
    expect($$(`a[href="/teaching-sets/${holding}"]`).text()).toBe('Already has it');
  });
});
