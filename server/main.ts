/**
 * `npm start`. Reads the configuration and starts the search index's thread before loading the rest
 * of the app (serve.ts): loading express and the other packages takes this thread about 0.7 s, and
 * meanwhile the index's thread loads its own code on the other core.
 */
import { existsSync } from 'node:fs';
import { ConfigError, loadConfig } from './config.ts';
import { shareableDatabase, sqlitePath } from './db/url.ts';
import { createThreadedSearchService } from './search/threaded.ts';
import { createLogger } from './web/logging.ts';

if (existsSync('.env')) process.loadEnvFile('.env');

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
// Where the database is a file, the index lives on a thread of its own with its own connection
// (threaded.ts), its snapshot next to the database: a restart reads the index back instead of
// rebuilding it (snapshot.ts). It touches the database only once asked, after migrations.
const search = shareableDatabase(config.databaseUrl)
  ? createThreadedSearchService({
      databaseUrl: config.databaseUrl,
      snapshotFile: `${sqlitePath(config.databaseUrl)}.search-index`,
      log: (message, fields) => logger.info(fields ?? {}, message),
    })
  : undefined;
const { serve } = await import('./serve.ts');
await serve({ config, logger, ...(search ? { search } : {}) });
