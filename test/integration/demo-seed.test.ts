import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuditService } from '../../server/audit/service.ts';
import { createCaseService } from '../../server/cases/service.ts';
import { seedDemo } from '../../seed/demo.ts';
import { createTestApp, type TestContext } from '../support/test-app.ts';

let ctx: TestContext;
let seed: () => ReturnType<typeof seedDemo>;

beforeAll(async () => {
  ctx = await createTestApp();
  const clock = () => new Date(ctx.clock.now);
  const cases = createCaseService({ db: ctx.db, audit: createAuditService(clock), clock });
  seed = () => seedDemo({ db: ctx.db, users: ctx.users, cases, now: clock() });
});
afterAll(async () => ctx.close());

describe('demo seed', () => {
  it('loads the demo users, departments and about 400 cases through the case rules, once', async () => {
    const first = await seed();
    expect(first).toMatchObject({ users: 4, departments: 4, cases: 400 });
    expect(first.notes).toBeGreaterThan(40);
    expect(first.actions).toBeGreaterThan(20);
    expect(first.reviews).toBe(4);
    expect(await seed()).toEqual({ users: 0, departments: 0, cases: 0, notes: 0, actions: 0, reviews: 0 });

    const rows = await ctx.db.selectFrom('cases').select(['status', 'event_month', 'ref']).execute();
    expect(rows).toHaveLength(400);
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(['draft', 'submitted', 'closed']));
    expect(rows.every((r) => r.event_month <= '2026-10')).toBe(true);
    const links = await ctx.db.selectFrom('case_links').selectAll().execute();
    expect(links.length).toBeGreaterThan(5);
    const audited = await ctx.db.selectFrom('audit_events').select('action').where('action', '=', 'case.create').execute();
    expect(audited).toHaveLength(400);

    // Actions in every state, some overdue, so the actions list and home pages have something to show.
    const actions = await ctx.db.selectFrom('actions').select(['status', 'due_date']).execute();
    expect(new Set(actions.map((a) => a.status))).toEqual(new Set(['open', 'done', 'dropped']));
    expect(actions.some((a) => a.status === 'open' && a.due_date < '2026-11-23')).toBe(true);
    expect(actions.some((a) => a.status === 'open' && a.due_date >= '2026-11-23')).toBe(true);

    // Signed-off reviews of earlier quarters, one corrected, with agreed actions some of which are overdue.
    const reviews = await ctx.db.selectFrom('reviews').selectAll().orderBy('id').execute();
    expect(reviews.map((r) => [r.quarter, r.version_no, r.status])).toEqual([
      ['2025-Q4', 1, 'signed_off'],
      ['2026-Q1', 1, 'signed_off'],
      ['2026-Q1', 2, 'signed_off'],
      ['2026-Q2', 1, 'signed_off'],
    ]);
    const reviewActions = await ctx.db.selectFrom('actions').select(['due_date', 'status']).where('review_id', 'is not', null).execute();
    expect(reviewActions.some((a) => a.status === 'open' && a.due_date < '2026-11-23')).toBe(true);
  }, 60_000);
});
