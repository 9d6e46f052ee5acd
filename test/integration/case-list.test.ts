import type request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unzipSync, strFromU8 } from 'fflate';
import { type Compilable, CompiledQuery } from 'kysely';
import { type CaseFilter, type CaseSort, pageOfIds, statusCounts } from '../../server/cases/repository.ts';
import { createAuditService } from '../../server/audit/service.ts';
import { createCaseService } from '../../server/cases/service.ts';
import { insertDepartmentIfMissing } from '../../server/vocabularies/repository.ts';
import { logCase, validCase } from '../support/cases.ts';
import { $, createTestApp, createUser, signedInAgent, type TestContext } from '../support/test-app.ts';

let ctx: TestContext;
let safety: ReturnType<typeof request.agent>;
let trainer: ReturnType<typeof request.agent>;
let draftRef: string;

beforeAll(async () => {
  ctx = await createTestApp();
  const author = await createUser(ctx, 'safety');
  await createUser(ctx, 'trainer');
  for (let i = 0; i < 30; i++) {
    await logCase(ctx, author, {
      title: `Case number ${i}`,
      eventMonth: `2025-${String((i % 12) + 1).padStart(2, '0')}`,
      modality: i % 3 === 0 ? 'ct' : 'xr',
      themes: i % 5 === 0 ? [{ theme: 'T3', factors: ['T3.02'] }] : [{ theme: 'T1', factors: ['T1.01'] }],
    });
  }
  draftRef = (await logCase(ctx, author, { title: 'Unfinished draft about a scan', submit: false })).ref;
  safety = await signedInAgent(ctx, author.email);
  trainer = await signedInAgent(ctx, 'trainer@test.casebook.test');
});
afterAll(async () => ctx.close());

const refsOn = (html: string) => $(html)('.app-case-table tbody a').map((_, a) => $(html)(a).text()).get();

