import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuditService } from '../../server/audit/service.ts';
import { createCaseService } from '../../server/cases/service.ts';
import { type BrowserContext, expectNoAxeViolations, newPage, signIn, startBrowserApp } from '../support/browser.ts';
import { logCase } from '../support/cases.ts';
import { createUser, TEST_PASSWORD } from '../support/test-app.ts';

let ctx: BrowserContext;
let earlierRef: string;
let author: { id: number; email: string };

beforeAll(async () => {
  ctx = await startBrowserApp();
  ctx.clock.now = new Date();
  author = await createUser(ctx, 'safety');
  await createUser(ctx, 'director');
  await createUser(ctx, 'admin');
  earlierRef = (await logCase(ctx, author, { title: 'Earlier missed pneumothorax on portable film' })).ref;
});
afterAll(async () => ctx?.stop());

describe('logging and following a case in a real browser', () => {
  it('logs a case: themes reveal factors, the lookup adds a repeat, a name is replaced in one click, every step passes axe', async () => {
    const { page, problems } = await newPage(ctx);
    await signIn(page, ctx.baseUrl, author.email, TEST_PASSWORD);
    await page.click('.nhsuk-header__navigation a[href="/cases/new"]');
    await page.waitForURL(/\/cases\/new$/);
    await expectNoAxeViolations(page);

    await page.fill('#title', 'Missed pneumothorax after line insertion');
    await page.fill('#narrative', 'Portable chest film after a central line. Mrs Okafor was told it was normal; the pneumothorax was reported on day 2.');
    await page.check('input[name="source"][value="incident"]');
    await page.selectOption('#department', 'north');
    await page.selectOption('#modality', 'xr');
    await page.check('input[name="setting"][value="inpatient"]');
    await page.check('input[name="harm"][value="moderate"]');
    await page.fill('#eventMonth-month', '9');
    await page.fill('#eventMonth-year', '2026');
    // With JavaScript, a theme's factors appear when it is ticked.
    const factor = page.locator('input[name="factors"][value="T2.03"]');
    expect(await factor.isVisible()).toBe(false);
    await page.check('input[name="themes"][value="T2"]');
    expect(await factor.isVisible()).toBe(true);
    await factor.check();
    await page.fill('#journey-report', '2');

    // Enter in the lookup searches; it does not submit the case form.
    await page.fill('#repeats-lookup', 'pneumothorax');
    await page.press('#repeats-lookup', 'Enter');
    const add = page.locator('#repeats-lookup-results button').first();
    await add.waitFor();
    expect(new URL(page.url()).pathname).toBe('/cases/new');
    await add.click();
    expect(await page.inputValue('#repeats')).toBe(earlierRef);
    // The button is disabled once used: focus goes back to the search box, not to the page.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('repeats-lookup');

    await page.click('button[name="intent"][value="submit"]:not(.nhsuk-u-visually-hidden)');
    await page.waitForLoadState('domcontentloaded');
    expect(await page.locator('.nhsuk-error-summary').textContent()).toContain('may be a person’s name');
    await expectNoAxeViolations(page);

    await page.click('button[name="redact"]');
    await page.waitForLoadState('domcontentloaded');
    expect(await page.inputValue('#narrative')).toContain('Mrs [name] was told');
    await page.click('button[name="intent"][value="submit"]:not(.nhsuk-u-visually-hidden)');
    await page.waitForURL(/\/cases\/CB-\d{4}-\d{5}$/);
    expect(await page.locator('.nhsuk-notification-banner').textContent()).toContain('has been submitted');
    expect(await page.locator(`h2:has-text("Repeats earlier cases") + ul a[href="/cases/${earlierRef}"]`).count()).toBe(1);
    await expectNoAxeViolations(page);

    await page.fill('#note', 'Discussed at the REAL meeting.');
    await page.click('form[action$="/notes"] button');
    await page.waitForLoadState('domcontentloaded');
    expect(await page.locator('.app-note').textContent()).toContain('Discussed at the REAL meeting.');
    await expectNoAxeViolations(page);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('works from the keyboard: Tab reaches every control and the submit button; Enter in a text box saves a draft', async () => {
    const { page, problems } = await newPage(ctx);
    await signIn(page, ctx.baseUrl, author.email, TEST_PASSWORD);
    await page.goto(`${ctx.baseUrl}/cases/new`);
    await page.focus('#title');
    const reached = new Set<string>();
    for (let i = 0; i < 200 && !reached.has('submit'); i++) {
      await page.keyboard.press('Tab');
      const el = await page.evaluate(() => {
        const a = document.activeElement as HTMLInputElement | null;
        return a ? `${a.name || a.id}|${a.value}|${a.className}` : '';
      });
      if (el.startsWith('intent|submit')) reached.add(el.includes('visually-hidden') ? 'hidden' : 'submit');
      else reached.add(el.split('|')[0]!);
    }
    expect(reached.has('hidden')).toBe(false);
    for (const name of ['narrative', 'learning', 'source', 'department', 'modality', 'eventMonth[month]', 'themes', 'journey[report]', 'repeats', 'repeats-lookup', 'submit']) {
      expect(reached.has(name), name).toBe(true);
    }
    await page.fill('#title', 'Saved with the Enter key');
    await page.fill('#narrative', 'A draft saved from the keyboard.');
    await page.check('input[name="source"][value="incident"]');
    await page.selectOption('#department', 'north');
    await page.selectOption('#modality', 'ct');
    await page.check('input[name="setting"][value="ed"]');
    await page.check('input[name="harm"][value="low"]');
    await page.fill('#eventMonth-month', '10');
    await page.fill('#eventMonth-year', '2026');
    await page.check('input[name="themes"][value="T3"]');
    await page.focus('#title');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/cases\/CB-\d{4}-\d{5}$/);
    expect(await page.locator('.nhsuk-notification-banner').textContent()).toContain('saved as a draft');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('the edit form, its 409 conflict page, the list, the reason pages and actions pass axe', async () => {
    const { ref } = await logCase(ctx, author, { title: 'Case to edit' });
    const { page, problems } = await newPage(ctx);
    await signIn(page, ctx.baseUrl, author.email, TEST_PASSWORD);
    await page.goto(`${ctx.baseUrl}/cases/${ref}/edit`);
    await expectNoAxeViolations(page);
    const clock = () => new Date();
    await createCaseService({ db: ctx.db, audit: createAuditService(clock), clock }).close({ id: author.id, label: author.email }, ref).catch(() => undefined);
    await page.fill('#title', 'My edited title');
    await page.click('button[name="intent"][value="save"]:not(.nhsuk-u-visually-hidden)');
    await page.waitForLoadState('domcontentloaded');
    expect(await page.locator('#conflict').count()).toBe(1);
    await expectNoAxeViolations(page);

    for (const path of ['/cases', '/cases?theme=T1&sort=event_asc', '/cases?from=2026-13', '/cases/import', `/cases/${earlierRef}/withdraw`, '/actions', `/cases/${earlierRef}/actions/new`]) {
      await page.goto(`${ctx.baseUrl}${path}`);
      await expectNoAxeViolations(page);
    }
    await page.fill('#description', 'Add a pneumothorax check to the post-line film protocol');
    await page.selectOption('#owner', 'reporting-radiographers');
    await page.fill('#dueDate-day', '31');
    await page.fill('#dueDate-month', '12');
    await page.fill('#dueDate-year', String(new Date().getFullYear() + 1));
    await page.click('form button[type="submit"]');
    await page.waitForURL(new RegExp(`/cases/${earlierRef}`));
    expect(await page.locator('#actions').textContent()).toContain('pneumothorax check');
    await expectNoAxeViolations(page);
    await page.click('#actions a[href*="/actions/"]');
    await page.waitForLoadState('domcontentloaded');
    await expectNoAxeViolations(page);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('a director reopens a closed case from a page that passes axe', async () => {
    const { ref } = await logCase(ctx, author);
    const clock = () => new Date();
    await createCaseService({ db: ctx.db, audit: createAuditService(clock), clock }).close({ id: author.id, label: author.email }, ref);
    const { page, problems } = await newPage(ctx);
    await signIn(page, ctx.baseUrl, 'director@test.casebook.test', TEST_PASSWORD);
    await page.goto(`${ctx.baseUrl}/cases/${ref}`);
    await page.click(`a[href="/cases/${ref}/reopen"]`);
    await expectNoAxeViolations(page);
    await page.fill('#reason', 'Further information from the coroner');
    await page.click('form button[type="submit"]');
    await page.waitForURL(new RegExp(`/cases/${ref}$`));
    expect(await page.locator('.nhsuk-notification-banner').textContent()).toContain('reopened');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('admin reference-data pages pass axe', async () => {
    const { page, problems } = await newPage(ctx);
    await signIn(page, ctx.baseUrl, 'admin@test.casebook.test', TEST_PASSWORD);
    for (const path of [
      '/admin/reference-data',
      '/admin/reference-data/departments',
      '/admin/reference-data/departments/north',
      '/admin/reference-data/modalities',
      '/admin/reference-data/modalities/ct',
      '/admin/reference-data/themes/T2',
      '/admin/reference-data/themes/T2/factors/T2.01',
      '/admin/reference-data/timeframes',
      '/admin/reference-data/timeframes/routine/scan/report',
    ]) {
      await page.goto(`${ctx.baseUrl}${path}`);
      await expectNoAxeViolations(page);
    }
    expect(problems).toEqual([]);
    await page.close();
  });
});
