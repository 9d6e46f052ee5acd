import { createAuditService } from '../../server/audit/service.ts';
import { createReviewService } from '../../server/reviews/service.ts';
import { createSearchService } from '../../server/search/service.ts';
import { createTrendService } from '../../server/trends/service.ts';
import type { TestContext } from './test-app.ts';

/** The review service on the test database and clock. */
export function reviewService(ctx: TestContext) {
  const clock = () => new Date(ctx.clock.now);
  const audit = createAuditService(clock);
  return createReviewService({ db: ctx.db, audit, clock, trends: createTrendService({ db: ctx.db, audit, clock }), search: createSearchService({ db: ctx.db }) });
}

/** A whole-organisation review of the quarter, started and signed off by the given user. */
export async function signedOffReview(ctx: TestContext, by: { id: number; email: string }, quarter: string): Promise<number> {
  const reviews = reviewService(ctx);
  const actor = { id: by.id, label: by.email };
  const id = await reviews.start(actor, quarter, []);
  await reviews.signOff(actor, id, 1);
  return id;
}
