import { loadConfig, loadDotEnv } from '../config.ts';
import { openDatabase } from './database.ts';
import { migrateDownToNothing, migrateToLatest } from './migrator.ts';

// `npm run migrate` migrates to the latest; `npm run migrate -- --down` undoes every migration.
loadDotEnv();
const config = loadConfig();
const db = openDatabase(config.databaseUrl);
try {
  const down = process.argv.includes('--down');
  const result = down ? await migrateDownToNothing(db) : await migrateToLatest(db);
  const ran = result.results ?? [];
  if (ran.length === 0) console.log('Database is up to date.');
  for (const r of ran) console.log(`${r.direction === 'Up' ? 'Applied' : 'Reverted'} ${r.migrationName}`);
} finally {
  await db.destroy();
}
