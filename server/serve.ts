import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Logger } from 'pino';
import { seedDemo } from '../seed/demo.ts';
import { DEMO_PASSWORD, DEMO_USERS } from '../seed/demo-users.ts';
import { createApp } from './app.ts';
import { createAuditService } from './audit/service.ts';
import { createCaseService } from './cases/service.ts';
import type { Config } from './config.ts';
import { openDatabase } from './db/database.ts';
import { migrateToLatest } from './db/migrator.ts';
import { createSearchService, type SearchService } from './search/service.ts';
import { cubeOf } from './trends/cube.ts';
import { createUserService } from './users/service.ts';

/** What `npm start` runs once main.ts has read the configuration: migrate, seed, listen. */
export async function serve(deps: { config: Config; logger: Logger; search?: SearchService }): Promise<void> {
  const { config, logger } = deps;
  const db = openDatabase(config.databaseUrl);
  await migrateToLatest(db);

  if (config.seedDemo) {
    const clock = () => new Date();
    const audit = createAuditService(clock);
    await seedDemo({ db, users: createUserService({ db, audit, clock }), cases: createCaseService({ db, audit, clock }), now: clock() });
  }

  // Opt-in for `npm run bench`: the longest event-loop block while the index loads, on stderr once it is
  // ready (before any search waiting for it runs). Watched from listening on: until then no request
  // can be kept waiting.
  const loopDelay = process.env.CASEBOOK_REPORT_EVENT_LOOP === '1' ? monitorEventLoopDelay({ resolution: 10 }) : undefined;
  // The search index builds in the background (on its thread, started by main.ts, where the database
  // is a file): the app answers meanwhile, and a search waits for the index rather than the whole
  // start-up waiting for it.
  const search = deps.search ?? createSearchService({ db, log: (message, fields) => logger.info(fields ?? {}, message) });
  const indexStarted = Date.now();
  void search.ready().then(async () => {
    logger.info({ ms: Date.now() - indexStarted }, 'search index ready');
    if (loopDelay) console.error(`event-loop-max-ms ${loopDelay.max / 1e6}`);
    // Then the cases trends count, so the first chart does not wait for them either.
    const cubeStarted = Date.now();
    await cubeOf(db).current();
    logger.info({ ms: Date.now() - cubeStarted }, 'trend counts ready');
  });

  const app = createApp({ db, config, logger, search });
  const server = app.listen(config.port, config.host, () => {
    loopDelay?.enable();
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    console.log(`Casebook running at http://localhost:${port}`);
    if (config.seedDemo) {
      console.log(`Demo sign-ins (password "${DEMO_PASSWORD}"):`);
      for (const u of DEMO_USERS) console.log(`  ${u.role.padEnd(8)} ${u.email}`);
    }
  });

  function shutdown(signal: string) {
    logger.info({ signal }, 'shutting down');
    server.close(() => {
      // A snapshot half-written would be thrown away; let it finish (within the limit below).
      void search
        .close()
        .then(() => db.destroy())
        .then(() => process.exit(0));
    });
    // Keep-alive connections can hold close() open; do not wait for ever.
    setTimeout(() => process.exit(0), 5000).unref();
  }
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}
