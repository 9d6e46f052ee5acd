import type request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuditService } from '../../server/audit/service.ts';
import { createCaseService } from '../../server/cases/service.ts';
import { seedDemo } from '../../seed/demo.ts';
import { cubeOf, journeys, tallies } from '../../server/trends/cube.ts';
import { measureGroups } from '../../server/trends/measures.ts';
import * as sql from '../support/trends-sql.ts';
import { logCase, validCase } from '../support/cases.ts';
import { createTrendService } from '../../server/trends/service.ts';
import { insertDepartmentIfMissing } from '../../server/vocabularies/repository.ts';
import { loadVocabularies } from '../../server/vocabularies/service.ts';
import { $, createTestApp, createUser, signedInAgent, tokenFor, type TestContext } from '../support/test-app.ts';

let ctx: TestContext;
let director: ReturnType<typeof request.agent>;
let safety: ReturnType<typeof request.agent>;

beforeAll(async () => {
  ctx = await createTestApp();
  const clock = () => new Date(ctx.clock.now);
  // The demo corpus carries the patterns a director should find: a T3 step at north, a recurring T2.03.
  await seedDemo({ db: ctx.db, users: ctx.users, cases: createCaseService({ db: ctx.db, audit: createAuditService(clock), clock }), now: clock() });
  await createUser(ctx, 'director');
  await createUser(ctx, 'safety');
  director = await signedInAgent(ctx, 'director@test.casebook.test');
  safety = await signedInAgent(ctx, 'safety@test.casebook.test');
}, 60_000);
afterAll(async () => ctx.close());

const specialPeriods = (html: string) => $(html)('#chart-data tr[data-special]').map((_, tr) => $(html)(tr).find('th').text()).get();

