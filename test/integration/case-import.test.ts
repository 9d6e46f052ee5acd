import type request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuditService } from '../../server/audit/service.ts';
import { batchScanner, WORKER_MIN_BATCH } from '../../server/cases/batch-scan.ts';
import { BatchRejectedError, createCaseService } from '../../server/cases/service.ts';
import { insertDepartmentIfMissing } from '../../server/vocabularies/repository.ts';
import { logCase, validCase } from '../support/cases.ts';
import { $, createTestApp, createUser, signedInAgent, type TestContext } from '../support/test-app.ts';

type Agent = ReturnType<typeof request.agent>;
let ctx: TestContext;
let safety: Agent;
let trainer: Agent;
let author: { id: number; email: string };

const HEADER = 'Title,What happened,Learning points,Source,Department,Modality,Care setting,Harm,Event month,Themes,Factors,Day of scan,Day of report,Status';
const row = (title: string, narrative = 'The report recommended CT for a nodule but no alert was raised.', extra: Partial<Record<'modality' | 'status', string>> = {}) =>
  `${title},"${narrative}",Alert the referrer.,incident,north,${extra.modality ?? 'ct'},gp,moderate,2026-03,T1,T2.03,3,10,${extra.status ?? ''}`;
const csv = (...rows: string[]) => [HEADER, ...rows].join('\r\n');

