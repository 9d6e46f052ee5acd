import { referenceDataChanged } from '../../server/vocabularies/changes.ts';
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTokenService } from '../../server/api/tokens.ts';
import { createAuditService } from '../../server/audit/service.ts';
import { current, loadVocabularies } from '../../server/vocabularies/service.ts';
import { logCase, validCase } from '../support/cases.ts';
import { $, createTestApp, createUser, signedInAgent, tokenFor, type TestContext } from '../support/test-app.ts';

const BASE = '/admin/reference-data';
let ctx: TestContext;
let admin: ReturnType<typeof request.agent>;

beforeEach(async () => {
  ctx = await createTestApp();
  await createUser(ctx, 'admin');
  admin = await signedInAgent(ctx, 'admin@test.casebook.test');
});
afterEach(async () => ctx.close());

const post = async (path: string, body: Record<string, unknown> = {}) => admin.post(path).type('form').send({ ...body, _csrf: await tokenFor(admin, `${BASE}/departments`) });
const audits = async (action: string) =>
  (await ctx.db.selectFrom('audit_events').selectAll().where('action', '=', action).orderBy('id').execute()).map((e) => ({
    entityType: e.entity_type,
    entityId: e.entity_id,
    before: e.before_json === null ? null : JSON.parse(e.before_json),
    after: e.after_json === null ? null : JSON.parse(e.after_json),
  }));
const term = (vocabulary: string, code: string) =>
  ctx.db.selectFrom('vocabulary_terms').selectAll().where('vocabulary', '=', vocabulary).where('code', '=', code).executeTakeFirst();
const summary = (html: string) => {
  const $$ = $(html);
  return $$('.nhsuk-error-summary li a').map((_, a) => ({ text: $$(a).text().trim(), href: $$(a).attr('href') })).get();
};

describe('the index', () => {
  it('lists every list with current and retired counts, themes, departments and timeframes', async () => {
    await ctx.db.updateTable('vocabulary_terms').set({ retired: 1 }).where('vocabulary', '=', 'modality').where('code', '=', 'fluoro').execute();
    // Written behind the app's back, as another process would: the app is told, as its own writes tell it.
    referenceDataChanged();
    const $$ = $((await admin.get(BASE).expect(200)).text);
    expect($$('h1').text()).toBe('Reference data');
    const modalities = $$(`tr[data-vocabulary="${BASE}/modalities"] td`).map((_, td) => $$(td).text()).get();
    expect(modalities).toEqual(['8', '1']);
    expect($$('tr[data-theme="T2"] td').first().text()).toBe('8');
    const links = $$('main a').map((_, a) => $$(a).attr('href')).get();
    expect(links).toEqual(expect.arrayContaining([`${BASE}/departments`, `${BASE}/timeframes`, `${BASE}/themes/T1`, `${BASE}/body-areas`, `${BASE}/action-owners`]));
    expect($$('[data-section="timeframes"]').text()).toMatch(/^\d+ timeframes/);
  });

  it.each([
    ['sources', 'Sources'],
    ['modalities', 'Modalities'],
    ['body-areas', 'Body areas'],
    ['care-settings', 'Care settings'],
    ['urgencies', 'Request urgency'],
    ['alert-categories', 'Alert categories'],
    ['harm-levels', 'Harm levels'],
    ['age-bands', 'Age bands'],
    ['action-owners', 'Action owners'],
    ['journey-stages', 'Journey stages'],
    ['departments', 'Departments'],
    ['themes/T3', 'T3: contributory factors'],
    ['timeframes', 'Expected timeframes'],
    ['modalities/ct', 'Change modality ct'],
    ['themes/T1/factors/T1.02', 'Change contributory factor T1.02'],
    ['timeframes/routine/scan/report', 'Expected timeframe: Scan to report'],
  ])('renders %s for an admin', async (path, heading) => {
    const $$ = $((await admin.get(`${BASE}/${path}`).expect(200)).text);
    expect($$('h1').text().replace(/\s+/g, ' ').trim()).toBe(heading);
  });

  it.each(['nonsense', 'modalities/zz', 'departments/none', 'themes/T9', 'themes/T1/factors/T2.01', 'timeframes/routine/report/scan', 'timeframes/never/scan/report'])(
    'answers 404 for %s',
    async (path) => {
      await admin.get(`${BASE}/${path}`).expect(404);
    },
  );

  it('shows journey stages without any form, and refuses changes to them', async () => {
    const $$ = $((await admin.get(`${BASE}/journey-stages`)).text);
    expect($$('main form').length).toBe(0);
    expect((await post(`${BASE}/journey-stages`, { code: 'triage', label: 'Triage' })).status).toBe(404);
    expect((await post(`${BASE}/journey-stages/scan/status`, { status: 'retired' })).status).toBe(404);
    expect((await term('journey_stage', 'scan'))!.retired).toBe(0);
  });
});