describe('case list', () => {
  it('counts, pages 25 at a time and links each case', async () => {
    const res = await safety.get('/cases').expect(200);
    const $$ = $(res.text);
    expect($$('#case-count').text()).toContain('31 cases');
    expect(refsOn(res.text)).toHaveLength(25);
    expect($$('.nhsuk-pagination a').length).toBeGreaterThan(0);
    const page2 = await safety.get('/cases?page=2').expect(200);
    expect(refsOn(page2.text)).toHaveLength(6);
    // Each page has its own title.
    expect($(page2.text)('title').text()).toMatch(/^Cases \(page 2 of 2\) –/);
    expect($$('title').text()).toMatch(/^Cases \(page 1 of 2\) –/);
    expect(new Set([...refsOn(res.text), ...refsOn(page2.text)]).size).toBe(31);
  });

  it('filters by theme, factor, modality and month range, and keeps filters in page links', async () => {
    const t3 = await safety.get('/cases?theme=T3').expect(200);
    expect($(t3.text)('#case-count').text()).toContain('6 cases');
    const factor = await safety.get('/cases?factor=T3.02&modality=ct').expect(200);
    expect($(factor.text)('#case-count').text()).toContain('2 cases');
    const range = await safety.get('/cases?from=2025-01&to=2025-02').expect(200);
    expect($(range.text)('#case-count').text()).toContain('6 cases');
    const severe = $((await safety.get('/cases?harm=severe')).text);
    expect(severe('.nhsuk-pagination a').first().attr('href')).toContain('harm=severe');
    expect(severe('#harm option[selected]').val()).toBe('severe');
  });

  it('sorts by the month of the event either way', async () => {
    const asc = $((await safety.get('/cases?sort=event_asc')).text);
    expect(asc('.app-case-table tbody tr').first().text()).toContain('January 2025');
    const desc = $((await safety.get('/cases?sort=event_desc')).text);
    expect(desc('.app-case-table tbody tr').first().text()).toContain('March 2026');
  });

  it.each([
    ['event_desc', 'event_month', 'desc'],
    ['event_asc', 'event_month', 'asc'],
    ['updated_desc', 'updated_at', 'desc'],
    ['ref_asc', 'ref', 'asc'],
  ] as const)('pages sorted by %s in exactly that order, ties in the order logged, every case once', async (sort, column, direction) => {
    const listed = [...refsOn((await safety.get(`/cases?sort=${sort}`)).text), ...refsOn((await safety.get(`/cases?sort=${sort}&page=2`)).text)];
    const expected = (await ctx.db.selectFrom('cases').select('ref').where('withdrawn_at', 'is', null).orderBy(column, direction).orderBy('id', direction).execute()).map((r) => r.ref);
    expect(listed).toEqual(expected);
  });

  it('counts and finds a page of cases from indexes alone, never reading or sorting whole case rows', async () => {
    const plan = async (query: Compilable) => {
      const { sql, parameters } = query.compile();
      const rows = await ctx.db.executeQuery<{ detail: string }>(CompiledQuery.raw(`explain query plan ${sql}`, [...parameters]));
      return rows.rows.map((r) => r.detail).join(' | ');
    };
    // Every way the list is asked for: the default (no status filter), all statuses ticked, one
    // status, and one theme (whose cases come from case_themes).
    const filters: CaseFilter[] = [{}, { statuses: ['draft', 'submitted', 'closed'] }, { statuses: ['submitted'] }, { theme: 'T2' }];
    const fromIndexAlone = (detail: string) => {
      expect(detail).toMatch(/(SCAN|SEARCH) cases USING COVERING INDEX/);
      expect(detail).not.toMatch(/(SCAN|SEARCH) cases(?! USING COVERING INDEX)/);
    };
    for (const f of filters) {
      fromIndexAlone(await plan(statusCounts(ctx.db, f)));
      for (const sort of ['event_desc', 'updated_desc'] as CaseSort[]) {
        const detail = await plan(pageOfIds(ctx.db, f, sort, 25, 500));
        fromIndexAlone(detail);
        // Without a status filter, the index holds the order: no sorting of every case not withdrawn.
        if (!f.statuses && !f.theme) expect(detail).not.toContain('TEMP B-TREE');
      }
    }
  });

  it('explains bad filters with an error summary instead of failing', async () => {
    const res = await safety.get('/cases?from=2026-05&to=2026-01&status=lost').expect(400);
    const $$ = $(res.text);
    expect($$('.nhsuk-error-summary').text()).toContain('Choose a status from the list');
    expect($$('.nhsuk-error-summary').text()).toContain('The last month must be the same as or after the first month');
  });

  it('refuses a code no list holds rather than show an empty list', async () => {
    const res = await safety.get('/cases?harm=zzz&theme=T9').expect(400);
    const $$ = $(res.text);
    expect($$('.nhsuk-error-summary a').map((_, a) => $$(a).attr('href')).get().sort()).toEqual(['#harm', '#theme']);
    expect($$('.nhsuk-error-summary').text()).toContain('Choose a value from the list');
    expect($$('#harm-error').text()).toContain('Choose a value from the list');
    await safety.get('/cases?harm=moderate&theme=T1').expect(200);
  });

  it('never lists drafts for trainers, even when asked', async () => {
    expect($((await trainer.get('/cases')).text)('#case-count').text()).toContain('30 cases');
    expect($((await trainer.get('/cases?status=draft')).text)('#case-count').text()).toContain('0 cases');
    expect((await safety.get('/cases?status=draft')).text).toContain(draftRef);
  });

  it('offers the downloads only to those who may download, each link working', async () => {
    const links = async (agent: ReturnType<typeof request.agent>) => {
      const page = $((await agent.get('/cases?theme=T3')).text);
      return page('main a[href^="/cases/export."]').map((_, a) => page(a).attr('href')).get();
    };
    const offered = await links(safety);
    expect(offered).toEqual(['/cases/export.csv?theme=T3', '/cases/export.xlsx?theme=T3']);
    for (const href of offered) await safety.get(href).expect(200);
    await createUser(ctx, 'admin');
    const admin = await signedInAgent(ctx, 'admin@test.casebook.test');
    expect(await links(admin)).toEqual([]);
    await admin.get('/cases/export.csv?theme=T3').expect(403);
  });

  it('exports the filtered list as CSV with themes and factors as columns, and audits it', async () => {
    const res = await safety.get('/cases/export.csv?theme=T3').expect(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="?casebook-cases-2026-11-23\.csv"?/);
    const lines = res.text.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines).toHaveLength(7);
    const header = lines[0]!.split(',');
    expect(header).toContain('T3');
    expect(header.some((h) => h.startsWith('T3.02'))).toBe(true);
    const t3Column = header.indexOf('T3');
    expect(lines.slice(1).every((l) => l.split(',')[t3Column] === '1')).toBe(true);
    const event = await ctx.db.selectFrom('audit_events').selectAll().where('action', '=', 'case.export').executeTakeFirstOrThrow();
    expect(JSON.parse(event.after_json!)).toMatchObject({ format: 'csv', count: 6 });
  });

  it('exports XLSX with one row per case', async () => {
    const res = await safety.get('/cases/export.xlsx?modality=ct').buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const files = unzipSync(new Uint8Array(res.body as Buffer));
    const sheet = strFromU8(files['xl/worksheets/sheet1.xml']!);
    expect(sheet.match(/<row /g)).toHaveLength(11);
  });

  it('is reachable from the navigation', async () => {
    expect($((await trainer.get('/')).text)('header a[href="/cases"]')).toHaveLength(1);
    expect($((await safety.get('/')).text)('header a[href="/cases/new"]')).toHaveLength(1);
  });
});

