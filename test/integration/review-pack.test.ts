import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuditService } from '../../server/audit/service.ts';
import { createCaseService } from '../../server/cases/service.ts';
import { monthsOf } from '../../server/domain/quarters.ts';
import { reviewQuarters } from '../../server/reviews/assemble.ts';
import { createReviewService } from '../../server/reviews/service.ts';
import type { ReviewPack } from '../../server/reviews/types.ts';
import { createSearchService } from '../../server/search/service.ts';
import { createTrendService } from '../../server/trends/service.ts';
import { seedDemo } from '../../seed/demo.ts';
import type { Actor } from '../../server/audit/service.ts';
import { createTestApp, createUser, type TestContext } from '../support/test-app.ts';

const QUARTER = '2026-Q3';
let actor: Actor;
let ctx: TestContext;
let services: ReturnType<typeof servicesFor>;

function servicesFor(c: TestContext) {
  const clock = () => new Date(c.clock.now);
  const audit = createAuditService(clock);
  const search = createSearchService({ db: c.db });
  const cases = createCaseService({ db: c.db, audit, clock, onChange: (refs) => search.refresh(...refs) });
  return { cases, reviews: createReviewService({ db: c.db, audit, clock, trends: createTrendService({ db: c.db, audit, clock }), search }) };
}

beforeAll(async () => {
  ctx = await createTestApp();
  services = servicesFor(ctx);
  actor = ctx.users.actorFor(await createUser(ctx, 'director'));
  await seedDemo({ db: ctx.db, users: ctx.users, cases: services.cases, now: new Date(ctx.clock.now) });
}, 60_000);
afterAll(async () => ctx.close());

/** The five quarters' counts worked out the long way: every counted case read in full from the database. */
async function countsFromRows(departments: string[]) {
  const quarters = reviewQuarters(QUARTER);
  let q = ctx.db
    .selectFrom('cases')
    .leftJoin('case_themes', 'case_themes.case_id', 'cases.id')
    .select(['cases.id', 'cases.event_month', 'cases.source', 'case_themes.theme_code'])
    .where('cases.status', 'in', ['submitted', 'closed'])
    .where('cases.withdrawn_at', 'is', null)
    .where('cases.event_month', '>=', monthsOf(quarters[0]!)[0])
    .where('cases.event_month', '<=', monthsOf(QUARTER)[2]);
  if (departments.length) q = q.where('cases.department', 'in', departments);
  const rows = await q.execute();
  const quarterOf = (month: string) => quarters.findIndex((x) => monthsOf(x).includes(month));
  const total = quarters.map(() => new Set<number>());
  const byTheme = new Map<string, number[]>();
  const bySource = new Map<string, Set<number>[]>();
  for (const r of rows) {
    const i = quarterOf(r.event_month);
    total[i]!.add(r.id);
    if (!bySource.has(r.source)) bySource.set(r.source, quarters.map(() => new Set()));
    bySource.get(r.source)![i]!.add(r.id);
    if (r.theme_code) {
      if (!byTheme.has(r.theme_code)) byTheme.set(r.theme_code, quarters.map(() => 0));
      byTheme.get(r.theme_code)![i]!++;
    }
  }
  return {
    total: total.map((s) => s.size),
    byTheme: Object.fromEntries(byTheme),
    bySource: Object.fromEntries([...bySource].map(([k, v]) => [k, v.map((s) => s.size)])),
  };
}

const countsOf = (pack: ReviewPack) => ({
  total: pack.summary.total,
  byTheme: Object.fromEntries(pack.summary.byTheme.map((t) => [t.code, t.counts])),
  bySource: Object.fromEntries(pack.summary.bySource.map((t) => [t.code, t.counts])),
});

const reviewIds = new Map<string, number>();

/** The pack of the quarter's draft review for these departments, started on first use. */
async function packOf(departments: string[]): Promise<ReviewPack> {
  const { reviews } = services;
  const key = departments.join(',');
  if (!reviewIds.has(key)) reviewIds.set(key, await reviews.start(actor, QUARTER, departments));
  return reviews.pack((await reviews.get(reviewIds.get(key)!))!);
}

describe('review pack', () => {
  it('counts every quarter of its window as the cases in the database say, for the organisation and for one department', async () => {
    const whole = await packOf([]);
    const expected = await countsFromRows([]);
    expect(countsOf(whole)).toEqual(expected);
    // Not a quarter without cases: the comparison would hold for an empty window too.
    expect(expected.total.every((n) => n > 0)).toBe(true);
    const north = await ctx.db.selectFrom('cases').select('department').where('status', '=', 'submitted').executeTakeFirstOrThrow();
    expect(countsOf(await packOf([north.department]))).toEqual(await countsFromRows([north.department]));
  });

  it('follows a withdrawal in an earlier quarter, and lists only the quarter in full', async () => {
    const earlier = await ctx.db
      .selectFrom('cases')
      .select(['ref', 'version'])
      .where('status', '=', 'submitted')
      .where('withdrawn_at', 'is', null)
      .where('event_month', '=', monthsOf(reviewQuarters(QUARTER)[1]!)[1])
      .executeTakeFirstOrThrow();
    const before = countsOf(await packOf([]));
    await services.cases.withdraw(actor, earlier.ref, 'Logged twice', earlier.version);
    const pack = await packOf([]);
    expect(pack.summary.total[1]).toBe(before.total[1]! - 1);
    expect(countsOf(pack)).toEqual(await countsFromRows([]));
    const months = monthsOf(QUARTER);
    const quarterRefs = await ctx.db.selectFrom('cases').select('ref').where('status', 'in', ['submitted', 'closed']).where('withdrawn_at', 'is', null).where('event_month', 'in', months).orderBy('ref').execute();
    expect(pack.cases.map((c) => c.ref)).toEqual(quarterRefs.map((r) => r.ref));
  });
});
