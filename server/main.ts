import { monitorEventLoopDelay } from 'node:perf_hooks';
import { seedDemo } from '../seed/demo.ts';
import { DEMO_PASSWORD, DEMO_USERS } from '../seed/demo-users.ts';
import { createApp } from './app.ts';
import { createSearchService } from './search/service.ts';
import { createThreadedSearchService } from './search/threaded.ts';
import { cubeOf } from './trends/cube.ts';
import { createAuditService } from './audit/service.ts';
import { ConfigError, loadConfig, loadDotEnv } from './config.ts';
import { openDatabase, shareableDatabase, sqlitePath } from './db/database.ts';
import { migrateToLatest } from './db/migrator.ts';
import { createCaseService } from './cases/service.ts';
import { createUserService } from './users/service.ts';
import { createLogger } from './web/logging.ts';

loadDotEnv();

let config;
try {
  config = loadConfig();
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}

const logger = createLogger(config.logLevel);
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
// The search index builds in the background, on a thread of its own where the database can be
// opened twice (threaded.ts): the app answers meanwhile, and a search waits for the index rather than
// the whole start-up waiting for it. Its snapshot sits next to the database file: a restart reads the
// index back instead of rebuilding it (snapshot.ts).
const indexLog = (message: string, fields?: Record<string, unknown>) => logger.info(fields ?? {}, message);
const search = shareableDatabase(config.databaseUrl)
  ? createThreadedSearchService({ databaseUrl: config.databaseUrl, snapshotFile: `${sqlitePath(config.databaseUrl)}.search-index`, log: indexLog })
  : createSearchService({ db, log: indexLog });
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
