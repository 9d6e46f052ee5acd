import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserContext, expectNoAxeViolations, newPage, signIn, startBrowserApp } from '../support/browser.ts';
import { logCase } from '../support/cases.ts';
import { createUser, TEST_PASSWORD } from '../support/test-app.ts';

let ctx: BrowserContext;
let ref: string;

beforeAll(async () => {
  ctx = await startBrowserApp();
  ctx.clock.now = new Date();
  const author = await createUser(ctx, 'safety');
  await createUser(ctx, 'trainer');
  await createUser(ctx, 'admin');
  ref = (await logCase(ctx, author, { title: 'Outsourced CT report delayed', narrative: 'The outsourcing company reported the CT head 20 days late.', modality: 'ct', themes: [{ theme: 'T3', factors: ['T3.04'] }] })).ref;
  await logCase(ctx, author, { title: 'Outsourced CT chest report late', narrative: 'Outsourcing delay of 15 days for a CT chest.', modality: 'ct', themes: [{ theme: 'T3', factors: ['T3.04'] }] });
  await logCase(ctx, author, { title: 'Chest X-ray nodule not alerted' });
});
afterAll(async () => ctx?.stop());

describe('search in a real browser', () => {
  it('search, results with facets, no results, and similar cases pass axe', async () => {
    const { page, problems } = await newPage(ctx);
    await signIn(page, ctx.baseUrl, 'trainer@test.casebook.test', TEST_PASSWORD);
    await page.click('.nhsuk-header__navigation a[href="/search"]');
    await expectNoAxeViolations(page);
    await page.fill('#q', 'outsourcing delay');
    await page.click('form[role="search"] button[type="submit"]');
    await page.waitForURL(/\/search\?q=/);
    expect(await page.locator('.app-result').count()).toBeGreaterThan(0);
    expect(await page.locator('.app-snippet mark').count()).toBeGreaterThan(0);
    await expectNoAxeViolations(page);
    await page.goto(`${ctx.baseUrl}/search?q=zebra&modality=ct`);
    await expectNoAxeViolations(page);
    await page.goto(`${ctx.baseUrl}/cases/${ref}`);
    expect(await page.locator('#similar').count()).toBe(1);
    await expectNoAxeViolations(page);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('the admin synonyms page passes axe', async () => {
    const { page, problems } = await newPage(ctx);
    await signIn(page, ctx.baseUrl, 'admin@test.casebook.test', TEST_PASSWORD);
    await page.goto(`${ctx.baseUrl}/admin/synonyms`);
    await expectNoAxeViolations(page);
    await page.fill('#terms', 'SpR, specialty registrar');
    await page.click('form[action="/admin/synonyms"] button[type="submit"]');
    await page.waitForURL(/\/admin\/synonyms$/);
    expect(await page.locator('.nhsuk-notification-banner').textContent()).toContain('SpR');
    await expectNoAxeViolations(page);
    expect(problems).toEqual([]);
    await page.close();
  });
});
