import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../server/domain/roles.ts';
import { logCase } from '../support/cases.ts';
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
  { path: '/cases/:ref', roles: [...ROLES] },
];
const FORMS: { path: string; roles: Role[] }[] = [
  { path: '/admin/users', roles: ['admin'] },
  { path: '/admin/users/:id', roles: ['admin'] },
  { path: '/admin/users/:id/password', roles: ['admin'] },
  { path: '/admin/tokens', roles: ['admin'] },
  { path: '/admin/tokens/:id/revoke', roles: ['admin'] },
];

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

beforeAll(async () => {
  ctx = await createTestApp();
  for (const role of ROLES) {
    await createUser(ctx, role);
    agents[role] = await signedInAgent(ctx, `${role}@test.casebook.test`);
  }
  targetId = (await createUser(ctx, 'trainer', 'target@test.casebook.test')).id;
  caseRef = (await logCase(ctx, { id: targetId, email: 'target@test.casebook.test' })).ref;
});
afterAll(async () => ctx.close());

const url = (path: string) => path.replace(':id', String(targetId)).replace(':ref', caseRef);

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
    const app = ctx.app as unknown as { router: { stack: { route?: { path: string }; handle?: { stack?: { route?: { path: string; methods: Record<string, boolean> } }[] } }[] } };
    const served = new Set<string>();
    for (const layer of app.router.stack) {
      for (const inner of layer.handle?.stack ?? []) {
        if (inner.route) for (const m of Object.keys(inner.route.methods)) served.add(`${m.toUpperCase()} ${inner.route.path}`);
      }
    }
    // API routes authenticate by bearer token (every role may read them), tested in api-*.test.ts.
    const publicOrAuth = ['GET /sign-in', 'POST /sign-in', 'POST /sign-out', 'GET /signed-out', 'GET /api/v1/vocabularies', 'POST /api/v1/cases', 'GET /api/v1/cases/:ref'];
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
