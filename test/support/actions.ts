import { createActionService } from '../../server/actions/service.ts';
import { createAuditService } from '../../server/audit/service.ts';
import type { TestContext } from './test-app.ts';

/** The action service on the test database, on the test clock. */
export function actionService(ctx: TestContext) {
  const clock = () => new Date(ctx.clock.now);
  return createActionService({ db: ctx.db, audit: createAuditService(clock), clock });
}

/** Adds an open action to a case through the real service, as the given user. */
export async function addAction(
  ctx: TestContext,
  author: { id: number; email: string },
  caseRef: string,
  change: Partial<{ description: string; owner: string; dueDate: string }> = {},
): Promise<number> {
  const actions = actionService(ctx);
  const found = await actions.findCase(caseRef);
  if (!found) throw new Error(`no case ${caseRef}`);
  return actions.create({ id: author.id, label: author.email }, found, {
    description: 'Add a cancer alert to every report that recommends CT for a nodule',
    owner: 'reporting-radiologists',
    dueDate: '2026-12-31',
    ...change,
  });
}
