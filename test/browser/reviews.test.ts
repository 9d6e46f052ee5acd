import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuditService } from '../../server/audit/service.ts';
import { createCaseService } from '../../server/cases/service.ts';
import { seedDemo } from '../../seed/demo.ts';
import { type BrowserContext, expectNoAxeViolations, newPage, signIn, startBrowserApp } from '../support/browser.ts';

let ctx: BrowserContext;
beforeAll(async () => {
  ctx = await startBrowserApp();
  ctx.clock.now = new Date('2026-11-23T10:00:00Z');
  const clock = () => new Date('2026-11-23T10:00:00Z');
  await seedDemo({ db: ctx.db, users: ctx.users, cases: createCaseService({ db: ctx.db, audit: createAuditService(clock), clock }), now: clock() });
}, 90_000);
afterAll(async () => ctx?.stop());

describe('the quarterly review in a real browser', () => {
  it('a director runs a quarter: sees signals, records findings, agrees an action, signs off; every page passes axe', async () => {
    const { page, problems } = await newPage(ctx);
    await signIn(page, ctx.baseUrl, 'director@demo.casebook.test', 'casebook-demo');
    await page.click('.nhsuk-header__navigation a[href="/reviews"]');
    await expectNoAxeViolations(page);
    await page.click('a[href="/reviews/new"]');
    await page.waitForLoadState('domcontentloaded');
    await expectNoAxeViolations(page);
    await page.selectOption('#quarter', '2026-Q3');
    await page.click('form[action="/reviews"] button[type="submit"]');
    await page.waitForURL(/\/reviews\/\d+$/);
    expect(await page.locator('#signals .app-review-signal').count()).toBeGreaterThan(0);
    await expectNoAxeViolations(page);

    await page.fill('#findings-signals', 'The T3 step at North continues.');
    await page.check('#cases input[name="discussed"] >> nth=0');
    await page.fill('#findings-overall', 'Escalate outsourcing.');
    await page.click('#overall button[type="submit"]');
    await page.waitForLoadState('domcontentloaded');
    expect(await page.locator('.nhsuk-notification-banner').textContent()).toContain('saved');

    await page.fill('#description', 'Monthly audit of alert acknowledgement');
    await page.selectOption('#owner', 'governance-lead');
    await page.fill('#dueDate-day', '28');
    await page.fill('#dueDate-month', '2');
    await page.fill('#dueDate-year', '2027');
    await page.click('form[action$="/actions"] button[type="submit"]');
    await page.waitForLoadState('domcontentloaded');
    expect(await page.locator('#agreed-actions').textContent()).toContain('Monthly audit');

    await page.click('form[action$="/sign-off"] button[type="submit"]');
    await page.waitForLoadState('domcontentloaded');
    expect(await page.locator('#content-hash').textContent()).toMatch(/^[0-9a-f]{64}$/);
    await expectNoAxeViolations(page);

    await page.click('a[href$="/learning"]');
    await expectNoAxeViolations(page);
    await page.goto(`${ctx.baseUrl}/reviews/compliance`);
    await expectNoAxeViolations(page);
    await page.goto(`${ctx.baseUrl}/`);
    await expectNoAxeViolations(page);
    expect(problems).toEqual([]);
    await page.close();
  });
});