describe('departments', () => {
  it('adds, relabels, retires and reinstates, auditing each with before and after', async () => {
    let res = await post(`${BASE}/departments`, { code: 'north-general', label: '  North   General imaging ' });
    expect(res.headers.location).toBe(`${BASE}/departments`);
    expect(await ctx.db.selectFrom('departments').selectAll().where('code', '=', 'north-general').executeTakeFirst()).toEqual({ code: 'north-general', label: 'North General imaging', retired: 0 });
    expect(await audits('reference.department_create')).toEqual([{ entityType: 'department', entityId: 'north-general', before: null, after: { code: 'north-general', label: 'North General imaging', retired: false } }]);

    res = await post(`${BASE}/departments/north-general`, { label: 'North General Hospital imaging' });
    expect(res.status).toBe(302);
    await post(`${BASE}/departments/north-general/status`, { status: 'retired' });
    const $$ = $((await admin.get(`${BASE}/departments`)).text);
    expect($$('tr[data-code="north-general"] td').eq(1).text()).toBe('North General Hospital imaging');
    expect($$('tr[data-code="north-general"] .nhsuk-tag').text().trim()).toBe('Retired');
    expect($$('.nhsuk-notification-banner').text()).toContain('has been retired');
    await post(`${BASE}/departments/north-general/status`, { status: 'current' });

    const updates = await audits('reference.department_update');
    expect(updates.map((u) => [u.before, u.after])).toEqual([
      [{ code: 'north-general', label: 'North General imaging', retired: false }, { code: 'north-general', label: 'North General Hospital imaging', retired: false }],
      [{ code: 'north-general', label: 'North General Hospital imaging', retired: false }, { code: 'north-general', label: 'North General Hospital imaging', retired: true }],
      [{ code: 'north-general', label: 'North General Hospital imaging', retired: true }, { code: 'north-general', label: 'North General Hospital imaging', retired: false }],
    ]);
  });

  it.each([
    [{ code: '', label: '' }, [['Enter a code', '#code'], ['Enter a label', '#label']]],
    [{ code: 'North Site', label: 'North' }, [['The code must use only lowercase letters, digits and hyphens, starting with a letter or digit', '#code']]],
    [{ code: 'n', label: 'North' }, [['The code must be 2 characters or more', '#code']]],
    [{ code: 'x'.repeat(41), label: 'North' }, [['The code must be 40 characters or fewer', '#code']]],
    [{ code: 'north', label: 'x'.repeat(101) }, [['The label must be 100 characters or fewer', '#label']]],
  ])('refuses %j with an error summary linking to the field, keeping values', async (body, expected) => {
    const res = await post(`${BASE}/departments`, body);
    expect(res.status).toBe(400);
    expect(summary(res.text).map((e) => [e.text, e.href])).toEqual(expected);
    const $$ = $(res.text);
    expect($$('title').text()).toMatch(/^Error: /);
    expect($$('#code').val()).toBe(body.code);
    expect($$('#label').val()).toBe(body.label);
    expect(await ctx.db.selectFrom('departments').selectAll().execute()).toEqual([]);
  });

  it('refuses labels, theme summaries and timeframe sources that could identify someone, but not eponyms or dates', async () => {
    let res = await post(`${BASE}/departments`, { code: 'ward-x', label: 'Ward NHS 943 476 5919' });
    expect(res.status).toBe(400);
    expect(summary(res.text)).toEqual([{ text: expect.stringContaining('The label contains what looks like an NHS number (••• ••• 5919)'), href: '#label' }]);
    res = await post(`${BASE}/themes/T1`, { themeLabel: 'Guidelines', summary: 'Call 07700 900123' });
    expect(summary(res.text)).toEqual([{ text: expect.stringContaining('The summary contains what looks like a phone number'), href: '#summary' }]);
    res = await post(`${BASE}/timeframes/urgent/scan/report`, { maxDays: '3', source: 'Agreed with j.smith@nhs.net' });
    expect(summary(res.text)).toEqual([{ text: expect.stringContaining('The source contains what looks like an email address'), href: '#source' }]);
    expect(await ctx.db.selectFrom('departments').select('code').where('code', '=', 'ward-x').execute()).toEqual([]);
    // Eponyms and a guidance's date are what such text names.
    expect((await post(`${BASE}/departments`, { code: 'st-georges', label: "St George's Hospital imaging" })).status).toBe(302);
    expect((await post(`${BASE}/timeframes/urgent/scan/report`, { maxDays: '3', source: 'Trust policy agreed 12 March 2026' })).status).toBe(302);
  });

  it('refuses a code already used, even by a retired department, and a current label in any case', async () => {
    await post(`${BASE}/departments`, { code: 'north', label: 'North imaging' });
    await post(`${BASE}/departments/north/status`, { status: 'retired' });
    let res = await post(`${BASE}/departments`, { code: 'north', label: 'Another' });
    expect(summary(res.text)).toEqual([{ text: 'There is already a department with the code north', href: '#code' }]);
    await post(`${BASE}/departments`, { code: 'south', label: 'South imaging' });
    res = await post(`${BASE}/departments`, { code: 'south-2', label: 'SOUTH IMAGING' });
    expect(res.status).toBe(400);
    expect(summary(res.text)).toEqual([{ text: 'There is already a current department called "South imaging": enter a different label', href: '#label' }]);
    expect($(res.text)('#label').val()).toBe('SOUTH IMAGING');
    // A retired label may be used again: nobody can choose the retired one.
    expect((await post(`${BASE}/departments`, { code: 'north-2', label: 'north imaging' })).status).toBe(302);
    res = await post(`${BASE}/departments/north/status`, { status: 'current' });
    expect(res.status).toBe(400);
    expect(summary(res.text)[0]).toEqual({ text: expect.stringContaining('cannot be reinstated'), href: '#item-north' });
  });

  it('refuses a label change that duplicates another, keeping what was typed', async () => {
    await post(`${BASE}/departments`, { code: 'north', label: 'North imaging' });
    await post(`${BASE}/departments`, { code: 'south', label: 'South imaging' });
    const res = await post(`${BASE}/departments/south`, { label: 'north Imaging' });
    expect(res.status).toBe(400);
    expect(summary(res.text)).toEqual([{ text: 'There is already a current department called "North imaging": enter a different label', href: '#label' }]);
    expect($(res.text)('#label').val()).toBe('north Imaging');
    const empty = await post(`${BASE}/departments/south`, { label: '   ' });
    expect(summary(empty.text)).toEqual([{ text: 'Enter a label', href: '#label' }]);
  });
});