const count = async (table: 'cases' | 'audit_events' = 'cases') => Number((await ctx.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
const auditOf = (action: string) => ctx.db.selectFrom('audit_events').selectAll().where('action', '=', action).orderBy('id').execute();

/** Uploads as the browser would: the form's own action URL (which carries the CSRF token) and a file part. */
async function upload(agent: Agent, body: string | Buffer, name = 'cases.csv') {
  const page = await agent.get('/cases/import').expect(200);
  const action = $(page.text)('form[enctype="multipart/form-data"]').attr('action')!;
  return agent.post(action).attach('file', Buffer.isBuffer(body) ? body : Buffer.from(body), name);
}

const problemRows = (html: string) =>
  $(html)('#problems tbody tr')
    .map((_, tr) => [$(html)(tr).find('th, td').map((__, c) => $(html)(c).text().trim()).get()])
    .get() as string[][];

beforeAll(async () => {
  ctx = await createTestApp();
  await insertDepartmentIfMissing(ctx.db, 'north', 'North General Hospital imaging');
  author = await createUser(ctx, 'safety');
  await createUser(ctx, 'trainer');
  safety = await signedInAgent(ctx, author.email);
  trainer = await signedInAgent(ctx, 'trainer@test.casebook.test');
});
afterAll(async () => ctx.close());

describe('import page', () => {
  it('explains the format, links the template and lists every code, and posts the file without JavaScript', async () => {
    const $$ = $((await safety.get('/cases/import').expect(200)).text);
    expect($$('h1').text()).toBe('Import cases');
    const form = $$('form[enctype="multipart/form-data"]');
    expect(form.attr('method')).toBe('post');
    expect(form.attr('action')).toMatch(/^\/cases\/import\?_csrf=.+/);
    expect(form.find('input[type="file"][name="file"]#file')).toHaveLength(1);
    expect($$('label[for="file"]')).toHaveLength(1);
    expect($$('a[href="/cases/import/template.csv"]')).toHaveLength(1);
    const captions = $$('table caption').map((_, c) => $$(c).text().trim()).get();
    expect(captions).toEqual(expect.arrayContaining(['Columns', 'Themes and contributory factors', 'Source', 'Harm', 'Age band']));
    expect($$('details').text()).toContain('local_complaint');
    expect($$('details').text()).toContain('Local complaint');
    expect($$('details').text()).toContain('T2.03');
    expect($$('table th[scope="col"]').length).toBeGreaterThan(0);
    expect($$('table th[scope="row"]').length).toBeGreaterThan(0);
  });

  it('is linked from the case list and the safety team home page, for the roles that may import', async () => {
    expect($((await safety.get('/cases')).text)('a[href="/cases/import"]')).toHaveLength(1);
    expect($((await safety.get('/')).text)('a[href="/cases/import"]')).toHaveLength(1);
    expect($((await trainer.get('/cases')).text)('a[href="/cases/import"]')).toHaveLength(0);
  });

  it('offers a template whose example row uses the live codes and imports as it is', async () => {
    const res = await safety.get('/cases/import/template.csv').expect(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toContain('casebook-import-template.csv');
    const [header, example] = res.text.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(header).toMatch(/^Title,What happened,Learning points,Source,Department,Modality,/);
    expect(example).toContain(',phso,north,xr,');
    const before = await count();
    expect((await upload(safety, res.text, 'template.csv')).status).toBe(303);
    expect(await count()).toBe(before + 1);
  });
});

describe('importing', () => {
  it('creates every case in one go, audits the import and each case, and says which references they got', async () => {
    const before = await count();
    const res = await upload(safety, csv(row('Imported one'), row('Imported two', 'Line one\r\nline two'), row('Imported three', undefined, { status: 'draft' })));
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/cases?sort=updated_desc');
    expect(await count()).toBe(before + 3);

    const created = await ctx.db.selectFrom('cases').selectAll().where('title', 'like', 'Imported %').orderBy('id').execute();
    expect(created.map((c) => [c.title, c.status, c.created_by, c.day_request, c.day_scan, c.day_report])).toEqual([
      ['Imported one', 'submitted', author.id, 0, 3, 10],
      ['Imported two', 'submitted', author.id, 0, 3, 10],
      ['Imported three', 'draft', author.id, 0, 3, 10],
    ]);
    expect(created[1]!.narrative).toBe('Line one\r\nline two');
    const themes = await ctx.db.selectFrom('case_themes').select('theme_code').where('case_id', '=', created[0]!.id).orderBy('theme_code').execute();
    expect(themes.map((t) => t.theme_code)).toEqual(['T1', 'T2']);

    const refs = created.map((c) => c.ref);
    const [batch] = (await auditOf('case.import')).slice(-1);
    expect(JSON.parse(batch!.after_json!)).toEqual({ count: 3, first: refs[0], last: refs[2] });
    const creates = (await auditOf('case.create')).filter((e) => refs.includes(e.entity_id!));
    expect(creates).toHaveLength(3);
    expect(creates.every((e) => JSON.parse(e.after_json!).via === 'import')).toBe(true);

    const list = $((await safety.get(res.headers.location!)).text);
    expect(list('.nhsuk-notification-banner').text()).toContain(`3 cases imported: ${refs[0]} to ${refs[2]}`);
    expect(list('.app-case-table').text()).toContain('Imported one');
    // Shown once: the next visit has no banner.
    expect($((await safety.get('/cases')).text)('.nhsuk-notification-banner')).toHaveLength(0);
  });

  it('imports nothing when one row has an identifier or a bad code, and names row, column, kind and place without the raw value', async () => {
    const [cases, events] = [await count(), await count('audit_events')];
    const res = await upload(
      safety,
      csv(row('Fine row'), row('Has an NHS number', 'The patient with NHS number 943 476 5919 waited.'), row('Bad code', undefined, { modality: 'Xray machine' })),
      'Jane Smith complaints.csv',
    );
    expect(res.status).toBe(422);
    expect(await count()).toBe(cases);
    expect(await count('audit_events')).toBe(events);

    const $$ = $(res.text);
    expect($$('title').text()).toMatch(/^Error: /);
    const summary = $$('.nhsuk-error-summary a');
    expect(summary.text()).toBe('2 rows have problems: nothing was imported');
    expect(summary.attr('href')).toBe('#file');
    expect($$('#file')).toHaveLength(1);
    expect($$('#file-error').text()).toContain('Fix the problems listed');
    expect($$('#problems caption').text()).toBeTruthy();
    expect(problemRows(res.text)).toEqual([
      ['3', 'What happened', 'Contains an NHS number at character 29 (••• ••• 5919): remove it'],
      ['4', 'Modality', 'This is not a modality Casebook knows: use a code or label from the list'],
    ]);
    for (const raw of ['943 476 5919', '9434765919', '943 476', 'Xray machine', 'Jane Smith']) expect(res.text).not.toContain(raw);
  });

  it('reports the case rules (month in the future, journey order) row by row', async () => {
    const res = await upload(safety, csv(row('Future').replace('2026-03', '2027-01'), row('Fine'), row('Backwards').replace(',3,10,', ',10,3,')));
    expect(res.status).toBe(400);
    const rows = problemRows(res.text);
    expect(rows).toContainEqual(['2', 'Event month', 'The month of the event must be this month or earlier']);
    expect(rows).toContainEqual(['4', 'Day of report', 'Day of report cannot be before day of scan (day 10)']);
    expect($(res.text)('.nhsuk-error-summary a').text()).toBe('2 rows have problems: nothing was imported');
  });

  it('round-trips a file exported from the case list', async () => {
    const earlier = await logCase(ctx, author, { title: 'Earlier case' });
    await logCase(ctx, author, { title: 'Exported case', learning: '=Not a formula', repeats: [earlier.ref], journey: { request: 0, vetting: 1, scan: 3, report: 40, alert: 41 }, ageBand: '80+' });
    const exported = await safety.get('/cases/export.csv?sort=ref_asc').expect(200);
    const before = await count();
    const res = await upload(safety, exported.text, 'casebook-cases-2026-11-23.csv');
    expect(res.status, problemRows(res.text).join('\n')).toBe(303);
    expect(await count()).toBe(before * 2);

    const copies = await ctx.db.selectFrom('cases').selectAll().where('title', '=', 'Exported case').orderBy('id').execute();
    expect(copies).toHaveLength(2);
    const strip = ({ id: _id, ref: _ref, created_at: _c, updated_at: _u, submitted_at: _s, ...rest }: (typeof copies)[number]) => rest;
    expect(strip(copies[1]!)).toEqual(strip(copies[0]!));
    expect(copies[1]!.learning).toBe('=Not a formula');
    const tags = async (id: number) => ({
      themes: await ctx.db.selectFrom('case_themes').select('theme_code').where('case_id', '=', id).orderBy('theme_code').execute(),
      factors: await ctx.db.selectFrom('case_factors').select('factor_code').where('case_id', '=', id).orderBy('factor_code').execute(),
    });
    expect(await tags(copies[1]!.id)).toEqual(await tags(copies[0]!.id));
    expect((await safety.get(`/cases/${copies[1]!.ref}`)).text).toContain(earlier.ref);
  });
});

describe('files the import refuses', () => {
  it.each([
    ['a file that is not a CSV', 'cases.xlsx', Buffer.from('Title\r\nx'), 400, 'The selected file must be a CSV'],
    ['an Excel workbook renamed .csv', 'cases.csv', Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), 400, 'is an Excel workbook'],
    ['an empty file', 'cases.csv', Buffer.alloc(0), 400, 'The selected file is empty'],
    ['a file over 2MB', 'cases.csv', Buffer.alloc(2 * 1024 * 1024 + 1, 'a'), 413, 'The selected file must be smaller than 2MB'],
    ['a file missing a required column', 'cases.csv', Buffer.from('Title,What happened\r\na,b'), 400, 'it has no Source, Department, Modality, Care setting, Harm, Event month, Themes columns'],
  ])('refuses %s with a clear message linked to the file input', async (_what, name, body, status, message) => {
    const before = await count();
    const res = await upload(safety, body, name);
    expect(res.status).toBe(status);
    const $$ = $(res.text);
    expect($$('.nhsuk-error-summary a[href="#file"]').text()).toContain(message);
    expect($$('#file-error').text()).toContain(message);
    expect(await count()).toBe(before);
  });

  it('asks for a file when none was chosen', async () => {
    const page = await safety.get('/cases/import');
    const action = $(page.text)('form[enctype="multipart/form-data"]').attr('action')!;
    const res = await safety.post(action).field('other', 'x');
    expect(res.status).toBe(400);
    expect($(res.text)('.nhsuk-error-summary').text()).toContain('Select a CSV file to import');
  });

  it('refuses an upload without the CSRF token, and from a role that may not import', async () => {
    await safety.post('/cases/import').attach('file', Buffer.from(csv(row('No token'))), 'cases.csv').expect(403);
    const token = new URL(`http://x${$((await trainer.get('/')).text)('form[action^="/sign-out"]').attr('action')}`).searchParams.get('_csrf')!;
    const before = await count();
    await trainer.post(`/cases/import?_csrf=${encodeURIComponent(token)}`).attach('file', Buffer.from(csv(row('Trainer'))), 'cases.csv').expect(403);
    await trainer.get('/cases/import').expect(403);
    await trainer.get('/cases/import/template.csv').expect(403);
    expect(await count()).toBe(before);
  });
});

describe('a large import, scanned on its own thread while the rows are written', () => {
  const service = () => {
    const clock = () => new Date(ctx.clock.now);
    return createCaseService({ db: ctx.db, audit: createAuditService(clock), clock });
  };
  const batch = (size: number, title: string) => Array.from({ length: size }, (_, i) => ({ ...validCase(), title: `${title} ${i}` }));
  const actor = () => ({ id: author.id, label: author.email });

  it('writes nothing of the batch when one row holds an identifier, and uses up no references', async () => {
    expect(await batchScanner.ready()).toBe(true);
    const size = WORKER_MIN_BATCH * 2;
    const [before, auditsBefore] = [await count(), await count('audit_events')];
    const last = (await ctx.db.selectFrom('cases').select('ref').orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow()).ref;
    const dirty = batch(size, 'Threaded');
    dirty[size - 3] = { ...dirty[size - 3]!, narrative: `${dirty[size - 3]!.narrative} Her NHS number is 943 476 5919.` };

    const err = await service().createMany(actor(), dirty).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BatchRejectedError);
    const rows = (err as BatchRejectedError).rows;
    expect(rows.map((r) => [r.row, r.problems, r.findings.map((f) => [f.field, f.kind])])).toEqual([[size - 2, [], [['narrative', 'nhs_number']]]]);
    expect(JSON.stringify(rows)).not.toContain('943 476 5919');
    expect([await count(), await count('audit_events')]).toEqual([before, auditsBefore]);

    const refs = await service().createMany(actor(), batch(size, 'Threaded'));
    expect(refs).toHaveLength(size);
    const seq = (ref: string) => Number(ref.slice(-5));
    expect(seq(refs[0]!)).toBe(seq(last) + 1);
    expect(await count()).toBe(before + size);
  });

  it('reports rule problems and identifiers of the same batch together', async () => {
    const size = WORKER_MIN_BATCH;
    const before = await count();
    const dirty = batch(size, 'Both');
    dirty[1] = { ...dirty[1]!, eventMonth: '2099-01' };
    dirty[2] = { ...dirty[2]!, learning: 'Ring 07700 900123 next time.' };
    const err = (await service().createMany(actor(), dirty).catch((e: unknown) => e)) as BatchRejectedError;
    expect(err.rows.map((r) => [r.row, r.problems.map((p) => p.field), r.findings.map((f) => f.kind)])).toEqual([
      [2, ['eventMonth'], []],
      [3, [], ['phone']],
    ]);
    expect(await count()).toBe(before);
  });
});
