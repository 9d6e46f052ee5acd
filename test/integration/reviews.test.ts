import type request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuditService } from '../../server/audit/service.ts';
import { canonicalJson, sha256 } from '../../server/reviews/service.ts';
import { createCaseService } from '../../server/cases/service.ts';
import { seedDemo } from '../../seed/demo.ts';
import { addAction } from '../support/actions.ts';
import { logCase } from '../support/cases.ts';
import { $, createTestApp, createUser, signedInAgent, tokenFor, type TestContext } from '../support/test-app.ts';

let ctx: TestContext;
let director: ReturnType<typeof request.agent>;
let safety: ReturnType<typeof request.agent>;
let trainer: ReturnType<typeof request.agent>;
let reviewId: number;

beforeAll(async () => {
  ctx = await createTestApp();
  const clock = () => new Date(ctx.clock.now);
  await seedDemo({ db: ctx.db, users: ctx.users, cases: createCaseService({ db: ctx.db, audit: createAuditService(clock), clock }), now: clock() });
  await createUser(ctx, 'director');
  await createUser(ctx, 'safety');
  await createUser(ctx, 'trainer');
  director = await signedInAgent(ctx, 'director@test.casebook.test');
  safety = await signedInAgent(ctx, 'safety@test.casebook.test');
  trainer = await signedInAgent(ctx, 'trainer@test.casebook.test');
}, 60_000);
afterAll(async () => ctx.close());

const post = async (agent: ReturnType<typeof request.agent>, path: string, fields: Record<string, string | string[]>, page: string) => {
  const body = new URLSearchParams({ _csrf: await tokenFor(agent, page) });
  for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
  return agent.post(path).type('form').send(body.toString());
};