describe('simple vocabularies', () => {
  it('adds a term at the end, changes its label and audits both', async () => {
    const res = await post(`${BASE}/modalities`, { code: 'dexa', label: 'DEXA' });
    expect(res.headers.location).toBe(`${BASE}/modalities`);
    expect(await term('modality', 'dexa')).toMatchObject({ label: 'DEXA', position: 10, retired: 0 });
    await post(`${BASE}/modalities/dexa`, { label: 'Bone densitometry (DEXA)' });
    expect((await term('modality', 'dexa'))!.label).toBe('Bone densitometry (DEXA)');
    expect(await audits('reference.term_create')).toEqual([{ entityType: 'vocabulary_term', entityId: 'modality:dexa', before: null, after: { vocabulary: 'modality', code: 'dexa', label: 'DEXA', retired: false } }]);
    const [update] = await audits('reference.term_update');
    expect(update).toMatchObject({ before: { label: 'DEXA' }, after: { label: 'Bone densitometry (DEXA)' } });
    const $$ = $((await admin.get(`${BASE}/modalities`)).text);
    expect($$('tr[data-code]').last().attr('data-code')).toBe('dexa');
  });

  it('refuses a label already current in the same list, whatever its case', async () => {
    const res = await post(`${BASE}/modalities`, { code: 'ct2', label: 'ct' });
    expect(res.status).toBe(400);
    expect(summary(res.text)).toEqual([{ text: 'There is already a current modality called "CT": enter a different label', href: '#label' }]);
    expect($(res.text)('#code').val()).toBe('ct2');
    expect(await term('modality', 'ct2')).toBeUndefined();
    // Another list may have the same label.
    expect((await post(`${BASE}/settings`, {})).status).toBe(404);
    expect((await post(`${BASE}/care-settings`, { code: 'urgent_care', label: 'Urgent' })).status).toBe(302);
  });

  it('refuses a code with spaces or capitals', async () => {
    const res = await post(`${BASE}/body-areas`, { code: 'Upper Limb', label: 'Arm' });
    expect(summary(res.text)).toEqual([{ text: 'The code must use only lowercase letters, digits, hyphens and underscores, starting with a letter or digit', href: '#code' }]);
  });

  it('moves a term up and down by swapping positions, auditing both', async () => {
    await post(`${BASE}/harm-levels/low/move`, { direction: 'up' });
    let order = (await ctx.db.selectFrom('vocabulary_terms').select('code').where('vocabulary', '=', 'harm').orderBy('position').execute()).map((r) => r.code);
    expect(order).toEqual(['low', 'no', 'moderate', 'severe', 'fatal']);
    expect((await audits('reference.term_update')).map((a) => [a.entityId, a.before.position, a.after.position])).toEqual([
      ['harm:low', 2, 1],
      ['harm:no', 1, 2],
    ]);
    await post(`${BASE}/harm-levels/fatal/move`, { direction: 'down' });
    await post(`${BASE}/harm-levels/low/move`, { direction: 'down' });
    order = (await ctx.db.selectFrom('vocabulary_terms').select('code').where('vocabulary', '=', 'harm').orderBy('position').execute()).map((r) => r.code);
    expect(order).toEqual(['no', 'low', 'moderate', 'severe', 'fatal']);
    const $$ = $((await admin.get(`${BASE}/harm-levels`)).text);
    expect($$('tr[data-code="no"] button').text()).not.toContain('Move up');
    expect($$('tr[data-code="fatal"] button').text()).not.toContain('Move down');
    expect($$('tr[data-code="low"] button').text()).toContain('Move up');
  });

  it('keeps at least one current term in a list', async () => {
    for (const code of ['no', 'low', 'moderate', 'severe']) await post(`${BASE}/harm-levels/${code}/status`, { status: 'retired' });
    const res = await post(`${BASE}/harm-levels/fatal/status`, { status: 'retired' });
    expect(res.status).toBe(400);
    expect(summary(res.text)).toEqual([{ text: 'Fatal is the only current harm level: add another before retiring it', href: '#item-fatal' }]);
    expect((await term('harm', 'fatal'))!.retired).toBe(0);
  });
});

