import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '../../server/domain/roles.ts';
import { type BrowserContext, expectNoAxeViolations, newPage, signIn, startBrowserApp } from '../support/browser.ts';
import { logCase } from '../support/cases.ts';
import { createUser, TEST_PASSWORD } from '../support/test-app.ts';

let ctx: BrowserContext;
beforeAll(async () => {
  ctx = await startBrowserApp();
  ctx.clock.now = new Date();
  for (const role of ROLES) await createUser(ctx, role);
});
afterAll(async () => ctx?.stop());

const HEADINGS = { safety: 'Patient safety team', director: 'Clinical director', trainer: 'Trainer', admin: 'Administrator' };

describe('signed-out pages', () => {
  for (const path of ['/sign-in', '/accessibility', '/cookies', '/signed-out', '/no-such-page']) {
    it(`${path} passes axe with no script or CSP errors`, async () => {
      const { page, problems } = await newPage(ctx);
      await page.goto(`${ctx.baseUrl}${path}`);
      await expectNoAxeViolations(page);
      // The nonce'd inline script ran, so the design system's JavaScript is switched on.
      expect(await page.evaluate(() => document.body.classList.contains('nhsuk-frontend-supported'))).toBe(true);
      expect(problems).toEqual([]);
      await page.close();
    });
  }
});

describe('sign-in in a real browser', () => {
  it('shows the error summary for a wrong password, focused, and passes axe', async () => {
    const { page, problems } = await newPage(ctx);
    await signIn(page, ctx.baseUrl, 'safety@test.casebook.test', 'not the password');
    const summary = page.locator('.nhsuk-error-summary');
    await expect.poll(() => summary.isVisible()).toBe(true);
    expect(await summary.textContent()).toContain('The email address or password is incorrect');
    await expect.poll(() => page.evaluate(() => document.activeElement?.classList.contains('nhsuk-error-summary'))).toBe(true);
    await expectNoAxeViolations(page);
    expect(problems).toEqual([]);
    await page.close();
  });

  for (const role of ROLES) {
    it(`${role} signs in, sees their home page, and signs out`, async () => {
      const { page, problems } = await newPage(ctx);
      await signIn(page, ctx.baseUrl, `${role}@test.casebook.test`, TEST_PASSWORD);
      expect(new URL(page.url()).pathname).toBe('/');
      expect(await page.locator('h1').textContent()).toBe(HEADINGS[role]);
      await expectNoAxeViolations(page);
      await page.click('.nhsuk-header__account-button');
      await page.waitForURL(/\/signed-out$/);
      expect(await page.locator('h1').textContent()).toBe('You have signed out');
      await page.goto(`${ctx.baseUrl}/`);
      expect(new URL(page.url()).pathname).toBe('/sign-in');
      expect(problems).toEqual([]);
      await page.close();
    });
  }

  it('works from the keyboard alone: skip link, then the form', async () => {
    const { page } = await newPage(ctx);
    await page.goto(`${ctx.baseUrl}/sign-in`);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Skip to main content');
    await page.keyboard.press('Enter');
    await page.focus('#email');
    await page.keyboard.type('trainer@test.casebook.test');
    await page.keyboard.press('Tab');
    await page.keyboard.type(TEST_PASSWORD);
    await page.keyboard.press('Enter');
    await page.waitForURL(`${ctx.baseUrl}/`);
    expect(await page.locator('h1').textContent()).toBe('Trainer');
    await page.close();
  });
});

describe('admin pages in a real browser', () => {
  it('every admin page, and each with errors, passes axe', async () => {
    const { page, problems } = await newPage(ctx);
    await signIn(page, ctx.baseUrl, 'admin@test.casebook.test', TEST_PASSWORD);
    for (const path of ['/admin/users', '/admin/users/new', '/admin/users/2', '/admin/audit', '/admin/audit?from=2026-02-30', '/admin/tokens']) {
      await page.goto(`${ctx.baseUrl}${path}`);
      await expectNoAxeViolations(page);
    }
    await page.goto(`${ctx.baseUrl}/admin/users/new`);
    await page.click('form[action="/admin/users"] button[type="submit"]');
    await page.waitForLoadState('domcontentloaded');
    expect(await page.locator('.nhsuk-error-summary').textContent()).toContain('Enter an email address');
    await expectNoAxeViolations(page);

    await page.fill('#email', 'browser.user@nhs.net');
    await page.check('input[name="role"][value="trainer"]');
    await page.fill('#password', 'a-long-enough-password');
    await page.click('form[action="/admin/users"] button[type="submit"]');
    await page.waitForURL(`${ctx.baseUrl}/admin/users`);
    expect(await page.locator('.nhsuk-notification-banner').textContent()).toContain('browser.user@nhs.net has been added');
    await expectNoAxeViolations(page);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('the case page and the safety home with drafts pass axe', async () => {
    const author = (await ctx.users.list()).find((u) => u.role === 'safety')!;
    const submitted = await logCase(ctx, author);
    await logCase(ctx, author, { submit: false, title: 'A draft case' });
    const { page, problems } = await newPage(ctx);
    await signIn(page, ctx.baseUrl, author.email, TEST_PASSWORD);
    expect(await page.locator('[data-drafts] a').count()).toBeGreaterThan(0);
    await expectNoAxeViolations(page);
    await page.goto(`${ctx.baseUrl}/cases/${submitted.ref}`);
    expect(await page.locator('h1').textContent()).toBe(submitted.title);
    await expectNoAxeViolations(page);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('a non-admin sees the 403 page, which passes axe', async () => {
    const { page } = await newPage(ctx);
    await signIn(page, ctx.baseUrl, 'trainer@test.casebook.test', TEST_PASSWORD);
    const res = await page.goto(`${ctx.baseUrl}/admin/users`);
    expect(res?.status()).toBe(403);
    await expectNoAxeViolations(page);
    await page.close();
  });
});
