import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenService } from '../../server/api/tokens.ts';
import { createAuditService } from '../../server/audit/service.ts';
import { createTestApp, createUser, type TestContext } from '../support/test-app.ts';

let ctx: TestContext;
let tokens: ReturnType<typeof createTokenService>;
let token: string;
let tokenId: number;
const actor = { id: null, label: 'test' };

beforeAll(async () => {
  ctx = await createTestApp();
  const clock = () => new Date(ctx.clock.now);
  tokens = createTokenService({ db: ctx.db, audit: createAuditService(clock), clock });
  const user = await createUser(ctx, 'safety');
  ({ token, id: tokenId } = await tokens.create(actor, user.id, 'integration test'));
});
afterAll(async () => ctx.close());

const get = (path: string, bearer?: string) => {
  const r = request(ctx.app).get(path);
  return bearer ? r.set('Authorization', `Bearer ${bearer}`) : r;
};

describe('API authentication', () => {
  it('answers 401 in the error contract without a token', async () => {
    const res = await get('/api/v1/vocabularies').expect(401);
    expect(res.body).toEqual({ error: { code: 'unauthorised', message: expect.stringContaining('Bearer'), details: null } });
  });

  it('answers 401 for an unknown token', async () => {
    const res = await get('/api/v1/vocabularies', 'cb_not-a-real-token').expect(401);
    expect(res.body.error.code).toBe('unauthorised');
  });

  it('stores only a hash of the token', async () => {
    const rows = await ctx.db.selectFrom('api_tokens').select('token_hash').execute();
    expect(rows.map((r) => r.token_hash)).not.toContain(token);
    expect(rows[0]!.token_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('answers 404 JSON for an unknown endpoint', async () => {
    const res = await get('/api/v1/nothing-here', token).expect(404);
    expect(res.body.error.code).toBe('not_found');
  });

  it('refuses a revoked token, and audits the revocation', async () => {
    const user = await createUser(ctx, 'trainer');
    const t = await tokens.create(actor, user.id, 'to revoke');
    await get('/api/v1/vocabularies', t.token).expect(200);
    expect(await tokens.revoke(actor, t.id)).toBe(true);
    await get('/api/v1/vocabularies', t.token).expect(401);
    const events = await ctx.db.selectFrom('audit_events').select('action').where('entity_type', '=', 'api_token').execute();
    expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(['token.create', 'token.revoke']));
  });

  it("refuses the token of a deactivated user", async () => {
    const user = await createUser(ctx, 'director');
    const t = await tokens.create(actor, user.id, 'leaver');
    await ctx.users.update(actor, user.id, { role: 'director', active: false });
    await get('/api/v1/vocabularies', t.token).expect(401);
  });
});

describe('GET /api/v1/vocabularies', () => {
  it('lists every controlled vocabulary as { code, label }', async () => {
    const res = await get('/api/v1/vocabularies', token).expect(200);
    const v = res.body;
    expect(Object.keys(v).sort()).toEqual(['ageBands', 'alertCategories', 'bodyAreas', 'departments', 'harms', 'modalities', 'settings', 'sources', 'themes', 'urgencies'].sort());
    expect(v.themes.map((t: { code: string }) => t.code)).toEqual(['T1', 'T2', 'T3', 'T4']);
    for (const theme of v.themes) {
      expect(theme.factors.length).toBeGreaterThanOrEqual(6);
      expect(theme.factors.length).toBeLessThanOrEqual(10);
      for (const f of theme.factors) expect(f.code).toMatch(new RegExp(`^${theme.code}\\.\\d{2}$`));
    }
    expect(v.harms.map((h: { code: string }) => h.code)).toEqual(['no', 'low', 'moderate', 'severe', 'fatal']);
    expect(v.ageBands.map((a: { code: string }) => a.code)).toEqual(['0-15', '16-39', '40-64', '65-79', '80+']);
    expect(v.sources).toContainEqual({ code: 'phso', label: 'PHSO complaint' });
    expect(v.modalities).toContainEqual({ code: 'ct', label: 'CT' });
    expect(v.urgencies).toContainEqual({ code: 'cancer_2ww', label: 'Suspected cancer (2WW)' });
    expect(v.alertCategories.map((a: { code: string }) => a.code)).toEqual(['critical', 'urgent', 'significant', 'cancer', 'none']);
    for (const list of ['sources', 'modalities', 'bodyAreas', 'settings', 'urgencies', 'alertCategories', 'harms', 'ageBands']) {
      for (const t of v[list]) expect(Object.keys(t).sort()).toEqual(['code', 'label']);
    }
  });

  it('records when a token was last used', async () => {
    const [row] = await ctx.db.selectFrom('api_tokens').select('last_used_at').where('id', '=', tokenId).execute();
    expect(row!.last_used_at).not.toBeNull();
  });
});

describe('npm run token', () => {
  it('prints a working token alone on the last line', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'casebook-token-'));
    const env = { ...process.env, DATABASE_URL: `sqlite:${path.join(dir, 'db.sqlite')}`, LOG_LEVEL: 'silent', NODE_ENV: 'development' };
    try {
      const run = promisify(execFile);
      await run('npx', ['tsx', 'seed/seed-cli.ts'], { env });
      const { stdout } = await run('npx', ['tsx', 'server/users/token-cli.ts', '--email', 'trainer@demo.casebook.test'], { env });
      const last = stdout.trim().split('\n').at(-1)!;
      expect(last).toMatch(/^cb_[A-Za-z0-9_-]{43}$/);
      const missing = run('npx', ['tsx', 'server/users/token-cli.ts', '--email', 'nobody@nowhere.test'], { env });
      await expect(missing).rejects.toMatchObject({ code: 1 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
