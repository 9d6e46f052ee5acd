import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../server/domain/roles.ts';
import { addAction } from '../support/actions.ts';
import { logCase } from '../support/cases.ts';
import { signedOffReview } from '../support/reviews.ts';
import { createSet } from '../support/teaching-sets.ts';
import { $, createTestApp, createUser, signedInAgent, type TestContext } from '../support/test-app.ts';

// Every route and who may use it. A new route that is not listed here fails the "covers every route" test.
const PAGES: { path: string; roles: Role[] | 'public' }[] = [
  { path: '/', roles: [...ROLES] },
  { path: '/accessibility', roles: 'public' },
  { path: '/cookies', roles: 'public' },
  { path: '/admin/users', roles: ['admin'] },
  { path: '/admin/users/new', roles: ['admin'] },
  { path: '/admin/users/:id', roles: ['admin'] },
  { path: '/admin/audit', roles: ['admin'] },
  { path: '/admin/tokens', roles: ['admin'] },
  { path: '/admin/reference-data', roles: ['admin'] },
  { path: '/admin/reference-data/departments', roles: ['admin'] },
  { path: '/admin/reference-data/departments/:code', roles: ['admin'] },
  { path: '/admin/reference-data/timeframes', roles: ['admin'] },
  { path: '/admin/reference-data/timeframes/:urgency/:from/:to', roles: ['admin'] },
  { path: '/admin/reference-data/themes/:theme', roles: ['admin'] },
  { path: '/admin/reference-data/themes/:theme/factors/:code', roles: ['admin'] },
  { path: '/admin/reference-data/:vocabulary', roles: ['admin'] },
  { path: '/admin/reference-data/:vocabulary/:code', roles: ['admin'] },
  { path: '/cases', roles: [...ROLES] },
  { path: '/cases/new', roles: ['safety', 'director'] },
  { path: '/cases/lookup', roles: ['safety', 'director'] },
  { path: '/cases/export.csv', roles: ['safety', 'director', 'trainer'] },
  { path: '/cases/export.xlsx', roles: ['safety', 'director', 'trainer'] },
  { path: '/cases/import', roles: ['safety', 'director'] },
  { path: '/cases/import/template.csv', roles: ['safety', 'director'] },
  { path: '/cases/:ref', roles: [...ROLES] },
  { path: '/cases/:ref/edit', roles: ['safety', 'director'] },
  { path: '/cases/:ref/reopen', roles: ['director'] },
  { path: '/cases/:ref/withdraw', roles: ['safety', 'director'] },
  { path: '/cases/:ref/actions/new', roles: ['safety', 'director'] },
  { path: '/cases/:ref/actions/:actionId', roles: ['safety', 'director'] },
  { path: '/actions', roles: ['safety', 'director'] },
  { path: '/search', roles: [...ROLES] },
  { path: '/reviews', roles: [...ROLES] },
  { path: '/reviews/new', roles: ['director'] },
  { path: '/reviews/compliance', roles: [...ROLES] },
  { path: '/reviews/:reviewId', roles: [...ROLES] },
  { path: '/reviews/:reviewId/learning', roles: [...ROLES] },
  { path: '/reviews/:reviewId/data.csv', roles: [...ROLES] },
  { path: '/reviews/:reviewId/review.pdf', roles: [...ROLES] },
  { path: '/trends', roles: ['director', 'safety', 'trainer'] },
  { path: '/trends/measures', roles: ['director', 'safety', 'trainer'] },
  { path: '/trends/chart', roles: ['director', 'safety', 'trainer'] },
  { path: '/trends/chart.csv', roles: ['director', 'safety', 'trainer'] },
  { path: '/admin/synonyms', roles: ['admin'] },
  { path: '/teaching-sets', roles: [...ROLES] },
  { path: '/teaching-sets/new', roles: ['trainer'] },
  { path: '/teaching-sets/:setId', roles: [...ROLES] },
  { path: '/teaching-sets/:setId/edit', roles: ['trainer'] },
  { path: '/teaching-sets/:setId/teach/:position', roles: [...ROLES] },
  { path: '/teaching-sets/:setId/handout', roles: [...ROLES] },
  { path: '/teaching-sets/:setId/export.csv', roles: [...ROLES] },
  { path: '/teaching-sets/:setId/export.html', roles: [...ROLES] },
];
const FORMS: { path: string; roles: Role[] }[] = [
  { path: '/admin/users', roles: ['admin'] },
  { path: '/admin/users/:id', roles: ['admin'] },
  { path: '/admin/users/:id/password', roles: ['admin'] },
  { path: '/admin/tokens', roles: ['admin'] },
  { path: '/admin/tokens/:id/revoke', roles: ['admin'] },
  { path: '/admin/reference-data/departments', roles: ['admin'] },
  { path: '/admin/reference-data/departments/:code', roles: ['admin'] },
  { path: '/admin/reference-data/departments/:code/status', roles: ['admin'] },
  { path: '/admin/reference-data/timeframes/:urgency/:from/:to', roles: ['admin'] },
  { path: '/admin/reference-data/themes/:theme', roles: ['admin'] },
  { path: '/admin/reference-data/themes/:theme/factors', roles: ['admin'] },
  { path: '/admin/reference-data/themes/:theme/factors/:code', roles: ['admin'] },
  { path: '/admin/reference-data/themes/:theme/factors/:code/status', roles: ['admin'] },
  { path: '/admin/reference-data/:vocabulary', roles: ['admin'] },
  { path: '/admin/reference-data/:vocabulary/:code', roles: ['admin'] },
  { path: '/admin/reference-data/:vocabulary/:code/status', roles: ['admin'] },
  { path: '/admin/reference-data/:vocabulary/:code/move', roles: ['admin'] },
  { path: '/cases', roles: ['safety', 'director'] },
  { path: '/cases/import', roles: ['safety', 'director'] },
  { path: '/cases/:ref/edit', roles: ['safety', 'director'] },
  { path: '/cases/:ref/close', roles: ['safety', 'director'] },
  { path: '/cases/:ref/reopen', roles: ['director'] },
  { path: '/cases/:ref/withdraw', roles: ['safety', 'director'] },
  { path: '/cases/:ref/notes', roles: ['safety', 'director'] },
  { path: '/cases/:ref/actions', roles: ['safety', 'director'] },
  { path: '/cases/:ref/actions/:actionId', roles: ['safety', 'director'] },
  { path: '/admin/synonyms', roles: ['admin'] },
  { path: '/admin/synonyms/:id/retire', roles: ['admin'] },
  { path: '/trends/chart', roles: ['director'] },
  { path: '/trends/rebases/:id/remove', roles: ['director'] },
  { path: '/reviews', roles: ['director'] },
  { path: '/reviews/:reviewId/notes', roles: ['director', 'safety'] },
  { path: '/reviews/:reviewId/actions', roles: ['director'] },
  { path: '/reviews/:reviewId/sign-off', roles: ['director'] },
  { path: '/reviews/:reviewId/correct', roles: ['director'] },
  { path: '/teaching-sets', roles: ['trainer'] },
  { path: '/teaching-sets/add-case', roles: ['trainer'] },
  { path: '/teaching-sets/:setId/edit', roles: ['trainer'] },
  { path: '/teaching-sets/:setId/archive', roles: ['trainer'] },
  { path: '/teaching-sets/:setId/unarchive', roles: ['trainer'] },
  { path: '/teaching-sets/:setId/cases', roles: ['trainer'] },
  { path: '/teaching-sets/:setId/cases/:ref/note', roles: ['trainer'] },
  { path: '/teaching-sets/:setId/cases/:ref/move', roles: ['trainer'] },
  { path: '/teaching-sets/:setId/cases/:ref/remove', roles: ['trainer'] },
];

