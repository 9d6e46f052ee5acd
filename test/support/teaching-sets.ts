import { createAuditService } from '../../server/audit/service.ts';
import { createTeachingSetService } from '../../server/teaching-sets/service.ts';
import type { TestContext } from './test-app.ts';

/** The teaching set service on the test database, on the test clock. */
export function teachingSetService(ctx: TestContext) {
  const clock = () => new Date(ctx.clock.now);
  return createTeachingSetService({ db: ctx.db, audit: createAuditService(clock), clock });
}

/** Creates a set through the real service as the given user (a trainer), with these cases in order. */
export async function createSet(
  ctx: TestContext,
  author: { id: number; email: string },
  refs: string[] = [],
  change: Partial<{ title: string; description: string; audience: string }> = {},
): Promise<number> {
  const sets = teachingSetService(ctx);
  const actor = { id: author.id, label: author.email };
  const id = await sets.create(actor, { title: 'Unexpected findings on chest X-ray', description: 'Cases where a finding was seen but not acted on.', audience: 'ST1 radiology registrars', version: 1, ...change });
  for (const ref of refs) await sets.addCase(actor, id, ref, '');
  return id;
}
