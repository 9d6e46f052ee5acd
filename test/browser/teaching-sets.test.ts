import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuditService } from '../../server/audit/service.ts';
import { createCaseService } from '../../server/cases/service.ts';
import { type BrowserContext, expectNoAxeViolations, newPage, signIn, startBrowserApp } from '../support/browser.ts';
import { logCase } from '../support/cases.ts';
import { createSet } from '../support/teaching-sets.ts';
import { createUser, TEST_PASSWORD } from '../support/test-app.ts';

let ctx: BrowserContext;
let trainer: { id: number; email: string };
let refs: string[];

beforeAll(async () => {
  ctx = await startBrowserApp();
  ctx.clock.now = new Date();
  const author = await createUser(ctx, 'safety');
  trainer = await createUser(ctx, 'trainer');
  await createUser(ctx, 'director');
  refs = [];
  for (const title of ['Lung nodule on chest X-ray not alerted to GP', 'CT head report verified three weeks late', 'Withdrawn duplicate']) {
    refs.push((await logCase(ctx, author, { title })).ref);
  }
  const clock = () => new Date();
  await createCaseService({ db: ctx.db, audit: createAuditService(clock), clock }).withdraw({ id: author.id, label: author.email }, refs[2]!, 'Logged twice');
});
afterAll(async () => ctx?.stop());

describe('teaching sets in a real browser', () => {
  it('a trainer creates a set (after fixing errors), adds cases, and every page passes axe', async () => {
    const { page, problems } = await newPage(ctx);
    await signIn(page, ctx.baseUrl, trainer.email, TEST_PASSWORD);
    await page.click('.nhsuk-header__navigation a[href="/teaching-sets"]');
    await page.waitForURL(/\/teaching-sets$/);
    await expectNoAxeViolations(page);

    await page.click('a[href="/teaching-sets/new"]');
    await page.waitForURL(/\/teaching-sets\/new$/);
    await expectNoAxeViolations(page);
    await page.fill('#description', 'Reviewed with Dr Sarah Jenkins');
    await page.click('form button[type="submit"]');
    await page.waitForLoadState('domcontentloaded');
    expect(await page.locator('.nhsuk-error-summary').textContent()).toContain('Enter a title');
    await expectNoAxeViolations(page);

    await page.fill('#title', 'Unexpected findings');
    await page.fill('#audience', 'ST1 radiology registrars');
    await page.click('form button[type="submit"]');
    await page.waitForLoadState('domcontentloaded');
    expect(await page.locator('.nhsuk-error-summary').textContent()).toContain('a person’s name');
    await expectNoAxeViolations(page);
    await page.fill('#description', 'Findings seen but not acted on.');
    await page.click('form button[type="submit"]');
    await page.waitForURL(/\/teaching-sets\/\d+$/);
    await expectNoAxeViolations(page);

    for (const ref of refs.slice(0, 2)) {
      await page.fill('#ref', ref);
      await page.click('form[action$="/cases"] button[type="submit"]');
      await page.waitForLoadState('domcontentloaded');
    }
    expect(await page.locator('.app-set-item').count()).toBe(2);
    await page.fill('#ref', 'CB-2026-99999');
    await page.click('form[action$="/cases"] button[type="submit"]');
    await page.waitForLoadState('domcontentloaded');
    expect(await page.locator('.nhsuk-error-summary').textContent()).toContain('There is no case');
    await expectNoAxeViolations(page);

    await page.fill(`#note-${refs[1]}`, 'Start here: who owns verification?');
    await page.click(`#case-${refs[1]} form[action$="/note"] button`);
    await page.waitForLoadState('domcontentloaded');
    await page.click(`#case-${refs[1]} form[action$="/move"] button`);
    await page.waitForLoadState('domcontentloaded');
    expect(await page.locator('.app-set-item').first().getAttribute('data-ref')).toBe(refs[1]);
    await expectNoAxeViolations(page);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('teach mode hides the outcome until it is revealed, and the handout, both pass axe', async () => {
    const id = await createSet(ctx, trainer, [refs[0]!, refs[1]!]);
    const { page, problems } = await newPage(ctx);
    await signIn(page, ctx.baseUrl, 'director@test.casebook.test', TEST_PASSWORD);
    await page.goto(`${ctx.baseUrl}/teaching-sets/${id}`);
    await expectNoAxeViolations(page);
    await page.click(`a[href="/teaching-sets/${id}/teach/1"]`);
    await page.waitForURL(/\/teach\/1$/);
    const outcome = page.locator('#reveal h2');
    expect(await outcome.isVisible()).toBe(false);
    await expectNoAxeViolations(page);
    await page.click('#reveal summary');
    expect(await outcome.isVisible()).toBe(true);
    expect(await outcome.textContent()).toBe('Lung nodule on chest X-ray not alerted to GP');
    await expectNoAxeViolations(page);
    await page.click('.nhsuk-pagination a[rel="next"]');
    await page.waitForURL(/\/teach\/2$/);
    expect(await page.locator('h1').textContent()).toBe('Case 2 of 2');
    await expectNoAxeViolations(page);

    await page.goto(`${ctx.baseUrl}/teaching-sets/${id}/handout`);
    await expectNoAxeViolations(page);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.nhsuk-header').isVisible()).toBe(false);
    expect(await page.locator('.app-handout__case').first().evaluate((el) => getComputedStyle(el).breakBefore)).toBe('page');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('a set holding a withdrawn case, an archived set and the list with both pass axe', async () => {
    const id = await createSet(ctx, trainer, [refs[0]!], { title: 'Old set' });
    const withdrawnSet = await createSet(ctx, trainer, [refs[0]!], { title: 'Set with a withdrawn case' });
    // The service refuses withdrawn cases, so this one is put in as if it had been withdrawn after being added.
    await ctx.db.insertInto('teaching_set_items').values({ set_id: withdrawnSet, case_id: (await ctx.db.selectFrom('cases').select('id').where('ref', '=', refs[2]!).executeTakeFirstOrThrow()).id, position: 2, note: '', added_at: new Date().toISOString() }).execute();
    const { page, problems } = await newPage(ctx);
    await signIn(page, ctx.baseUrl, trainer.email, TEST_PASSWORD);
    await page.goto(`${ctx.baseUrl}/teaching-sets/${withdrawnSet}`);
    expect(await page.locator(`#case-${refs[2]}`).textContent()).toContain('This case was withdrawn');
    await expectNoAxeViolations(page);
    await page.goto(`${ctx.baseUrl}/teaching-sets/${id}`);
    await page.click(`form[action="/teaching-sets/${id}/archive"] button`);
    await page.waitForLoadState('domcontentloaded');
    await expectNoAxeViolations(page);
    await page.goto(`${ctx.baseUrl}/teaching-sets`);
    expect(await page.locator('#archived').count()).toBe(1);
    await expectNoAxeViolations(page);
    expect(problems).toEqual([]);
    await page.close();
  });
});