// Concrete examples for routes whose parameters are not a user id or a case reference.
const EXAMPLES: Record<string, string> = {
  '/admin/reference-data/departments/:code': '/admin/reference-data/departments/north',
  '/admin/reference-data/departments/:code/status': '/admin/reference-data/departments/north/status',
  '/admin/reference-data/timeframes/:urgency/:from/:to': '/admin/reference-data/timeframes/routine/scan/report',
  '/admin/reference-data/themes/:theme': '/admin/reference-data/themes/T2',
  '/admin/reference-data/themes/:theme/factors': '/admin/reference-data/themes/T2/factors',
  '/admin/reference-data/themes/:theme/factors/:code': '/admin/reference-data/themes/T2/factors/T2.01',
  '/admin/reference-data/themes/:theme/factors/:code/status': '/admin/reference-data/themes/T2/factors/T2.01/status',
  '/admin/reference-data/:vocabulary': '/admin/reference-data/modalities',
  '/admin/reference-data/:vocabulary/:code': '/admin/reference-data/modalities/ct',
  '/admin/reference-data/:vocabulary/:code/status': '/admin/reference-data/modalities/ct/status',
  '/admin/reference-data/:vocabulary/:code/move': '/admin/reference-data/modalities/ct/move',
  '/teaching-sets/:setId/teach/:position': '/teaching-sets/:setId/teach/1',
  '/trends/chart': '/trends/chart?measure=theme:T1',
  '/trends/chart.csv': '/trends/chart.csv?measure=theme:T1',
};

const HOME_HEADINGS: Record<Role, string> = {
  safety: 'Patient safety team',
  director: 'Clinical director',
  trainer: 'Trainer',
  admin: 'Administrator',
};

let ctx: TestContext;
const agents = {} as Record<Role, ReturnType<typeof request.agent>>;
let targetId: number;
let caseRef: string;
let actionId: number;
let setId: number;
let reviewId: number;

