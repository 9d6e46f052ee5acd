import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuditService } from '../../server/audit/service.ts';
import { createCaseService } from '../../server/cases/service.ts';
import { seedDemo } from '../../seed/demo.ts';
import { type BrowserContext, expectNoAxeViolations, newPage, signIn, startBrowserApp } from '../support/browser.ts';

let ctx: BrowserContext;
beforeAll(async () => {
  ctx = await startBrowserApp();
  ctx.clock.now = new Date();
  const clock = () => new Date();
  await seedDemo({ db: ctx.db, users: ctx.users, cases: createCaseService({ db: ctx.db, audit: createAuditService(clock), clock }), now: clock() });
}, 60_000);
afterAll(async () => ctx?.stop());

describe('trends in a real browser', () => {
  it('the dashboard, the measure chooser, a chart with its rebase form, and an error pass axe', async () => {
    const { page, problems } = await newPage(ctx);
    await signIn(page, ctx.baseUrl, 'director@demo.casebook.test', 'casebook-demo');
    await page.click('.nhsuk-header__navigation a[href="/trends"]');
    expect(await page.locator('.app-small-multiples svg[role="img"]').count()).toBeGreaterThanOrEqual(4);
    await expectNoAxeViolations(page);
    await page.click('a[href^="/trends/measures"]');
    await expectNoAxeViolations(page);
    await page.goto(`${ctx.baseUrl}/trends/chart?measure=theme:T3&department=north`);
    expect(await page.locator('#chart-data tr[data-special]').count()).toBeGreaterThan(0);
    await expectNoAxeViolations(page);
    await page.selectOption('#period', { index: 10 });
    await page.fill('#reason', 'New reporting contract');
    await page.click('form[method="post"] button[type="submit"]:has-text("Rebase the chart")');
    await page.waitForLoadState('domcontentloaded');
    expect(await page.locator('.nhsuk-notification-banner').textContent()).toContain('recalculates');
    await expectNoAxeViolations(page);
    await page.goto(`${ctx.baseUrl}/trends?from=2026-13`);
    await expectNoAxeViolations(page);
    // Printing keeps the chart and hides the filters.
    await page.goto(`${ctx.baseUrl}/trends/chart?measure=all`);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.app-chart svg').isVisible()).toBe(true);
    expect(await page.locator('.app-trend-filters').isVisible()).toBe(false);
    expect(problems).toEqual([]);
    await page.close();
  });
});