describe('retiring a term', () => {
  it('keeps its label on old cases and stops new cases using it', async () => {
    const author = await createUser(ctx, 'safety');
    const logged = await logCase(ctx, author);
    const res = await post(`${BASE}/modalities/xr/status`, { status: 'retired' });
    expect(res.status).toBe(302);
    const list = $((await admin.get(`${BASE}/modalities`)).text);
    expect(list('tr[data-code="xr"] .nhsuk-tag').text().trim()).toBe('Retired');

    const page = $((await admin.get(`/cases/${logged.ref}`).expect(200)).text);
    const modality = page('.nhsuk-summary-list__row').filter((_, r) => page(r).find('dt').text().trim() === 'Modality');
    expect(modality.find('dd').text().trim()).toBe('Plain X-ray');

    const v = await loadVocabularies(ctx.db);
    expect(current(v.modalities).map((t) => t.code)).not.toContain('xr');
    const clock = () => new Date(ctx.clock.now);
    const { token } = await createTokenService({ db: ctx.db, audit: createAuditService(clock), clock }).create({ id: null, label: 'test' }, author.id, 'test');
    const api = await request(ctx.app).post('/api/v1/cases').set('Authorization', `Bearer ${token}`).send(validCase()).expect(400);
    expect(api.body.error.details).toContainEqual({ field: 'modality', message: 'Select a modality from the list' });
  });
});

