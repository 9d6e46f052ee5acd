import type { Actor } from '../server/audit/service.ts';
import type { Role } from '../server/domain/roles.ts';
import type { UserService } from '../server/users/service.ts';

export const DEMO_PASSWORD = 'casebook-demo';
export const DEMO_USERS: { email: string; role: Role }[] = [
  { email: 'safety@demo.casebook.test', role: 'safety' },
  { email: 'director@demo.casebook.test', role: 'director' },
  { email: 'trainer@demo.casebook.test', role: 'trainer' },
  { email: 'admin@demo.casebook.test', role: 'admin' },
];

const SEED_ACTOR: Actor = { id: null, label: 'demo seed' };

/** Adds any demo user that is missing; existing accounts (and changed passwords) are left alone. */
export async function seedDemoUsers(users: UserService): Promise<number> {
  const existing = new Set((await users.list()).map((u) => u.email));
  let added = 0;
  for (const u of DEMO_USERS) {
    if (existing.has(u.email)) continue;
    // The demo password is shorter than the 12 the admin form asks for: it is published, not secret.
    await users.create(SEED_ACTOR, { ...u, password: DEMO_PASSWORD });
    added++;
  }
  return added;
}
