import * as cheerio from 'cheerio';
import type { Express } from 'express';
import request from 'supertest';
import { createApp } from '../../server/app.ts';
import { createAuditService } from '../../server/audit/service.ts';
import { type Config, loadConfig } from '../../server/config.ts';
import { type Db, openDatabase } from '../../server/db/database.ts';
import { migrateToLatest } from '../../server/db/migrator.ts';
import type { SearchService } from '../../server/search/service.ts';
import type { Role } from '../../server/domain/roles.ts';
import { createUserService, type UserService } from '../../server/users/service.ts';

export const TEST_PASSWORD = 'correct horse battery staple';

export type TestContext = {
  app: Express;
  db: Db;
  config: Config;
  users: UserService;
  clock: { now: Date };
  close: () => Promise<void>;
};

/**
 * A real app on a throw-away in-memory database with every migration run. With a database file
 * (`DATABASE_URL`), `search` can be given as `npm start` gives it: the index on its own thread.
 */
export async function createTestApp(env: Record<string, string> = {}, options: { search?: (databaseUrl: string) => SearchService } = {}): Promise<TestContext> {
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: 'sqlite::memory:', ...env });
  const db = openDatabase(config.databaseUrl);
  await migrateToLatest(db);
  const clock = { now: new Date('2026-11-23T10:00:00.000Z') };
  const now = () => new Date(clock.now);
  const users = createUserService({ db, audit: createAuditService(now), clock: now });
  const search = options.search?.(config.databaseUrl);
  const app = createApp({ db, config, clock: now, ...(search ? { search } : {}) });
  return { app, db, config, users, clock, close: async () => (await search?.close(), await db.destroy()) };
}

export async function createUser(ctx: TestContext, role: Role, email = `${role}@test.casebook.test`) {
  return ctx.users.create({ id: null, label: 'test' }, { email, role, password: TEST_PASSWORD });
}

export const csrfFrom = (html: string): string => {
  const token = cheerio.load(html)('input[name="_csrf"]').first().val();
  if (typeof token !== 'string' || !token) throw new Error('no CSRF token on the page');
  return token;
};

/** An agent that keeps cookies, signed in through the real form. */
export async function signedInAgent(ctx: TestContext, email: string, password = TEST_PASSWORD) {
  const agent = request.agent(ctx.app);
  const page = await agent.get('/sign-in').expect(200);
  const res = await agent.post('/sign-in').type('form').send({ email, password, _csrf: csrfFrom(page.text) });
  if (res.status !== 302) throw new Error(`sign-in failed with ${res.status}`);
  return agent;
}

/** GETs a page and returns a token from it, for posting a form as a user would. */
export async function tokenFor(agent: ReturnType<typeof request.agent>, path = '/'): Promise<string> {
  const res = await agent.get(path);
  return csrfFrom(res.text);
}

export const $ = (html: string) => cheerio.load(html);
