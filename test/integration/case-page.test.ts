import request from 'supertest';
import { createTokenService } from '../../server/api/tokens.ts';
import { createAuditService } from '../../server/audit/service.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCaseService } from '../../server/cases/service.ts';
import { logCase, validCase } from '../support/cases.ts';
import { $, createTestApp, createUser, signedInAgent, type TestContext } from '../support/test-app.ts';

let ctx: TestContext;
let safety: ReturnType<typeof request.agent>;
let trainer: ReturnType<typeof request.agent>;
let submittedRef: string;
let draftRef: string;

beforeAll(async () => {
  ctx = await createTestApp();
  const author = await createUser(ctx, 'safety');
  await createUser(ctx, 'trainer');
  const first = await logCase(ctx, author);
  submittedRef = (await logCase(ctx, author, { title: 'Second nodule missed', repeats: [first.ref] })).ref;
  draftRef = (await logCase(ctx, author, { title: 'Draft about a lost handover', submit: false })).ref;
  safety = await signedInAgent(ctx, author.email);
  trainer = await signedInAgent(ctx, 'trainer@test.casebook.test');
});
afterAll(async () => ctx.close());

describe('case page', () => {
  it('shows every field with its label, the themes and factors', async () => {
    const $$ = $((await trainer.get(`/cases/${submittedRef}`).expect(200)).text);
    expect($$('h1').text()).toBe('Second nodule missed');
    const rows = Object.fromEntries($$('.nhsuk-summary-list__row').map((_, r) => [[$$(r).find('dt').text().trim(), $$(r).find('dd').text().trim()]]).get());
    expect(rows).toMatchObject({ Reference: submittedRef, Source: 'Local complaint', Modality: 'Plain X-ray', 'Harm (LFPSE physical harm)': 'Severe harm', 'Month of the event': 'March 2026', Department: 'North General Hospital imaging' });
    expect($$('main').text()).toContain('T1.01');
    expect($$('main').text()).toContain('No alert raised for an unexpected significant finding');
  });

  it('computes delays against expected timeframes and highlights breaches', async () => {
    const $$ = $((await trainer.get(`/cases/${submittedRef}`)).text);
    const breached = $$('tr[data-breached="true"]');
    expect(breached).toHaveLength(1);
    expect(breached.text()).toContain('Scan to Report');
    expect(breached.text()).toContain('Breached by 9 days');
    expect(breached.text()).toContain('NHS England (2023)');
  });

  it('holds an alert never acknowledged to the timeframes either side, and measures report to alert', async () => {
    const author = (await ctx.users.get(1))!;
    const ref = (await logCase(ctx, author, { title: 'Alert never acknowledged', urgency: 'routine', journey: { request: 0, scan: 5, report: 12, alert: 20, action: 270 } })).ref;
    const $$ = $((await trainer.get(`/cases/${ref}`).expect(200)).text);
    const rows = $$('tr[data-breached]').map((_, tr) => [[$$(tr).find('td').eq(0).text(), $$(tr).attr('data-breached'), $$(tr).find('td').eq(2).text()]]).get();
    expect(rows).toEqual([
      ['Request to Scan', 'false', '42'],
      ['Scan to Report', 'false', '28'],
      ['Report to Alert or communication', 'true', '1'],
      ['Alert or communication to Action (no acknowledgement recorded)', 'true', '21'],
    ]);
    expect($$('tr[data-breached="true"]').last().text()).toContain('Breached by 229 days');
  });

  it('links repeats both ways', async () => {
    const $$ = $((await trainer.get(`/cases/${submittedRef}`)).text);
    const earlier = $$('h2:contains("Repeats earlier cases")').next('ul').find('a').attr('href')!;
    const back = $((await trainer.get(earlier)).text);
    expect(back('h2:contains("Repeated by later cases")').next('ul').find(`a[href="/cases/${submittedRef}"]`)).toHaveLength(1);
  });

  it('never links a trainer to a draft, from either side of a repeat', async () => {
    const author = (await ctx.users.get(1))!;
    const later = (await logCase(ctx, author, { title: 'Repeats a draft', repeats: [draftRef, submittedRef] })).ref;
    const links = async (agent: typeof trainer, ref: string) => {
      const $$ = $((await agent.get(`/cases/${ref}`).expect(200)).text);
      return $$('h2:contains("Repeats earlier cases"), h2:contains("Repeated by later cases")').next('ul').find('a').map((_, a) => $$(a).attr('href')).get();
    };
    expect(await links(trainer, later)).toEqual([`/cases/${submittedRef}`]);
    expect(await links(safety, later)).toEqual([`/cases/${submittedRef}`, `/cases/${draftRef}`]);
    // The API keeps the same rule.
    const clock = () => new Date(ctx.clock.now);
    const tokens = createTokenService({ db: ctx.db, audit: createAuditService(clock), clock });
    const { token } = await tokens.create({ id: null, label: 'test' }, (await ctx.users.list()).find((u) => u.role === 'trainer')!.id, 'test');
    expect((await request(ctx.app).get(`/api/v1/cases/${later}`).set('Authorization', `Bearer ${token}`).expect(200)).body.repeats).toEqual([submittedRef]);
    // And in lists and their downloads.
    const listed = (await request(ctx.app).get('/api/v1/cases?limit=100').set('Authorization', `Bearer ${token}`).expect(200)).body.items as { ref: string; repeats: string[]; repeatedBy: string[] }[];
    expect(listed.find((c) => c.ref === later)!.repeats).toEqual([submittedRef]);
    expect(listed.flatMap((c) => [...c.repeats, ...c.repeatedBy])).not.toContain(draftRef);
    expect((await trainer.get('/cases/export.csv').expect(200)).text).not.toContain(draftRef);
    expect((await safety.get('/cases/export.csv').expect(200)).text).toContain(draftRef);
    // Nor in a case's history, where a change to its repeat links is told.
    const edited = await logCase(ctx, author, { title: 'Linked to a draft later' });
    const cases = createCaseService({ db: ctx.db, audit: createAuditService(clock), clock });
    await cases.update({ id: author.id, label: author.email }, edited.ref, { ...validCase(), title: 'Linked to a draft later', repeats: [draftRef, submittedRef] }, edited.version);
    const history = $((await trainer.get(`/cases/${edited.ref}`).expect(200)).text)('#history').next('ol').text();
    expect(history).toContain(submittedRef);
    expect(history).not.toContain(draftRef);
    expect($((await safety.get(`/cases/${edited.ref}`)).text)('#history').next('ol').text()).toContain(draftRef);
  });

  it('never shows a draft to a trainer, and lists drafts on the author\'s home page', async () => {
    await trainer.get(`/cases/${draftRef}`).expect(404);
    await safety.get(`/cases/${draftRef}`).expect(200);
    const home = $((await safety.get('/')).text);
    expect(home('[data-drafts] a').map((_, a) => home(a).attr('href')).get()).toEqual([`/cases/${draftRef}`]);
  });

  it('escapes what users typed', async () => {
    const author = await ctx.users.get(1);
    const ref = (await logCase(ctx, author!, { title: '<script>alert(1)</script> nodule' })).ref;
    const res = await trainer.get(`/cases/${ref}`);
    expect(res.text).not.toContain('<script>alert(1)</script>');
    expect($(res.text)('h1').text()).toBe('<script>alert(1)</script> nodule');
  });

  it('answers 404 for unknown references', async () => {
    await trainer.get('/cases/CB-2026-99999').expect(404);
    await trainer.get('/cases/nonsense').expect(404);
  });
});