beforeAll(async () => {
  ctx = await createTestApp();
  for (const role of ROLES) {
    await createUser(ctx, role);
    agents[role] = await signedInAgent(ctx, `${role}@test.casebook.test`);
  }
  targetId = (await createUser(ctx, 'trainer', 'target@test.casebook.test')).id;
  caseRef = (await logCase(ctx, { id: targetId, email: 'target@test.casebook.test' })).ref;
  actionId = await addAction(ctx, { id: targetId, email: 'target@test.casebook.test' }, caseRef);
  setId = await createSet(ctx, { id: targetId, email: 'target@test.casebook.test' }, [caseRef]);
  reviewId = await signedOffReview(ctx, { id: targetId, email: 'target@test.casebook.test' }, '2026-Q1');
});
afterAll(async () => ctx.close());

const url = (path: string) => (EXAMPLES[path] ?? path).replace(':actionId', String(actionId)).replace(':setId', String(setId)).replace(':reviewId', String(reviewId)).replace(':id', String(targetId)).replace(':ref', caseRef);

describe('role checks', () => {
  for (const page of PAGES) {
    for (const role of ROLES) {
      const allowed = page.roles === 'public' || page.roles.includes(role);
      it(`GET ${page.path} as ${role} → ${allowed ? 200 : 403}`, async () => {
        const res = await agents[role].get(url(page.path));
        expect(res.status).toBe(allowed ? 200 : 403);
        if (!allowed) expect($(res.text)('h1').text()).toBe('You do not have access to this page');
      });
    }
    it(`GET ${page.path} signed out → ${page.roles === 'public' ? 200 : 'sign-in'}`, async () => {
      const res = await request(ctx.app).get(url(page.path));
      if (page.roles === 'public') expect(res.status).toBe(200);
      else expect(res.headers.location).toMatch(/^\/sign-in/);
    });
  }

  for (const form of FORMS) {
    for (const role of ROLES.filter((r) => !form.roles.includes(r))) {
      it(`POST ${form.path} as ${role} → 403 and nothing changes`, async () => {
        const token = $((await agents[role].get('/')).text)('input[name="_csrf"], form[action^="/sign-out"]').first();
        const csrf = token.is('input') ? String(token.val()) : new URL(`http://x${token.attr('action')}`).searchParams.get('_csrf')!;
        const before = await ctx.db.selectFrom('users').selectAll().orderBy('id').execute();
        const res = await agents[role].post(url(form.path)).type('form').send({ _csrf: csrf, email: 'new@test.casebook.test', role: 'admin', status: 'active', password: 'a-new-password-123' });
        expect(res.status).toBe(403);
        expect(await ctx.db.selectFrom('users').selectAll().orderBy('id').execute()).toEqual(before);
      });
    }
    it(`POST ${form.path} signed out → 401`, async () => {
      const agent = request.agent(ctx.app);
      const page = await agent.get('/sign-in');
      const csrf = String($(page.text)('input[name="_csrf"]').val());
      await agent.post(url(form.path)).type('form').send({ _csrf: csrf }).expect(401);
    });
  }

  it('covers every route the app serves', () => {
    type Layer = { route?: { path: string; methods: Record<string, boolean> }; handle?: { stack?: Layer[] } };
    const served = new Set<string>();
    // Feature routers nest (cases mounts its list, form and status routers), so walk every level.
    const walk = (stack: Layer[]) => {
      for (const layer of stack) {
        if (layer.route) for (const m of Object.keys(layer.route.methods)) served.add(`${m.toUpperCase()} ${layer.route.path}`);
        if (layer.handle?.stack) walk(layer.handle.stack);
      }
    };
    walk((ctx.app as unknown as { router: { stack: Layer[] } }).router.stack);
    // API routes authenticate by bearer token (every role may read them), tested in api-*.test.ts.
    const publicOrAuth = ['GET /healthz', 'GET /sign-in', 'POST /sign-in', 'POST /sign-out', 'GET /signed-out', 'GET /api/v1/vocabularies', 'POST /api/v1/cases', 'GET /api/v1/cases', 'GET /api/v1/cases/:ref', 'PATCH /api/v1/cases/:ref', 'GET /api/v1/search'];
    const listed = new Set([...PAGES.map((p) => `GET ${p.path}`), ...FORMS.map((f) => `POST ${f.path}`), ...publicOrAuth]);
    expect([...served].filter((r) => !listed.has(r))).toEqual([]);
  });
});

describe('home pages', () => {
  for (const role of ROLES) {
    it(`${role} lands on their own home page with navigation for their role`, async () => {
      const res = await agents[role].get('/').expect(200);
      const $$ = $(res.text);
      expect($$('h1').text()).toBe(HOME_HEADINGS[role]);
      const nav = $$('.nhsuk-header__navigation-list a').map((_, a) => $$(a).attr('href')).get();
      expect(nav).toContain('/');
      if (role === 'admin') expect(nav).toEqual(expect.arrayContaining(['/admin/users', '/admin/audit']));
      else expect(nav).not.toContain('/admin/users');
      expect($$('.nhsuk-header__account').text()).toContain(`${role}@test.casebook.test`);
    });
  }
});