describe('case list counts', () => {
  it('follow every change to a case, however the change is made', async () => {
    await insertDepartmentIfMissing(ctx.db, 'south', 'South Community Diagnostic Centre');
    const countOf = async (query: string) => $((await safety.get(`/cases?${query}`)).text)('#case-count').text();
    expect(await countOf('department=south')).toContain('0 cases');
    const author = (await ctx.users.list()).find((u) => u.role === 'safety')!;
    const logged = await logCase(ctx, author, { department: 'south', submit: false });
    expect(await countOf('department=south')).toContain('1 case');
    expect(await countOf('department=south&status=submitted')).toContain('0 cases');
    // Through another service than the app's own, as an import or the API would from elsewhere.
    const clock = () => new Date(ctx.clock.now);
    const cases = createCaseService({ db: ctx.db, audit: createAuditService(clock), clock });
    const actor = { id: author.id, label: author.email };
    await cases.update(actor, logged.ref, { ...validCase(), department: 'south', submit: true }, logged.version);
    expect(await countOf('department=south&status=submitted')).toContain('1 case');
    await cases.withdraw(actor, logged.ref, 'Logged in error');
    expect(await countOf('department=south')).toContain('0 cases');
  });
});

describe('case lookup (repeats search-as-you-type)', () => {
  it('finds cases by title words or reference, for the safety team only', async () => {
    const res = await safety.get('/cases/lookup?q=number 1').expect(200);
    expect(res.body.items.length).toBeGreaterThan(0);
    expect(res.body.items.every((c: { ref: string; title: string }) => /number/.test(c.title) && /1/.test(c.title + c.ref))).toBe(true);
    const byRef = await safety.get(`/cases/lookup?q=${draftRef.slice(-5)}`).expect(200);
    expect(byRef.body.items.map((c: { ref: string }) => c.ref)).toEqual([draftRef]);
    expect((await safety.get('/cases/lookup?q=a')).body.items).toEqual([]);
    await trainer.get('/cases/lookup?q=case').expect(403);
  });
});
