import type request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuditService } from '../../server/audit/service.ts';
import { $, createTestApp, createUser, signedInAgent, type TestContext } from '../support/test-app.ts';

let ctx: TestContext;
let admin: ReturnType<typeof request.agent>;
let trainerId: number;

beforeAll(async () => {
  ctx = await createTestApp();
  await createUser(ctx, 'admin');
  trainerId = (await createUser(ctx, 'trainer')).id;
  let t = Date.parse('2026-01-01T09:00:00Z');
  const audit = createAuditService(() => new Date((t += 3_600_000)));
  for (let i = 0; i < 60; i++) {
    await audit.record(ctx.db, { actor: { id: trainerId, label: 'trainer@test.casebook.test' }, action: 'auth.sign_in', entityType: 'user', entityId: trainerId });
  }
  admin = await signedInAgent(ctx, 'admin@test.casebook.test');
});
afterAll(async () => ctx.close());

const rows = (html: string) => $(html)('tbody tr');

describe('audit log page', () => {
  it('shows newest first, 50 to a page, with pagination', async () => {
    const res = await admin.get('/admin/audit').expect(200);
    const $$ = $(res.text);
    expect(rows(res.text)).toHaveLength(50);
    expect($$('caption').text()).toMatch(/Showing 1 to 50 of \d+ entries/);
    expect($$('tbody tr').first().attr('data-action')).toBe('auth.sign_in');
    expect($$('.nhsuk-pagination a[href*="page=2"]').length).toBeGreaterThan(0);
    const page2 = await admin.get('/admin/audit?page=2').expect(200);
    expect(rows(page2.text).length).toBeGreaterThan(0);
  });

  it('filters by user, action and date', async () => {
    const byUser = await admin.get(`/admin/audit?user=${trainerId}&action=auth.sign_in`).expect(200);
    expect($(byUser.text)('caption').text()).toContain('of 60 entries');
    const byDate = await admin.get(`/admin/audit?user=${trainerId}&from=2026-01-02&to=2026-01-02`).expect(200);
    expect($(byDate.text)('caption').text()).toContain('of 24 entries');
    const none = await admin.get('/admin/audit?action=user.deactivate').expect(200);
    expect($(none.text)('main').text()).toContain('No entries match these filters');
  });

  it('explains an impossible date or range instead of failing', async () => {
    let res = await admin.get('/admin/audit?from=2026-02-30').expect(400);
    expect($(res.text)('.nhsuk-error-summary a[href="#from"]').text()).toContain('Date from must be a real date');
    res = await admin.get('/admin/audit?from=2026-03-02&to=2026-03-01').expect(400);
    expect($(res.text)('.nhsuk-error-summary a[href="#to"]').text()).toContain('Date to must be the same as or after date from');
    res = await admin.get('/admin/audit?page=-1').expect(400);
    expect($(res.text)('.nhsuk-error-summary').text()).toContain('Page must be 1 or more');
  });
});

describe('audit log and case content', () => {
  it('says which fields of a case changed, not what they say: administrators do not read cases', async () => {
    const audit = createAuditService(() => new Date('2026-11-20T10:00:00Z'));
    const actor = { id: trainerId, label: 'safety@test.casebook.test' };
    await audit.record(ctx.db, { actor, action: 'case.update', entityType: 'case', entityId: 'CB-2026-00001', before: { title: 'Zorbulator missed', harm: 'low' }, after: { title: 'Zorbulator missed twice', harm: 'severe' } });
    await audit.record(ctx.db, { actor, action: 'user.role_change', entityType: 'user', entityId: trainerId, before: { role: 'trainer' }, after: { role: 'director' } });
    const page = (await admin.get('/admin/audit?from=2026-11-20&to=2026-11-20').expect(200)).text;
    expect(page).not.toContain('Zorbulator');
    const $$ = $(page);
    const caseRow = $$('tbody tr[data-action="case.update"]').text();
    expect(caseRow).toContain('title: (changed: shown on the record itself)');
    expect(caseRow).toMatch(/harm: low → severe/);
    // Administrators' own records are shown in full.
    expect($$('tbody tr[data-action="user.role_change"]').text()).toMatch(/role: trainer → director/);
  });
});