describe('themes and factors', () => {
  it('gives a new factor the next code, never reusing a retired one', async () => {
    let res = await post(`${BASE}/themes/T2/factors`, { label: 'Result sent to the wrong GP practice' });
    expect(res.headers.location).toBe(`${BASE}/themes/T2`);
    expect(await ctx.db.selectFrom('factors').selectAll().where('code', '=', 'T2.09').executeTakeFirst()).toMatchObject({ theme_code: 'T2', label: 'Result sent to the wrong GP practice', position: 9, retired: 0 });
    await post(`${BASE}/themes/T2/factors/T2.09/status`, { status: 'retired' });
    res = await post(`${BASE}/themes/T2/factors`, { label: 'Result sent to a closed inbox' });
    expect(await ctx.db.selectFrom('factors').select('code').where('label', '=', 'Result sent to a closed inbox').executeTakeFirst()).toEqual({ code: 'T2.10' });
    expect((await audits('reference.factor_create')).map((a) => a.after)).toEqual([
      { theme: 'T2', code: 'T2.09', label: 'Result sent to the wrong GP practice', retired: false },
      { theme: 'T2', code: 'T2.10', label: 'Result sent to a closed inbox', retired: false },
    ]);
    expect(await audits('reference.factor_update')).toEqual([
      { entityType: 'factor', entityId: 'T2.09', before: { theme: 'T2', code: 'T2.09', label: 'Result sent to the wrong GP practice', retired: false }, after: { theme: 'T2', code: 'T2.09', label: 'Result sent to the wrong GP practice', retired: true } },
    ]);
    const $$ = $((await admin.get(`${BASE}/themes/T2`)).text);
    expect($$('tr[data-code="T2.09"] .nhsuk-tag').text().trim()).toBe('Retired');
  });

  it('changes a factor label, refusing a duplicate', async () => {
    await post(`${BASE}/themes/T1/factors/T1.02`, { label: 'Wrong alert category' });
    expect((await ctx.db.selectFrom('factors').select('label').where('code', '=', 'T1.02').executeTakeFirstOrThrow()).label).toBe('Wrong alert category');
    expect((await audits('reference.factor_update'))[0]).toMatchObject({ before: { label: 'Wrong alert category or urgency' }, after: { label: 'Wrong alert category' } });
    const res = await post(`${BASE}/themes/T1/factors`, { label: 'wrong alert category' });
    expect(res.status).toBe(400);
    expect(summary(res.text)).toEqual([{ text: 'There is already a current contributory factor called "Wrong alert category": enter a different label', href: '#label' }]);
    expect($(res.text)('#label').val()).toBe('wrong alert category');
  });

  it('edits the theme name and summary, with errors kept on the page', async () => {
    await post(`${BASE}/themes/T3`, { themeLabel: 'Delays in reporting and scanning', summary: 'Backlogs anywhere in the journey' });
    expect(await ctx.db.selectFrom('themes').select(['label', 'summary']).where('code', '=', 'T3').executeTakeFirst()).toEqual({ label: 'Delays in reporting and scanning', summary: 'Backlogs anywhere in the journey' });
    const [event] = await audits('reference.term_update');
    expect(event).toMatchObject({ entityType: 'theme', entityId: 'T3', before: { label: 'Delays in reporting' }, after: { label: 'Delays in reporting and scanning' } });
    const res = await post(`${BASE}/themes/T3`, { themeLabel: 'delays IN reporting and scanning ', summary: '' });
    expect(res.status).toBe(400);
    expect(summary(res.text)).toEqual([{ text: 'Enter a summary', href: '#summary' }]);
    expect($(res.text)('#themeLabel').val()).toBe('delays IN reporting and scanning ');
    const dup = await post(`${BASE}/themes/T3`, { themeLabel: 'not learning from past mistakes', summary: 'x' });
    expect(summary(dup.text)).toEqual([{ text: 'Theme T4 is already called "Not learning from past mistakes": enter a different name', href: '#themeLabel' }]);
  });
});

