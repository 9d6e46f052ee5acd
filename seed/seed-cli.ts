import { createAuditService } from '../server/audit/service.ts';
import { loadConfig, loadDotEnv } from '../server/config.ts';
import { openDatabase } from '../server/db/database.ts';
import { migrateToLatest } from '../server/db/migrator.ts';
import { createCaseService } from '../server/cases/service.ts';
import { createUserService } from '../server/users/service.ts';
import { seedDemo } from './demo.ts';
import { DEMO_PASSWORD, DEMO_USERS } from './demo-users.ts';

// `npm run seed`: migrates, then adds the demo data. Refused in production by config.
loadDotEnv();
const config = loadConfig();
if (!config.seedDemo) {
  console.error('Demo seeding is turned off (SEED_DEMO=false or production).');
  process.exit(1);
}
const db = openDatabase(config.databaseUrl);
try {
  await migrateToLatest(db);
  const clock = () => new Date();
  const audit = createAuditService(clock);
  const added = await seedDemo({ db, users: createUserService({ db, audit, clock }), cases: createCaseService({ db, audit, clock }), now: clock() });
  console.log(`Added ${added.users} demo user(s), ${added.departments} department(s) and ${added.cases} case(s). Demo sign-ins (password ${DEMO_PASSWORD}): ${DEMO_USERS.map((u) => u.email).join(', ')}`);
} finally {
  await db.destroy();
}
