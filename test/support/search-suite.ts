import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenService } from '../../server/api/tokens.ts';
import { createAuditService } from '../../server/audit/service.ts';
import { formFields, postForm } from './case-form.ts';
import { logCase } from './cases.ts';
import { createSet } from './teaching-sets.ts';
import { $, createUser, signedInAgent, tokenFor, type TestContext } from './test-app.ts';

/**
 * Search through the app's pages and API: run against the index on the request thread (tests'
 * in-memory database) and on its own thread (a database file, as `npm start` runs it).
 */
export function searchSuite(createContext: () => Promise<TestContext>): void {
  let ctx: TestContext;
  let safety: ReturnType<typeof request.agent>;
  let trainer: ReturnType<typeof request.agent>;
  let author: { id: number; email: string };
  let draftRef: string;
  let ctRef: string;

  beforeAll(async () => {
    ctx = await createContext();
    author = await createUser(ctx, 'safety');
    await createUser(ctx, 'trainer');
    // Logged before the index is first built: the index is read from the database.
    ctRef = (await logCase(ctx, author, { title: 'Outsourced CT report delayed three weeks', narrative: 'The outsourcing company returned the CT report 21 days after the scan.', modality: 'ct', themes: [{ theme: 'T3', factors: ['T3.04'] }] })).ref;
    await logCase(ctx, author, { title: 'Chest X-ray nodule not alerted', narrative: 'A lung nodule on a chest radiograph was reported without an alert to the GP.' });
    draftRef = (await logCase(ctx, author, { title: 'Draft about a pelvic ultrasound', narrative: 'Unfinished draft mentioning ultrasound.', submit: false })).ref;
    safety = await signedInAgent(ctx, author.email);
    trainer = await signedInAgent(ctx, 'trainer@test.casebook.test');
  });
  afterAll(async () => ctx.close());

  const apiToken = async () => {
    const clock = () => new Date(ctx.clock.now);
    return (await createTokenService({ db: ctx.db, audit: createAuditService(clock), clock }).create({ id: null, label: 'test' }, author.id, 'api')).token;
  };
  const refsOf = (html: string) => $(html)('.app-result h2 a').map((_, a) => $(html)(a).text().split(':')[0]).get();

  describe('search page', () => {
    it('shows an empty search form first, reachable from the navigation', async () => {
      const $$ = $((await trainer.get('/search').expect(200)).text);
      expect($$('input[name="q"]')).toHaveLength(1);
      expect($$('.app-result')).toHaveLength(0);
      expect($((await trainer.get('/')).text)('header a[href="/search"]')).toHaveLength(1);
    });

    it('finds cases by words, with the matched words marked in an escaped snippet', async () => {
      const res = await trainer.get('/search?q=outsourcing+delay').expect(200);
      expect(refsOf(res.text)[0]).toBe(ctRef);
      expect($(res.text)('.app-snippet mark').length).toBeGreaterThan(0);
    });

    it('uses synonyms: CXR finds a chest radiograph', async () => {
      const res = await trainer.get('/search?q=CXR+nodule').expect(200);
      expect($(res.text)('.app-result h2').first().text()).toContain('Chest X-ray nodule not alerted');
    });

    it('never shows drafts to trainers, but does to the safety team', async () => {
      expect(refsOf((await trainer.get('/search?q=ultrasound')).text)).not.toContain(draftRef);
      expect(refsOf((await safety.get('/search?q=ultrasound')).text)).toContain(draftRef);
      // Nor a spelling found only in a draft: "pelvic" is in the draft alone.
      expect($((await trainer.get('/search?q=pelvik')).text)('#did-you-mean')).toHaveLength(0);
      expect($((await safety.get('/search?q=pelvik')).text)('#did-you-mean').text()).toContain('pelvic');
    });

    it('goes straight to a case whose reference is typed alone, if the user may see it', async () => {
      const typed = await safety.get(`/search?q=+${ctRef.toLowerCase()}+`).expect(302);
      expect(typed.headers.location).toBe(`/cases/${ctRef}`);
      expect((await safety.get(`/search?q=${draftRef}`).expect(302)).headers.location).toBe(`/cases/${draftRef}`);
      // A draft stays hidden from a trainer: an ordinary search, which finds nothing.
      await trainer.get(`/search?q=${draftRef}`).expect(200);
      // With filters, or with other words, it is a search.
      await safety.get(`/search?q=${ctRef}&modality=ct`).expect(200);
      await safety.get(`/search?q=${ctRef}+nodule`).expect(200);
    });

    it('filters by facets with counts, and keeps the query', async () => {
      const res = await trainer.get('/search?q=report&modality=ct').expect(200);
      const $$ = $(res.text);
      expect(refsOf(res.text)).toEqual([ctRef]);
      expect($$('input[type="checkbox"][name="modality"][value="ct"]').attr('checked')).toBeDefined();
      expect($$('label[for^="facet-modality"]').first().text()).toMatch(/\(\d+\)/);
    });

    it('never errors on bad syntax, and helps when nothing is found', async () => {
      await trainer.get('/search?q=%22unbalanced+-+OR').expect(200);
      const none = $((await trainer.get('/search?q=zebra&modality=ct')).text);
      expect(none('h2').text()).toContain('No cases found');
      expect(none('#no-results-help a').first().attr('href')).toBe('/search?q=zebra');
    });

    it('says what is wrong with a page number', async () => {
      for (const [page, message] of [['-1', 'Page must be 1 or more'], ['99999999', 'Page must be 1,000 or less'], ['2.5', 'Page must be a whole number'], ['abc', 'Page must be a number']]) {
        const res = await trainer.get(`/search?q=ct&page=${page}`).expect(400);
        expect($(res.text)('.nhsuk-error-summary').text()).toContain(message);
      }
    });

    it('offers a spelling fix for a misspelt word', async () => {
      const $$ = $((await trainer.get('/search?q=outsorcing')).text);
      expect($$('.app-result').length + $$('#did-you-mean').length).toBeGreaterThan(0);
    });

    it('shows each result with its title, month and themes, and a new title on the very next request', async () => {
      const saved = await postForm(safety, '/cases', formFields({ title: 'Quadriceps tear on knee MRI', themes: ['T3', 'T1'], factors: ['T3.04', 'T1.01'] }));
      const ref = saved.headers.location!.replace('/cases/', '');
      const result = () => trainer.get('/search?q=quadriceps').then((res) => $(res.text)('.app-result'));
      expect((await result()).find('h2').text()).toContain('Quadriceps tear on knee MRI');
      expect((await result()).find('p').first().text()).toMatch(/April 2026\s+T1\s+T3/);
      await postForm(safety, `/cases/${ref}/edit`, formFields({ title: 'Quadriceps tendon tear on knee MRI', themes: ['T3', 'T1'], factors: ['T3.04', 'T1.01'], version: '1', intent: 'save' }), `/cases/${ref}/edit`);
      expect((await result()).find('h2').text()).toContain('Quadriceps tendon tear on knee MRI');
      const api = await request(ctx.app).get('/api/v1/search?q=quadriceps').set('authorization', `Bearer ${await apiToken()}`).expect(200);
      expect(api.body.items.map((i: { ref: string; title: string }) => [i.ref, i.title])).toEqual([[ref, 'Quadriceps tendon tear on knee MRI']]);
    });

    it('sees a case saved through the form on the very next request, and drops a withdrawn one', async () => {
      const saved = await postForm(safety, '/cases', formFields({ title: 'Zygomatic fracture missed on facial views', narrative: 'The zygomatic arch fracture was not reported.' }));
      const ref = saved.headers.location!.replace('/cases/', '');
      expect(refsOf((await trainer.get('/search?q=zygomatic')).text)).toEqual([ref]);
      await safety.post(`/cases/${ref}/notes`).type('form').send({ _csrf: await tokenFor(safety, `/cases/${ref}`), note: 'Discussed with the maxillofacial team.' });
      expect(refsOf((await trainer.get('/search?q=maxillofacial')).text)).toEqual([ref]);
      await safety.post(`/cases/${ref}/withdraw`).type('form').send({ _csrf: await tokenFor(safety, `/cases/${ref}/withdraw`), reason: 'Logged in error', version: '1' });
      expect(refsOf((await trainer.get('/search?q=zygomatic')).text)).toEqual([]);
    });
  });

  describe('teaching sets from search results', () => {
    it('offers one hint without a set, then an "add to set" form on each result', async () => {
      const before = $((await trainer.get('/search?q=report')).text);
      expect(before('a[href="/teaching-sets/new"]')).toHaveLength(1);
      expect(before('.app-result form[action="/teaching-sets/add-case"]')).toHaveLength(0);
      const trainerUser = (await ctx.users.list()).find((u) => u.role === 'trainer')!;
      await createSet(ctx, trainerUser, [], { title: 'Delays' });
      const after = $((await trainer.get('/search?q=report')).text);
      expect(after('.app-result form[action="/teaching-sets/add-case"]').length).toBeGreaterThan(0);
      expect(after('.app-result input[name="returnTo"]').first().val()).toBe('/search?q=report');

      // Back on the results, the page says what happened: added, or why not.
      const form = after('.app-result form[action="/teaching-sets/add-case"]').first();
      const fields = { _csrf: await tokenFor(trainer, '/search?q=report'), ref: String(form.find('input[name="ref"]').val()), returnTo: '/search?q=report' };
      const added = await trainer.post('/teaching-sets/add-case').type('form').send({ ...fields, setId: String(form.find('select option[value!=""]').first().val()) });
      expect(added.headers.location).toBe('/search?q=report');
      expect($((await trainer.get('/search?q=report')).text)('.nhsuk-notification-banner--success').text()).toContain(`${fields.ref} has been added to ‘Delays’`);
      await trainer.post('/teaching-sets/add-case').type('form').send({ ...fields, setId: '' });
      const unchosen = $((await trainer.get('/search?q=report')).text);
      expect(unchosen('.nhsuk-notification-banner--success')).toHaveLength(0);
      expect(unchosen('.nhsuk-notification-banner').text()).toContain('Choose a teaching set to add the case to');
    });
  });

  describe('similar cases', () => {
    it('lists similar cases on a case page with why they matched', async () => {
      const saved = await postForm(safety, '/cases', formFields({ title: 'Outsourced CT head report late', narrative: 'The outsourcing company took 18 days to report the CT head.', modality: 'ct', themes: ['T3'], factors: ['T3.04'] }));
      const other = saved.headers.location!.replace('/cases/', '');
      const $$ = $((await trainer.get(`/cases/${ctRef}`)).text);
      const similar = $$('#similar').next('ul').text();
      expect(similar).toContain(other);
      expect(similar).toContain('T3.04');
    });

    it('never gives a placeholder as a shared word', async () => {
      const one = (await postForm(safety, '/cases', formFields({ title: 'Mammogram recall letter lost', narrative: 'Seen on [date] by [name]; the mammogram recall letter was lost.' }))).headers.location!;
      await postForm(safety, '/cases', formFields({ title: 'Mammogram recall letter misfiled', narrative: 'Reported on [date] by [name]; the mammogram recall letter was misfiled.' }));
      const $$ = $((await safety.get(one)).text);
      const words = $$('#similar').next('ul').text();
      expect(words).toContain('mammogram');
      expect(words).not.toMatch(/\b(date|name)\b/);
    });

    it('suggests similar cases on the form, and links one as a repeat without JavaScript', async () => {
      const fields = formFields({ title: 'Outsourced CT report delayed', narrative: 'The outsourcing company reported the CT late.', themes: ['T3'], factors: ['T3.04'] });
      const checked = await postForm(safety, '/cases', { ...fields, similar: '1' });
      expect(checked.status).toBe(200);
      const $$ = $(checked.text);
      const add = $$(`button[name="addRepeat"][value="${ctRef}"]`);
      expect(add).toHaveLength(1);
      const added = await postForm(safety, '/cases', { ...fields, addRepeat: ctRef });
      expect($(added.text)('#repeats').val()).toBe(ctRef);
    });
  });

  describe('GET /api/v1/search', () => {
    it('answers with total, items (ref, title, snippet, score) and facets', async () => {
      const token = await apiToken();
      const res = await request(ctx.app).get('/api/v1/search?q=outsourcing&modality=ct').set('Authorization', `Bearer ${token}`).expect(200);
      expect(res.body.total).toBeGreaterThan(0);
      expect(res.body.items[0]).toMatchObject({ ref: expect.stringMatching(/^CB-/), title: expect.any(String), snippet: expect.any(String), score: expect.any(Number) });
      expect(res.body.facets.modality).toEqual(expect.arrayContaining([expect.objectContaining({ value: 'ct' })]));
      expect((await request(ctx.app).get('/api/v1/search?q=x&limit=500').set('Authorization', `Bearer ${token}`)).status).toBe(400);
    });

    it('refuses filter codes no list holds, as the case list does, rather than answer "nothing found"', async () => {
      const token = await apiToken();
      const bad = await request(ctx.app).get('/api/v1/search?q=report&theme=T9&theme=T2&modality=zz&year=26').set('Authorization', `Bearer ${token}`).expect(400);
      expect(bad.body.error.details).toEqual([
        { field: 'theme', message: 'T9 is not a theme code: use the codes of GET /api/v1/vocabularies' },
        { field: 'modality', message: 'zz is not a modality code: use the codes of GET /api/v1/vocabularies' },
        { field: 'year', message: '26 is not a year: give years like 2026' },
      ]);
      await request(ctx.app).get('/api/v1/search?q=report&theme=T2&year=2026').set('Authorization', `Bearer ${token}`).expect(200);
    });
  });

  describe('admin synonyms', () => {
    it('adds a group that search uses at once, audited, and removes it', async () => {
      await createUser(ctx, 'admin');
      const admin = await signedInAgent(ctx, 'admin@test.casebook.test');
      const page = $((await admin.get('/admin/synonyms').expect(200)).text);
      expect(page('details').text()).toContain('CXR');
      const saved = await postForm(safety, '/cases', formFields({ title: 'Zygoma fracture missed on facial views', narrative: 'A zygoma fracture was not reported.' }));
      const ref = saved.headers.location!.replace('/cases/', '');
      expect(refsOf((await trainer.get('/search?q=cheekbone')).text)).toEqual([]);

      const bad = await admin.post('/admin/synonyms').type('form').send({ _csrf: await tokenFor(admin, '/admin/synonyms'), terms: 'cheekbone' });
      expect(bad.status).toBe(400);
      expect($(bad.text)('.nhsuk-error-summary a').attr('href')).toBe('#terms');
      const res = await admin.post('/admin/synonyms').type('form').send({ _csrf: await tokenFor(admin, '/admin/synonyms'), terms: 'zygoma, cheekbone' });
      expect(res.status).toBe(303);
      expect(refsOf((await trainer.get('/search?q=cheekbone')).text)).toEqual([ref]);
      const row = await ctx.db.selectFrom('search_synonyms').selectAll().executeTakeFirstOrThrow();
      expect(row.terms).toBe('zygoma|cheekbone');
      expect(await ctx.db.selectFrom('audit_events').select('action').where('action', '=', 'search.synonym_create').execute()).toHaveLength(1);

      await admin.post(`/admin/synonyms/${row.id}/retire`).type('form').send({ _csrf: await tokenFor(admin, '/admin/synonyms') }).expect(303);
      expect(refsOf((await trainer.get('/search?q=cheekbone')).text)).toEqual([]);
    });
  });

  describe('reference data and search', () => {
    it('finds cases by a vocabulary label an admin has just changed', async () => {
      const admin = await signedInAgent(ctx, 'admin@test.casebook.test');
      const res = await admin.post('/admin/reference-data/modalities/ct').type('form').send({ _csrf: await tokenFor(admin, '/admin/reference-data/modalities/ct'), label: 'Computerised tomoscanner' });
      expect(res.headers.location).toBe('/admin/reference-data/modalities');
      await expect.poll(async () => refsOf((await trainer.get('/search?q=tomoscanner')).text), { timeout: 5000 }).toContain(ctRef);
    });
  });
}
