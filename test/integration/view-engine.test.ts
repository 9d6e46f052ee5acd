import express from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createUser, signedInAgent, type TestContext } from '../support/test-app.ts';
import { logCase } from '../support/cases.ts';
import path from 'node:path';
import { viewsDir } from '../../server/paths.ts';
import { createViewEngine } from '../../server/web/view-engine.ts';

let ctx: TestContext;
let agent: Awaited<ReturnType<typeof signedInAgent>>;
let ref: string;
beforeAll(async () => {
  ctx = await createTestApp();
  const author = await createUser(ctx, 'safety');
  ref = (await logCase(ctx, author, { title: 'Lung nodule missed on chest X-ray' })).ref;
  agent = await signedInAgent(ctx, author.email);
});
afterAll(async () => ctx.close());

// What changes from one response to the next: the CSP nonce and the CSRF token.
const stable = (html: string) => html.replace(/nonce="[^"]+"/g, 'nonce=""').replace(/_csrf(=|&#x3D;)[0-9a-f]+|name="_csrf" value="[^"]+"/g, '_csrf');

describe('rendering pages', () => {
  // Tests run without the view cache, as development does; production turns it on, and pages are
  // then rendered with the partials registered once. Both must give the same pages.
  it('gives the same pages with the view cache on as off: layouts, partials and errors', async () => {
    const pages = ['/cookies', `/cases/${ref}`, '/cases', '/search?q=nodule', '/no-such-page'];
    const off = await Promise.all(pages.map(async (p) => stable((await agent.get(p)).text)));
    const signedOut = stable((await request(ctx.app).get('/sign-in')).text);
    ctx.app.enable('view cache');
    try {
      for (let round = 0; round < 2; round++) {
        const on = await Promise.all(pages.map(async (p) => stable((await agent.get(p)).text)));
        on.forEach((html, i) => expect(html, pages[i]).toBe(off[i]));
        expect(stable((await request(ctx.app).get('/sign-in')).text)).toBe(signedOut);
      }
    } finally {
      ctx.app.disable('view cache');
    }
    expect(off[0]).toMatch(/^<!DOCTYPE html>[\s\S]*<h1[^>]*>Cookies<\/h1>[\s\S]*<\/html>$/);
    expect(off[1]).toContain('Lung nodule missed on chest X-ray');
    expect(off[4]).toContain('Page not found');
  });

  it('renders as express-handlebars itself does, with and without a layout', async () => {
    const engine = createViewEngine();
    const render = (view: string, context: Record<string, unknown>) =>
      new Promise<string>((resolve, reject) => engine.renderView(path.join(viewsDir, view), context, (err, html) => (err ? reject(err) : resolve(html!))));
    const context = { settings: { views: viewsDir }, pageTitle: 'Cookies', user: { email: 'a@b.test', role: 'safety' }, navigation: [{ href: '/cases', text: 'Cases', current: true }], csrfToken: 't', cspNonce: 'n' };
    for (const extra of [{}, { layout: 'standalone' }, { layout: false }, { cache: true }]) {
      // runtimeOptions send a render to express-handlebars' own code.
      const theirs = await render('pages/cookies.hbs', { ...context, ...extra, runtimeOptions: {} });
      expect(await render('pages/cookies.hbs', { ...context, ...extra }), JSON.stringify(extra)).toBe(theirs);
    }
  });

  it('hands an error the render callback throws (a response already sent) on to express', async () => {
    const engine = createViewEngine();
    const app = express();
    app.engine('hbs', engine.engine);
    app.set('view engine', 'hbs');
    app.set('views', viewsDir);
    const seen: unknown[] = [];
    app.get('/twice', (_req, res) => {
      res.send('first');
      res.render('pages/cookies', { pageTitle: 'Cookies' });
    });
    app.use((err: unknown, _req: express.Request, _res: express.Response, next: express.NextFunction) => {
      seen.push(err);
      next();
    });
    await request(app).get('/twice').expect(200, 'first');
    await expect.poll(() => seen.length).toBe(1);
    expect((seen[0] as NodeJS.ErrnoException).code).toBe('ERR_HTTP_HEADERS_SENT');
  });
});
