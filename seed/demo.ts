import type { CaseService } from '../server/cases/service.ts';
import type { Db } from '../server/db/database.ts';
import type { UserService } from '../server/users/service.ts';
import { insertDepartmentIfMissing } from '../server/vocabularies/repository.ts';
import { seedDemoActivity } from './demo-activity.ts';
import { seedDemoCases } from './demo-cases.ts';
import { seedDemoReviews } from './demo-reviews.ts';
import { seedDemoUsers } from './demo-users.ts';
import { DEMO_DEPARTMENTS } from './reference/2026-11-23.ts';

/** Everything the demo needs, added only where missing, so running it twice changes nothing. */
export async function seedDemo(deps: { db: Db; users: UserService; cases: CaseService; now: Date }) {
  let departments = 0;
  for (const d of DEMO_DEPARTMENTS) if (await insertDepartmentIfMissing(deps.db, d.code, d.label)) departments++;
  const users = await seedDemoUsers(deps.users);
  const author = (await deps.users.list()).find((u) => u.email === 'safety@demo.casebook.test');
  const director = (await deps.users.list()).find((u) => u.email === 'director@demo.casebook.test');
  const cases = author ? await seedDemoCases({ db: deps.db, cases: deps.cases, actor: deps.users.actorFor(author), now: deps.now }) : 0;
  const activity =
    author && director
      ? await seedDemoActivity({
          db: deps.db,
          author: { ...deps.users.actorFor(author), role: author.role },
          director: { ...deps.users.actorFor(director), role: director.role },
          now: deps.now,
        })
      : { notes: 0, actions: 0 };
  const reviews = director ? await seedDemoReviews({ db: deps.db, director: deps.users.actorFor(director), now: deps.now }) : 0;
  return { users, departments, cases, ...activity, reviews };
}