describe('quarterly review', () => {
  it('starts a review of a quarter for the whole organisation, refusing a duplicate', async () => {
    const form = $((await director.get('/reviews/new').expect(200)).text);
    expect(form('#quarter option').map((_, o) => form(o).val()).get()).toContain('2026-Q3');
    const bad = await post(director, '/reviews', { quarter: '', scope: 'departments' }, '/reviews/new');
    expect(bad.status).toBe(400);
    expect($(bad.text)('.nhsuk-error-summary').text()).toContain('Choose at least one department');
    // Only what the form offers: no quarter yet to come, no department that does not exist.
    const before = (await ctx.db.selectFrom('reviews').select('id').execute()).length;
    const offTheList = await post(director, '/reviews', { quarter: '2099-Q1', scope: 'departments', departments: ['north', 'nowhere'] }, '/reviews/new');
    expect(offTheList.status).toBe(400);
    const problems = $(offTheList.text)('.nhsuk-error-summary a').map((_, a) => $(offTheList.text)(a).text()).get();
    expect(problems).toEqual(['Choose a quarter from the list: one of the last eight that have finished', 'Choose departments from the list']);
    expect(await ctx.db.selectFrom('reviews').select('id').execute()).toHaveLength(before);
    const res = await post(director, '/reviews', { quarter: '2026-Q3', scope: 'organisation' }, '/reviews/new');
    expect(res.status).toBe(303);
    reviewId = Number(res.headers.location!.split('/').pop());
    const again = await post(director, '/reviews', { quarter: '2026-Q3', scope: 'organisation' }, '/reviews/new');
    expect(again.status).toBe(400);
    expect($(again.text)('.nhsuk-error-summary').text()).toContain('There is already a review of 2026 Q3 (July to September) for the whole organisation');
  });

  it('assembles the seven sections from the data, each with its anchor', async () => {
    const $$ = $((await director.get(`/reviews/${reviewId}`).expect(200)).text);
    for (const id of ['summary', 'signals', 'recurrences', 'triangulation', 'delays', 'actions', 'cases']) expect($$(`section#${id}`), id).toHaveLength(1);
    expect($$('#summary td').length).toBeGreaterThan(10);
    expect($$('#signals .app-review-signal').length).toBeGreaterThan(0);
    expect($$('#recurrences').text()).toContain('T2.03');
    expect($$('#theme-source a[href^="/cases?theme="]').length).toBeGreaterThan(0);
    expect($$('#cases tbody tr').length).toBeGreaterThan(10);
  });

  it('links each triangulation count to a case list of exactly that many cases, drafts left out as they are from the counts', async () => {
    const $$ = $((await director.get(`/reviews/${reviewId}`).expect(200)).text);
    const links = $$('#triangulation td a').map((_, a) => ({ href: $$(a).attr('href')!, n: $$(a).text() })).get();
    expect(links.length).toBeGreaterThan(10);
    for (const { href, n } of links) {
      const list = $((await director.get(href).expect(200)).text);
      expect(list('#case-count strong').text(), href).toBe(n);
    }
    // The seeded drafts fall in the quarter: without the status filter some lists would be longer.
    const drafts = await ctx.db.selectFrom('cases').select('id').where('status', '=', 'draft').where('event_month', '>=', '2026-07').where('event_month', '<=', '2026-09').execute();
    expect(drafts.length).toBeGreaterThan(0);
  });

  it('leaves drafts out of the pack, which every role reads once signed off: their actions and links to them', async () => {
    const author = (await ctx.users.list()).find((u) => u.role === 'safety')!;
    const draft = (await logCase(ctx, author, { title: 'Zorbulator draft', eventMonth: '2026-08', submit: false })).ref;
    await addAction(ctx, author, draft, { description: 'Zorbulator draft action', dueDate: '2027-06-30' });
    await logCase(ctx, author, { title: 'Repeats the zorbulator draft', eventMonth: '2026-08', repeats: [draft] });
    const page = (await director.get(`/reviews/${reviewId}`).expect(200)).text;
    expect(page).toContain('Repeats the zorbulator draft');
    expect(page).not.toContain(draft);
    expect(page).not.toContain('Zorbulator draft action');
  });

  it('keeps drafts from trainers, who read signed-off reviews only', async () => {
    await trainer.get(`/reviews/${reviewId}`).expect(404);
    await trainer.get(`/reviews/${reviewId}/review.pdf`).expect(404);
  });

  it('prints a draft of the pack to send round before the meeting, marked as a draft and audited', async () => {
    const page = $((await director.get(`/reviews/${reviewId}`)).text);
    expect(page(`a[href="/reviews/${reviewId}/review.pdf"]`).text()).toBe('Download a draft of the review (PDF)');
    const res = await director.get(`/reviews/${reviewId}/review.pdf`).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/casebook-review-2026-q3-v1-draft.*\.pdf/);
    expect((res.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    const event = await ctx.db.selectFrom('audit_events').select('after_json').where('action', '=', 'review.export').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(JSON.parse(event.after_json!)).toEqual({ format: 'pdf', draft: true });
    // Printing changes nothing: the review is still a draft.
    expect((await ctx.db.selectFrom('reviews').select('status').where('id', '=', reviewId).executeTakeFirstOrThrow()).status).toBe('draft');
  });

  it('records findings, attendance and discussion ticks, refusing identifiers', async () => {
    const page = $((await safety.get(`/reviews/${reviewId}`)).text);
    const version = String(page('#review-notes input[name="version"]').val());
    const ref = String(page('#cases input[name="caseRef"]').first().val());
    const bad = await post(
      safety,
      `/reviews/${reviewId}/notes`,
      { version, 'findings-summary': 'Discussed with Mrs Jones on 12/03/2026', 'findings-delays': 'Delays in March 2026; NHS number 943 476 5919 waited', 'findings-overall': 'Keep this', 'attendance-0': '3' },
      `/reviews/${reviewId}`,
    );
    expect(bad.status).toBe(400);
    // Everything typed comes back, each field's problems named on it and in the summary.
    const refused = $(bad.text);
    expect(refused('.nhsuk-error-summary a').map((_, a) => refused(a).attr('href')).get()).toEqual(['#findings-summary', '#findings-delays']);
    expect(refused('#findings-summary').text()).toBe('Discussed with Mrs Jones on 12/03/2026');
    expect(refused('#findings-summary-error').text()).toContain('The findings box for summary contains what looks like a person’s name (');
    expect(refused('#findings-summary-error').text()).toContain('and a full date (');
    // A month is not a full date: only the NHS number is named.
    expect(refused('.nhsuk-error-summary a').eq(1).text()).toMatch(/^The findings box for delays contains what looks like an NHS number \(••• ••• 5919\)\. Remove/);
    expect(refused('#findings-overall').text()).toBe('Keep this');
    expect(refused('#attendance-0').val()).toBe('3');

    // Nothing is cut short or coerced: each is an error on its field, and nothing is saved.
    const wrong = await post(safety, `/reviews/${reviewId}/notes`, { version, 'findings-overall': 'x'.repeat(10_001), 'attendance-0': 'abc', 'attendance-1': '-5', 'attendance-2': '2.7', 'attendance-3': '5000' }, `/reviews/${reviewId}`);
    expect(wrong.status).toBe(400);
    const $w = $(wrong.text);
    expect($w('.nhsuk-error-summary a').map((_, a) => $w(a).attr('href')).get()).toEqual(['#findings-overall', '#attendance-0', '#attendance-1', '#attendance-2', '#attendance-3']);
    expect($w('#attendance-0-error').text()).toContain('as a whole number from 0 to 999');
    expect($w('#attendance-2').val()).toBe('2.7');
    expect(($w('#findings-overall').text() as string).length).toBe(10_001);
    const stored = await ctx.db.selectFrom('reviews').select(['findings_json', 'attendance_json', 'version']).where('id', '=', reviewId).executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ findings_json: '{}', attendance_json: '[]', version: Number(version) });
    const res = await post(safety, `/reviews/${reviewId}/notes`, { version, 'findings-signals': 'The T3 step at north is real: outsourcing.', 'findings-overall': 'Alerts are still not acknowledged.', 'attendance-0': '2', 'attendance-1': '5', caseRef: [ref], discussed: [ref], [`note-${ref}`]: 'Shared at REAL.' }, `/reviews/${reviewId}`);
    expect(res.status).toBe(303);
    // Ticks and discussion notes are audited with the findings.
    const saved = await ctx.db.selectFrom('audit_events').select('after_json').where('action', '=', 'review.update').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(JSON.parse(saved.after_json!).discussions[ref]).toEqual({ discussed: true, note: 'Shared at REAL.' });
    const after = $((await director.get(`/reviews/${reviewId}`)).text);
    expect(after('#findings-signals').text()).toBe('The T3 step at north is real: outsourcing.');
    expect(after(`#discussed-${ref}`).attr('checked')).toBeDefined();
    expect(after('#attendance-1').val()).toBe('5');
    const stale = await post(safety, `/reviews/${reviewId}/notes`, { version, 'findings-overall': 'overwrite' }, `/reviews/${reviewId}`);
    expect(stale.status).toBe(400);
    const $s = $(stale.text);
    expect($s('.nhsuk-error-summary a').attr('href')).toBe('#save-review');
    expect($s('#save-review')).toHaveLength(1);
    expect($s('#findings-overall').text()).toBe('overwrite');
    expect($s('#findings-signals').text()).toBe('');
  });

  it('agrees actions tracked like case actions', async () => {
    // The due date is the design system's date input, as on a case's action form.
    const due = (day: string, month: string, year: string) => ({ 'dueDate[day]': day, 'dueDate[month]': month, 'dueDate[year]': year });
    const bad = await post(director, `/reviews/${reviewId}/actions`, { description: 'Good', owner: 'zzz', ...due('30', '2', '2027') }, `/reviews/${reviewId}`);
    expect(bad.status).toBe(400);
    const $b = $(bad.text);
    expect($b('.nhsuk-error-summary a').map((_, a) => [[$b(a).text(), $b(a).attr('href')]]).get()).toEqual([
      ['Select who owns the action', '#owner'],
      ['The due date must be a real date', '#dueDate-day'],
    ]);
    // What was typed comes back.
    expect($b('#description').text()).toBe('Good');
    expect($b('#dueDate-day').val()).toBe('30');
    const missingYear = $((await post(director, `/reviews/${reviewId}/actions`, { description: 'Good', owner: 'patient-safety-team', ...due('31', '3', '') }, `/reviews/${reviewId}`)).text);
    expect(missingYear('.nhsuk-error-summary a').attr('href')).toBe('#dueDate-year');
    expect(missingYear('#owner option[selected]').val()).toBe('patient-safety-team');
    const past = await post(director, `/reviews/${reviewId}/actions`, { description: 'Good', owner: 'patient-safety-team', ...due('31', '1', '2020') }, `/reviews/${reviewId}`);
    expect($(past.text)('.nhsuk-error-summary').text()).toContain('The due date must be today or in the future');
    expect(await ctx.db.selectFrom('actions').select('id').where('review_id', '=', reviewId).execute()).toEqual([]);
    const res = await post(director, `/reviews/${reviewId}/actions`, { description: 'Weekly fail-safe check of unacknowledged alerts', owner: 'patient-safety-team', ...due('31', '3', '2027') }, `/reviews/${reviewId}`);
    expect(res.status).toBe(303);
    const row = await ctx.db.selectFrom('actions').selectAll().where('review_id', '=', reviewId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'open', case_id: null, due_date: '2027-03-31' });
    // Tracked with case actions, linked back to the review it was agreed at.
    const list = $((await director.get('/actions?owner=patient-safety-team').expect(200)).text);
    const listed = list(`tr[data-action-id="${row.id}"] a`);
    expect(listed.attr('href')).toBe(`/reviews/${reviewId}#agreed-actions`);
    expect(listed.text()).toBe('Review of 2026 Q3 (July to September), whole organisation');
  });

  it('signs off: a frozen snapshot with a SHA-256 that later case edits never change', async () => {
    const page = $((await director.get(`/reviews/${reviewId}`)).text);
    // Out of date: said as a problem beside the sign-off, not in the banner that says it was done.
    const stale = $((await post(director, `/reviews/${reviewId}/sign-off`, { version: '99' }, `/reviews/${reviewId}`)).text);
    expect(stale('.nhsuk-error-summary a').attr('href')).toBe('#sign-off-heading');
    expect(stale('.nhsuk-notification-banner--success')).toHaveLength(0);
    const res = await post(director, `/reviews/${reviewId}/sign-off`, { version: String(page('form[action$="/sign-off"] input[name="version"]').val()) }, `/reviews/${reviewId}`);
    expect(res.status).toBe(303);
    const twice = await post(director, `/reviews/${reviewId}/sign-off`, { version: '1' }, `/reviews/${reviewId}`);
    expect(twice.status).toBe(409);
    expect($(twice.text)('.nhsuk-error-summary a').attr('href')).toBe('#content-hash');
    const row = await ctx.db.selectFrom('reviews').selectAll().where('id', '=', reviewId).executeTakeFirstOrThrow();
    expect(row.status).toBe('signed_off');
    expect(row.content_hash).toBe(sha256(row.snapshot_json!));
    expect(canonicalJson(JSON.parse(row.snapshot_json!))).toBe(row.snapshot_json);
    const signed = $((await trainer.get(`/reviews/${reviewId}`).expect(200)).text);
    expect(signed('#content-hash').text()).toBe(row.content_hash);
    const firstCase = signed('#cases tbody tr').first().find('a').text();

    // A case in the quarter changes afterwards: the signed-off review does not.
    const clock = () => new Date(ctx.clock.now);
    const cases = createCaseService({ db: ctx.db, audit: createAuditService(clock), clock });
    await cases.withdraw({ id: 1, label: 'test' }, firstCase, 'Logged twice');
    const again = await ctx.db.selectFrom('reviews').select(['snapshot_json', 'content_hash']).where('id', '=', reviewId).executeTakeFirstOrThrow();
    expect(again).toEqual({ snapshot_json: row.snapshot_json, content_hash: row.content_hash });
    expect($((await trainer.get(`/reviews/${reviewId}`)).text)('#cases tbody tr').first().find('a').text()).toBe(firstCase);
    // Saved from a page opened before the sign-off: told so, and the page shows what was signed, not what was typed.
    const late = await post(director, `/reviews/${reviewId}/notes`, { version: '99', 'findings-overall': 'typed too late' }, `/reviews/${reviewId}`);
    expect(late.status).toBe(409);
    const $l = $(late.text);
    expect($l('.nhsuk-error-summary').text()).toContain('This review has been signed off');
    expect($l('#content-hash')).toHaveLength(1);
    expect($l('.nhsuk-error-summary a').attr('href')).toBe('#content-hash');
    expect($l('main').text()).not.toContain('typed too late');
    expect($l('main').text()).toContain('Alerts are still not acknowledged.');
  });

  it('downloads the signed-off review as a PDF with its hash', async () => {
    const res = await trainer.get(`/reviews/${reviewId}/review.pdf`).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('application/pdf');
    expect((res.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('publishes a learning summary to every role, and the data as CSV', async () => {
    const learning = $((await trainer.get(`/reviews/${reviewId}/learning`).expect(200)).text);
    expect(learning('title').text().startsWith(`${learning('h1').text()} –`)).toBe(true);
    expect(learning('main').text()).toContain('Alerts are still not acknowledged.');
    expect(learning('main').text()).toContain('Weekly fail-safe check');
    const csv = await trainer.get(`/reviews/${reviewId}/data.csv`).expect(200);
    expect(csv.text).toContain('Discussed');
  });

  it('shows the review\'s own history on its page: who started, saved, printed and signed it off', async () => {
    const page = $((await director.get(`/reviews/${reviewId}`).expect(200)).text);
    const events = page('section[aria-labelledby="review-history-heading"] li').map((_, li) => page(li).text()).get();
    expect(events[0]).toMatch(/^Review started by director@test\.casebook\.test/);
    for (const what of ['Review notes saved', 'Review exported', 'Review signed off']) expect(events.some((e) => e.startsWith(what)), what).toBe(true);
    // Not for every reader: trainers read the review, not who printed it.
    expect($((await trainer.get(`/reviews/${reviewId}`).expect(200)).text)('#review-history-heading')).toHaveLength(0);
  });

  it('audits each download of the pack, and names review events in words', async () => {
    const exports = await ctx.db.selectFrom('audit_events').select(['action', 'after_json']).where('entity_type', '=', 'review').where('entity_id', '=', String(reviewId)).where('action', '=', 'review.export').execute();
    expect(exports.map((e) => JSON.parse(e.after_json!)).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))).toEqual([{ format: 'csv' }, { draft: true, format: 'pdf' }, { format: 'pdf' }]);
    const admin = await signedInAgent(ctx, (await createUser(ctx, 'admin')).email);
    const log = $((await admin.get('/admin/audit?action=review.export').expect(200)).text);
    expect(log('main table').text()).toContain('Review exported');
    const options = log('select[name="action"] option').map((_, o) => log(o).text()).get();
    expect(options).toEqual(expect.arrayContaining(['Review started', 'Review notes saved', 'Review signed off', 'Review exported']));
  });

  it('corrects by a new version with a reason; both versions stay readable', async () => {
    const bad = await post(director, `/reviews/${reviewId}/correct`, { reason: '' }, `/reviews/${reviewId}`);
    expect(bad.status).toBe(400);
    const reviews = (await ctx.db.selectFrom('reviews').select('id').execute()).length;
    const identifying = await post(director, `/reviews/${reviewId}/correct`, { reason: 'Wrong count for patient 943 476 5919' }, `/reviews/${reviewId}`);
    expect(identifying.status).toBe(400);
    expect($(identifying.text)('.nhsuk-error-summary').text()).toContain('The reason contains what looks like an NHS number (••• ••• 5919)');
    expect((await ctx.db.selectFrom('reviews').select('id').execute()).length).toBe(reviews);
    const res = await post(director, `/reviews/${reviewId}/correct`, { reason: 'Attendance was wrong' }, `/reviews/${reviewId}`);
    expect(res.status).toBe(303);
    const v2 = Number(res.headers.location!.split('/').pop());
    const page = $((await director.get(`/reviews/${v2}`)).text);
    expect(page('main').text()).toContain('Version 2');
    expect(page('main').text()).not.toContain('This version has been replaced');
    expect(page(`a[href="/reviews/${reviewId}"]`).length).toBeGreaterThan(0);
    expect(page('#findings-overall').text()).toBe('Alerts are still not acknowledged.');
    // The agreed actions go on with the correction, and the old version says it has been replaced.
    expect(page('#agreed-actions').text()).toContain('Weekly fail-safe check of unacknowledged alerts');
    const old = $((await trainer.get(`/reviews/${reviewId}`).expect(200)).text);
    expect(old('.nhsuk-card--warning').text()).toContain('This version has been replaced by a correction');
    expect(old(`.nhsuk-card--warning a[href="/reviews/${v2}"]`).text()).toBe('Read version 2');
    expect(old('#agreed-actions').text()).toContain('Weekly fail-safe check of unacknowledged alerts');
    const list = $((await director.get('/reviews').expect(200)).text);
    expect(list(`a[href="/reviews/${reviewId}"]`).closest('tr').text()).toContain('Replaced by a correction');
    expect((await post(director, `/reviews/${reviewId}/correct`, { reason: 'again' }, '/reviews/new')).status).toBe(400);
  });
});

describe('review cadence', () => {
  it('shows each department against four reviews a year, with overdue quarters', async () => {
    const $$ = $((await director.get('/reviews/compliance').expect(200)).text);
    const org = $$('#cadence tr[data-unit=""]');
    expect(org.find('td').first().text()).toMatch(/\d/);
    expect($$('#cadence tbody tr').length).toBeGreaterThanOrEqual(5);
    expect($$('header a[href="/reviews"]')).toHaveLength(1);
  });
});
