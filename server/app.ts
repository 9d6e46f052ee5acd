import { csrfSync } from 'csrf-sync';
import express, { type Express } from 'express';
import session from 'express-session';
import { sql } from './db/kysely.ts';
import type { Logger } from 'pino';
import { actionRoutes } from './actions/routes.ts';
import { createActionService } from './actions/service.ts';
import { apiRoutes } from './api/routes.ts';
import { tokenRoutes } from './api/token-routes.ts';
import { createTokenService } from './api/tokens.ts';
import { auditAdminReads } from './audit/admin-reads.ts';
import { auditRoutes } from './audit/routes.ts';
import { createAuditService } from './audit/service.ts';
import { loadUser } from './auth/middleware.ts';
import { caseRoutes } from './cases/routes.ts';
import { createNoteService } from './cases/notes.ts';
import { createCaseService } from './cases/service.ts';
import { authRoutes } from './auth/routes.ts';
import { DatabaseSessionStore } from './auth/session-store.ts';
import type { Config } from './config.ts';
import type { Db } from './db/database.ts';
import { homeRoutes } from './home/routes.ts';
import { teachingSetRoutes } from './teaching-sets/routes.ts';
import { createTeachingSetService } from './teaching-sets/service.ts';
import { userRoutes } from './users/routes.ts';
import { createUserService } from './users/service.ts';
import { searchRoutes } from './search/routes.ts';
import { trendRoutes } from './trends/routes.ts';
import { reviewRoutes } from './reviews/routes.ts';
import { createReviewService } from './reviews/service.ts';
import { createTrendService } from './trends/service.ts';
import { synonymRoutes } from './search/synonym-routes.ts';
import { createSearchService, type SearchService } from './search/service.ts';
import { referenceDataRoutes } from './vocabularies/admin-routes.ts';
import { referenceDataChanged } from './vocabularies/changes.ts';
import { errorHandler, notFoundHandler } from './web/error-handler.ts';
import { createLogger, requestLogging } from './web/logging.ts';
import { navigationFor } from './web/navigation.ts';
import { cspNonce, securityHeaders } from './web/security.ts';
import { createViewEngine } from './web/view-engine.ts';
import { publicDir, viewsDir } from './paths.ts';

export type AppDeps = {
  db: Db;
  config: Config;
  clock?: () => Date;
  logger?: Logger;
  /** Built by main.ts before listening; tests let the app build its own on first use. */
  search?: SearchService;
};

export const SESSION_COOKIE = 'casebook.sid';
const ASSET_PATH = /^\/(css|js|vendor)\//;

/** Builds the whole app from its dependencies. Never listens and keeps no global state. */
export function createApp(deps: AppDeps): Express {
  const { db, config } = deps;
  const clock = deps.clock ?? (() => new Date());
  const logger = deps.logger ?? createLogger(config.logLevel);
  const audit = createAuditService(clock);
  const users = createUserService({ db, audit, clock });
  const tokens = createTokenService({ db, audit, clock });
  const search = deps.search ?? createSearchService({ db });
  const onChange = (refs: string[]) => search.refresh(...refs);
  const cases = createCaseService({ db, audit, clock, onChange });
  const notes = createNoteService({ db, audit, clock, onChange });
  const actions = createActionService({ db, audit, clock });
  const teachingSets = createTeachingSetService({ db, audit, clock });
  const trends = createTrendService({ db, audit, clock });
  const reviews = createReviewService({ db, audit, clock, trends, search });

  const app = express();
  app.disable('x-powered-by');
  if (config.trustProxy) app.set('trust proxy', 1);
  const engine = createViewEngine();
  app.engine('hbs', engine.engine);
  app.set('view engine', 'hbs');
  app.set('views', viewsDir);

  app.use(cspNonce, securityHeaders(config.production));
  // Only asset paths reach the file system: otherwise every page request would cost a failed stat.
  const assets = express.static(publicDir, { maxAge: config.production ? '1d' : 0, index: false });
  app.use((req, res, next) => (ASSET_PATH.test(req.path) ? assets(req, res, next) : next()));
  app.use(requestLogging(logger));

  app.get('/healthz', async (_req, res) => {
    await sql`select 1`.execute(db);
    res.json({ status: 'ok' });
  });
  // The API authenticates by bearer token alone, so it sits before sessions and CSRF.
  app.use(apiRoutes({ db, audit, tokens, users, cases, search }));

  app.use(express.urlencoded({ extended: false, limit: '200kb', parameterLimit: 500 }));
  app.use(
    session({
      name: SESSION_COOKIE,
      secret: config.sessionSecret,
      store: new DatabaseSessionStore(db, config.sessionTtlMinutes * 60_000, clock),
      resave: false,
      saveUninitialized: false,
      rolling: true,
      cookie: { httpOnly: true, sameSite: 'lax', secure: config.production, maxAge: config.sessionTtlMinutes * 60_000 },
    }),
  );
  const { csrfSynchronisedProtection, generateToken } = csrfSync({
    getTokenFromRequest: (req) => {
      if (typeof req.body?._csrf === 'string') return req.body._csrf;
      // The NHS header's sign-out button is a bare form, and a multipart upload's body is not parsed
      // before this check: for these two the token travels in the action URL.
      if ((req.path === '/sign-out' || req.path === '/cases/import') && typeof req.query._csrf === 'string') return req.query._csrf;
      return undefined;
    },
  });
  app.use(csrfSynchronisedProtection);
  app.use(loadUser(users));
  app.use(auditAdminReads(db, audit, users));
  app.use((req, res, next) => {
    res.locals.csrfToken = generateToken(req);
    res.locals.navigation = req.user ? navigationFor(req.user.role, req.path) : [];
    res.locals.currentPath = req.path;
    next();
  });

  app.use(homeRoutes(cases, actions, reviews, db));
  app.use(authRoutes(users));
  app.use(userRoutes(users));
  app.use(auditRoutes(db, audit, users));
  app.use(tokenRoutes(tokens, users));
  app.use(caseRoutes({ db, cases, notes, audit, users, actions, teachingSets, search, clock }));
  app.use(actionRoutes({ db, audit, users, clock }));
  app.use(synonymRoutes({ db, audit, users, search, clock }));
  // Labels are searched words: after a change to reference data the index is rebuilt in the background.
  app.use('/admin/reference-data', (req, res, next) => {
    if (req.method === 'POST')
      res.on('finish', () => {
        if (res.statusCode >= 400) return;
        // Again after the response, when the change has surely committed.
        referenceDataChanged();
        void search.rebuild();
      });
    next();
  });
  app.use(referenceDataRoutes({ db, audit, users, clock }));
  app.use(teachingSetRoutes({ db, audit, users, cases, clock }));
  app.use(searchRoutes({ db, search, teachingSets }));
  app.use(trendRoutes({ db, trends, users, clock }));
  app.use(reviewRoutes({ db, reviews, users, clock }));

  app.use(notFoundHandler);
  app.use(errorHandler(config.production));
  return app;
}