describe('expected timeframes', () => {
  it('shows a table per urgency with each source and whether it is local', async () => {
    const $$ = $((await admin.get(`${BASE}/timeframes`)).text);
    const routine = $$('table[data-urgency="routine"]');
    expect(routine.find('caption').text()).toBe('Routine');
    const row = routine.find('tr[data-interval="scan-report"]');
    expect(row.find('td').first().text()).toBe('28');
    expect(row.find('td').eq(1).text()).toContain('NHS England (2023)');
    expect(row.find('.nhsuk-tag').text().trim()).toBe('National');
    expect($$('table[data-urgency="urgent"] tr[data-interval="scan-report"] .nhsuk-tag').text().trim()).toBe('Local');
  });

  it('changes max days, source and basis, auditing before and after', async () => {
    const res = await post(`${BASE}/timeframes/urgent/scan/report`, { maxDays: ' 3 ', source: 'Trust imaging policy 2026, section 4', local: 'yes' });
    expect(res.headers.location).toBe(`${BASE}/timeframes#urgency-urgent`);
    const row = await ctx.db.selectFrom('timeframes').selectAll().where('urgency', '=', 'urgent').where('from_stage', '=', 'scan').where('to_stage', '=', 'report').executeTakeFirst();
    expect(row).toMatchObject({ max_days: 3, source: 'Trust imaging policy 2026, section 4', local: 1 });
    await post(`${BASE}/timeframes/urgent/scan/report`, { maxDays: '3', source: 'RCR national standard' });
    expect((await ctx.db.selectFrom('timeframes').select('local').where('urgency', '=', 'urgent').where('from_stage', '=', 'scan').where('to_stage', '=', 'report').executeTakeFirstOrThrow()).local).toBe(0);
    const events = await audits('reference.timeframe_update');
    expect(events[0]).toMatchObject({ entityType: 'timeframe', entityId: 'urgent:scan:report', before: { maxDays: 2, local: true }, after: { maxDays: 3, source: 'Trust imaging policy 2026, section 4', local: true } });
    expect(events[1]).toMatchObject({ before: { local: true }, after: { local: false, source: 'RCR national standard' } });
  });

  it.each([
    [{ maxDays: '', source: '' }, [['Enter the maximum number of days', '#maxDays'], ['Enter the source of this timeframe', '#source']]],
    [{ maxDays: '2.5', source: 'x' }, [['Maximum days must be a whole number, like 14', '#maxDays']]],
    [{ maxDays: '0', source: 'x' }, [['Maximum days must be between 1 and 365', '#maxDays']]],
    [{ maxDays: '366', source: 'x' }, [['Maximum days must be between 1 and 365', '#maxDays']]],
    [{ maxDays: '7', source: 'x'.repeat(301) }, [['The source must be 300 characters or fewer', '#source']]],
  ])('refuses %j, keeping values', async (body, expected) => {
    const res = await post(`${BASE}/timeframes/routine/scan/report`, { ...body, local: 'yes' });
    expect(res.status).toBe(400);
    expect(summary(res.text).map((e) => [e.text, e.href])).toEqual(expected);
    const $$ = $(res.text);
    expect($$('#maxDays').val()).toBe(body.maxDays);
    expect($$('#source').text()).toBe(body.source);
    expect($$('input[name="local"]').is(':checked')).toBe(true);
    expect(await audits('reference.timeframe_update')).toEqual([]);
  });

  it('lets a new urgency have its timeframes set', async () => {
    await post(`${BASE}/urgencies`, { code: 'same_day', label: 'Same day' });
    const $$ = $((await admin.get(`${BASE}/timeframes`)).text);
    expect($$('table[data-urgency="same_day"] tr[data-interval="scan-report"] td').first().text()).toBe('Not set');
    await post(`${BASE}/timeframes/same_day/scan/report`, { maxDays: '1', source: 'Local policy', local: 'yes' });
    expect(await ctx.db.selectFrom('timeframes').selectAll().where('urgency', '=', 'same_day').execute()).toEqual([
      { urgency: 'same_day', from_stage: 'scan', to_stage: 'report', max_days: 1, source: 'Local policy', local: 1 },
    ]);
    expect((await audits('reference.timeframe_update'))[0]).toMatchObject({ before: null, after: { maxDays: 1 } });
  });
});
