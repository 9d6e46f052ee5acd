import { parseArgs } from 'node:util';
import { createTokenService } from '../api/tokens.ts';
import { createAuditService } from '../audit/service.ts';
import { loadConfig, loadDotEnv } from '../config.ts';
import { openDatabase } from '../db/database.ts';
import { migrateToLatest } from '../db/migrator.ts';
import * as repo from './repository.ts';
import { normaliseEmail } from './service.ts';

// `npm run token -- --email <user email> [--label <what it is for>]`: the token alone on the last line.
const { values } = parseArgs({ options: { email: { type: 'string' }, label: { type: 'string' } } });
if (!values.email) {
  console.error('Usage: npm run token -- --email <user email> [--label <what the token is for>]');
  process.exit(2);
}
loadDotEnv();
const config = loadConfig();
const db = openDatabase(config.databaseUrl);
try {
  await migrateToLatest(db);
  const user = await repo.findByEmail(db, normaliseEmail(values.email));
  if (!user || user.active !== 1) {
    console.error(`No active user with the email address ${values.email}`);
    process.exitCode = 1;
  } else {
    const clock = () => new Date();
    const tokens = createTokenService({ db, audit: createAuditService(clock), clock });
    const { token } = await tokens.create({ id: null, label: 'command line' }, user.id, values.label ?? 'Created with npm run token');
    console.error(`API token for ${user.email} (${user.role}). It is shown once: keep it secret.`);
    console.log(token);
  }
} finally {
  await db.destroy();
}
