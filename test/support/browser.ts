import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { readFileSync } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { createTestApp, type TestContext } from './test-app.ts';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export type BrowserContext = TestContext & { baseUrl: string; browser: Browser; stop: () => Promise<void> };

/** The real app listening on a random port, and a headless Chromium to drive it. */
export async function startBrowserApp(): Promise<BrowserContext> {
  const ctx = await createTestApp();
  // The browser runs in real time: the fixed test clock would expire session cookies at once.
  const server: Server = await new Promise((resolve) => {
    const s = ctx.app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  return {
    ...ctx,
    baseUrl: `http://127.0.0.1:${port}`,
    browser,
    stop: async () => {
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
      await ctx.close();
    },
  };
}

/** A new page that fails the test on any CSP violation or script error. */
export async function newPage(ctx: BrowserContext): Promise<{ page: Page; problems: string[] }> {
  const page = await (await ctx.browser.newContext()).newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && !/status of 4(00|01|03|04|09|13|22)/.test(m.text())) problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  return { page, problems };
}

/** Runs axe-core (WCAG 2.0–2.2 A and AA) on the page and expects no violations. */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  // evaluate() runs outside the page's CSP, so axe need not weaken the policy under test.
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    type Node = { target: string[]; any: { data: unknown }[]; all: { data: unknown }[]; none: { data: unknown }[] };
    const w = window as unknown as { axe: { run: (ctx: Document, opts: unknown) => Promise<{ violations: { id: string; help: string; nodes: Node[] }[] }> } };
    const result = await w.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } });
    // The design system's conditional radios set aria-expanded on the radio, a known issue it keeps
    // on purpose (screen readers announce it; alphagov/govuk-frontend#979, w3c/aria#1404). Only that
    // attribute on such a radio is let through.
    const knownIssue = (id: string, n: Node) =>
      id === 'aria-allowed-attr' &&
      document.querySelector(n.target.join(' '))?.matches('input[type="radio"][aria-controls][aria-expanded]') === true &&
      [...n.any, ...n.all, ...n.none].every((c) => ((c.data as { values?: unknown[] } | null)?.values ?? []).every((d) => /^aria-expanded=/.test(String(d))));
    return result.violations
      .map((v) => ({ ...v, nodes: v.nodes.filter((n) => !knownIssue(v.id, n)) }))
      .filter((v) => v.nodes.length)
      .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  });
  expect(violations, `axe violations on ${page.url()}`).toEqual([]);
}

export async function signIn(page: Page, baseUrl: string, email: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`);
  await page.fill('#email', email);
  await page.fill('#password', password);
  await page.click('button[type="submit"]');
  await page.waitForLoadState('domcontentloaded');
}
