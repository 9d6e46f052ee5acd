import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuditService } from '../../server/audit/service.ts';
import { createCaseService } from '../../server/cases/service.ts';
import { seedDemo } from '../../seed/demo.ts';
import { type BrowserContext, signIn, startBrowserApp } from '../support/browser.ts';

let ctx: BrowserContext;
beforeAll(async () => {
  ctx = await startBrowserApp();
  const clock = () => new Date('2026-11-23T10:00:00Z');
  ctx.clock.now = clock();
  await seedDemo({ db: ctx.db, users: ctx.users, cases: createCaseService({ db: ctx.db, audit: createAuditService(clock), clock }), now: clock() });
}, 90_000);
afterAll(async () => ctx?.stop());

// WCAG 1.4.10: at 320 CSS pixels wide the page scrolls one way only. A table may scroll inside its
// own box (two-dimensional content), but the page itself must not grow wider than the screen.
const PAGES: Record<string, string[]> = {
  'safety@demo.casebook.test': ['/cases', '/cases/CB-2026-00001', '/cases/import', '/actions', '/search?q=nodule'],
  'director@demo.casebook.test': ['/reviews', '/reviews/1', '/reviews/1/learning', '/reviews/compliance', '/trends/chart?measure=all', '/trends'],
  'admin@demo.casebook.test': ['/admin/users', '/admin/audit', '/admin/tokens', '/admin/reference-data', '/admin/reference-data/timeframes', '/admin/reference-data/sources'],
};

describe('pages at 320 pixels wide', () => {
  for (const [email, paths] of Object.entries(PAGES)) {
    it(`never scroll sideways, for ${email.split('@')[0]}`, async () => {
      const page = await (await ctx.browser.newContext({ viewport: { width: 320, height: 640 } })).newPage();
      await signIn(page, ctx.baseUrl, email, 'casebook-demo');
      const wide: string[] = [];
      for (const path of paths) {
        await page.goto(`${ctx.baseUrl}${path}`);
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        if (width > 320) wide.push(`${path}: ${width}px`);
      }
      expect(wide).toEqual([]);
      await page.context().close();
    });
  }
});