describe('trends', () => {
  it('shows the four themes as small multiples, each with an icon, a reading and an accessible chart', async () => {
    const $$ = $((await director.get('/trends').expect(200)).text);
    const cards = $$('.app-small-multiples .nhsuk-card');
    expect(cards).toHaveLength(4);
    cards.each((_, card) => {
      expect($$(card).find('svg[role="img"]').last().children('title').text()).toMatch(/^T\d/);
      expect($$(card).find('.app-chart-reading p').text()).toMatch(/variation|Special cause|Common cause|data/i);
    });
    expect($$('header a[href="/trends"]')).toHaveLength(1);
  });

  it('shows the planted step in T3 delays at north as a special-cause signal', async () => {
    const res = await director.get('/trends/chart?measure=theme:T3&department=north').expect(200);
    const special = specialPeriods(res.text);
    expect(special.length).toBeGreaterThanOrEqual(6);
    expect($(res.text)('#chart-data').text()).toContain('7 or more points above the mean');
  });

  it('shows the recurring T2.03 factor as special cause on its chart', async () => {
    const res = await director.get('/trends/chart?measure=factor:T2.03').expect(200);
    expect(specialPeriods(res.text).length).toBeGreaterThan(0);
  });

  it('charts delays and quarters, and only whole quarters', async () => {
    const share = $((await director.get('/trends/chart?measure=delay:report-breach').expect(200)).text);
    expect(share('#chart-data thead').text()).toContain('Cases measured');
    const quarterly = $((await director.get('/trends/chart?measure=all&granularity=quarter&from=2024-11&to=2026-10').expect(200)).text);
    const periods = quarterly('#chart-data tbody th').map((_, th) => quarterly(th).text()).get();
    expect(periods[0]).toBe('Q1 2025');
    expect(periods.at(-1)).toBe('Q3 2026');
  });

  it('downloads the chart data as CSV with unclipped limits', async () => {
    const res = await director.get('/trends/chart.csv?measure=theme:T1').expect(200);
    // Dated by the app's clock (the London date), not the machine's.
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="?casebook-trend-theme-t1-2026-11-23\.csv"?/);
    const lines = res.text.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('Period,Value,Cases measured,Mean,Lower process limit,Upper process limit,Point type,Rule,Group');
    expect(lines).toHaveLength(37);
    // A filtered download says so in its name.
    const west = await director.get('/trends/chart.csv?measure=theme:T1&department=north&granularity=quarter').expect(200);
    expect(west.headers['content-disposition']).toMatch(/casebook-trend-theme-t1-north-quarterly-2026-11-23\.csv/);
  });

  it('lets a director rebase a chart with a reason, audited and listed, and remove it', async () => {
    const chartUrl = '/trends/chart?measure=theme:T3&department=north';
    const before = $((await director.get(chartUrl)).text);
    const period = String(before('#period option').eq(20).val());
    const bad = await director.post(chartUrl).type('form').send({ _csrf: await tokenFor(director, chartUrl), period, reason: '' });
    expect(bad.status).toBe(400);
    const res = await director.post(chartUrl).type('form').send({ _csrf: await tokenFor(director, chartUrl), period, reason: 'New outsourcing contract' });
    expect(res.status).toBe(303);
    // Not the same period twice, nor one the chart does not show.
    for (const [again, message] of [[period, 'The chart already recalculates from'], ['2099-01', 'Choose a period from the list']] as const) {
      const refused = await director.post(chartUrl).type('form').send({ _csrf: await tokenFor(director, chartUrl), period: again, reason: 'Again' });
      expect(refused.status).toBe(400);
      expect($(refused.text)('.nhsuk-error-summary').text()).toContain(message);
    }
    expect(await ctx.db.selectFrom('spc_rebases').select('id').execute()).toHaveLength(1);
    const after = $((await director.get(chartUrl)).text);
    expect(after('#rebases').next('ul').text()).toContain('New outsourcing contract');
    const means = new Set(after('#chart-data tbody tr').map((_, tr) => after(tr).find('td').eq(1).text()).get());
    expect(means.size).toBe(2);
    const event = await ctx.db.selectFrom('audit_events').selectAll().where('action', '=', 'trends.rebase').executeTakeFirstOrThrow();
    expect(JSON.parse(event.after_json!)).toMatchObject({ measure: 'theme:T3', scope: 'department=north', reason: 'New outsourcing contract' });
    // The same measure without the department filter is another process: no rebase there.
    expect($((await director.get('/trends/chart?measure=theme:T3')).text)('#rebases').next('p').text()).toContain('None');

    const id = (await ctx.db.selectFrom('spc_rebases').select('id').executeTakeFirstOrThrow()).id;
    await director.post(`/trends/rebases/${id}/remove`).type('form').send({ _csrf: await tokenFor(director, chartUrl), returnTo: chartUrl }).expect(303);
    expect($((await director.get(chartUrl)).text)('#rebases').next('p').text()).toContain('None');
    // Not told "removed" for one already gone, or one there never was.
    for (const gone of [id, 99_999, 'abc']) {
      const again = await director.post(`/trends/rebases/${gone}/remove`).type('form').send({ _csrf: await tokenFor(director, chartUrl), returnTo: chartUrl });
      expect(again.status).toBe(404);
      expect($(again.text)('main').text()).toContain('There is no such rebase');
    }
  });

  it('only directors rebase; bad filters and unknown measures get clear answers', async () => {
    const chartUrl = '/trends/chart?measure=theme:T3';
    expect($((await safety.get(chartUrl)).text)('textarea[name="reason"]')).toHaveLength(0);
    expect((await safety.post(chartUrl).type('form').send({ _csrf: await tokenFor(safety, '/cases/new'), period: '2025-01', reason: 'x' })).status).toBe(403);
    const bad = await director.get('/trends?from=2026-05&to=2025-01').expect(400);
    expect($(bad.text)('.nhsuk-error-summary').text()).toContain('The last month must be the same as or after the first month');
    await director.get('/trends/chart?measure=theme:T9').expect(404);
  });

  it('starts a chart at the first month Casebook holds a case: months before it are unknown, not quiet', async () => {
    const { first } = await ctx.db.selectFrom('cases').select((eb) => eb.fn.min('event_month').as('first')).executeTakeFirstOrThrow();
    const $$ = $((await director.get('/trends/chart?measure=all&from=2020-01&to=2026-10').expect(200)).text);
    const periods = $$('#chart-data tbody tr th').map((_, th) => $$(th).text().trim()).get();
    const label = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${first}-01T00:00:00Z`));
    expect(periods[0]).toBe(label);
    expect(periods.at(-1)).toBe('October 2026');
  });

  it('reads nothing into a rare event whose limits close on the mean: no signal, in words, colour or table', async () => {
    await insertDepartmentIfMissing(ctx.db, 'tiny', 'Tiny imaging unit');
    const author = (await ctx.users.list()).find((u) => u.role === 'safety')!;
    await logCase(ctx, author, { department: 'tiny', eventMonth: '2025-06' });
    const $$ = $((await director.get('/trends/chart?measure=all&department=tiny&from=2024-11&to=2026-10').expect(200)).text);
    expect($$('main').text()).toContain('Too rare to read as variation');
    expect($$('#chart-data tr[data-special]')).toHaveLength(0);
    expect($$('svg [data-point-type]').map((_, p) => $$(p).attr('data-point-type')).get().every((t) => t === 'common_cause')).toBe(true);
  });

  it('charts only months that are over: this month and later are refused on the field, not charted as low counts', async () => {
    // The test clock is 23 November 2026, so October 2026 is the last month that is over.
    await director.get('/trends?to=2026-10').expect(200);
    for (const url of ['/trends?to=2026-11', '/trends/chart?measure=all&to=2027-03', '/trends/measures?from=2026-11&to=2026-12', '/trends/chart.csv?measure=all&to=2026-11']) {
      const res = await director.get(url).expect(400);
      const summary = $(res.text)('.nhsuk-error-summary');
      expect(summary.text()).toContain('must be October 2026 or earlier, as later months are not over yet');
      expect(summary.find('a').attr('href')).toMatch(/^#(from|to)$/);
      expect($(res.text)('title').text()).toMatch(/^Error: /);
    }
    const both = $((await director.get('/trends?from=2026-11&to=2026-12').expect(400)).text);
    expect(both('.nhsuk-error-summary a').map((_, a) => both(a).attr('href')).get()).toEqual(['#from', '#to']);
  });
});

describe('many charts at once', () => {
  it('gives every measure exactly the chart it has on its own, with and without filters, monthly and quarterly, rebases included', async () => {
    const clock = () => new Date(ctx.clock.now);
    const trends = createTrendService({ db: ctx.db, audit: createAuditService(clock), clock });
    const v = await loadVocabularies(ctx.db);
    const keys = measureGroups(v).flatMap((g) => g.measures.map((m) => m.key));
    const director = (await ctx.users.list()).find((u) => u.role === 'director')!;
    const actor = ctx.users.actorFor(director);
    await trends.addRebase(actor, 'factor:T2.03', 'department=north', '2025-06', 'New process');
    await trends.addRebase(actor, 'all', '', '2025-03', 'New system');
    const range = trends.defaultRange();
    const queries = [
      { granularity: 'month' as const, ...range },
      { granularity: 'month' as const, ...range, department: 'north' },
      { granularity: 'quarter' as const, from: '2024-01', to: '2026-09', source: 'incident' },
      { granularity: 'month' as const, ...range, departments: ['north', 'south'], setting: 'outpatient' },
    ];
    for (const q of queries) {
      const together = await trends.charts(keys, q, v);
      const alone = await Promise.all(keys.map((k) => trends.chart(k, q, v)));
      expect(together).toEqual(alone);
    }
    // The rebased charts really were rebased, so the comparison covered them.
    expect((await trends.charts(['all'], queries[0]!, v))[0]!.rebases).toHaveLength(1);
    await expect(trends.charts(['nonsense'], queries[0]!, v)).rejects.toThrow('There is no measure nonsense');
  });
});

describe('the cases held in memory for trends', () => {
  const range = { from: '2023-11', to: '2026-10' };
  const filterSets = [range, { ...range, department: 'north' }, { ...range, departments: ['north', 'south'], setting: 'outpatient' }, { ...range, source: 'incident' }];

  it('count exactly what the database counts, for every measure and filter', async () => {
    const cases = await cubeOf(ctx.db).current();
    for (const f of filterSets) {
      const counts = tallies(cases, f);
      const [themes, factors, columns, rows] = await Promise.all([sql.monthlyThemeCounts(ctx.db, f), sql.monthlyFactorCounts(ctx.db, f), sql.monthlyColumnCounts(ctx.db, f), sql.journeyRows(ctx.db, f)]);
      const expected = new Map([...[...themes].map(([k, v]) => [`theme:${k}`, v] as const), ...[...factors].map(([k, v]) => [`factor:${k}`, v] as const), ...columns]);
      expect(new Map([...counts].sort())).toEqual(new Map([...expected].sort()));
      const key = (r: object) => JSON.stringify(r);
      expect(journeys(cases, f).map(key).sort()).toEqual(rows.map(key).sort());
    }
  });

  it('follow every change to a case: new, edited, closed and withdrawn', async () => {
    const author = (await ctx.users.list()).find((u) => u.role === 'director')!;
    const clock = () => new Date(ctx.clock.now);
    const service = createCaseService({ db: ctx.db, audit: createAuditService(clock), clock });
    const actor = ctx.users.actorFor(author);
    const allIn = async (month: string) => (tallies(await cubeOf(ctx.db).current(), range).get('all')?.get(month) ?? 0);
    const factorIn = async (month: string) => (tallies(await cubeOf(ctx.db).current(), range).get('factor:T4.01')?.get(month) ?? 0);
    const before = await allIn('2026-03');
    const factorBefore = await factorIn('2026-03');
    const created = await logCase(ctx, author, { eventMonth: '2026-03' });
    expect(await allIn('2026-03')).toBe(before + 1);
    // An edit moves it to another month and adds a factor.
    const input = { ...validCase(), eventMonth: '2026-03', themes: [...validCase().themes, { theme: 'T4', factors: ['T4.01'] }] };
    const edited = await service.update(actor, created.ref, input, created.version);
    expect(await factorIn('2026-03')).toBe(factorBefore + 1);
    await service.close(actor, created.ref, edited.version);
    expect(await allIn('2026-03')).toBe(before + 1);
    await service.withdraw(actor, created.ref, 'Logged twice by mistake');
    expect(await allIn('2026-03')).toBe(before);
    expect(await factorIn('2026-03')).toBe(factorBefore);
    // A draft is never counted.
    await logCase(ctx, author, { eventMonth: '2026-03', submit: false });
    expect(await allIn('2026-03')).toBe(before);
  });
});
