import express from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorHandler, notFoundHandler } from '../../server/web/error-handler.ts';
import { viewsDir } from '../../server/paths.ts';
import { createViewEngine } from '../../server/web/view-engine.ts';
import { $, createTestApp, type TestContext } from '../support/test-app.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => ctx.close());

describe('health and headers', () => {
  it('GET /healthz answers ok when the database answers', async () => {
    const res = await request(ctx.app).get('/healthz').expect(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('sends no x-powered-by and a CSP whose nonce matches the only inline script', async () => {
    const res = await request(ctx.app).get('/sign-in').expect(200);
    expect(res.headers['x-powered-by']).toBeUndefined();
    const csp = res.headers['content-security-policy']!;
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).toMatch(/script-src 'self' 'nonce-/);
    expect(csp).not.toMatch(/unsafe-inline/);
    const $$ = $(res.text);
    const inline = $$('script:not([src])');
    expect(inline.length).toBeGreaterThan(0);
    inline.each((_, s) => expect($$(s).attr('nonce')).toBe(nonce));
  });

  it('uses a fresh nonce per response', async () => {
    const a = (await request(ctx.app).get('/sign-in')).headers['content-security-policy'];
    const b = (await request(ctx.app).get('/sign-in')).headers['content-security-policy'];
    expect(a).not.toBe(b);
  });

  it('serves the NHS design system assets locally', async () => {
    await request(ctx.app).get('/vendor/nhsuk/nhsuk-frontend.min.css').expect(200).expect('content-type', /css/);
    await request(ctx.app).get('/vendor/nhsuk/nhsuk-frontend.min.js').expect(200).expect('content-type', /javascript/);
    await request(ctx.app).get('/js/casebook.js').expect(200);
    // Every image the design system's CSS asks for is served (the search box's clear icon was a 404).
    for (const css of ['/vendor/nhsuk/nhsuk-frontend.min.css', '/css/casebook.css']) {
      const urls = [...(await request(ctx.app).get(css).expect(200)).text.matchAll(/url\(["']?(\/[^)"']+)["']?\)/g)].map((m) => m[1]!);
      if (css.includes('nhsuk')) expect(urls.length).toBeGreaterThan(0);
      for (const url of urls) await request(ctx.app).get(url).expect(200);
    }
  });

  it('shows a 404 page for an unknown address', async () => {
    const res = await request(ctx.app).get('/no-such-page').expect(404);
    expect($(res.text)('h1').text()).toBe('Page not found');
  });

  it('answers 413 for an oversized form', async () => {
    const res = await request(ctx.app).post('/sign-in').type('form').send({ email: 'x'.repeat(300_000) });
    expect(res.status).toBe(413);
  });
});

describe('error handler', () => {
  function appThatThrows(production: boolean) {
    const app = express();
    const engine = createViewEngine();
    app.engine('hbs', engine.engine);
    app.set('view engine', 'hbs');
    app.set('views', viewsDir);
    app.get('/boom', () => {
      throw new Error('secret internal detail');
    });
    app.get('/api/v1/boom', () => {
      throw new Error('secret internal detail');
    });
    app.use(notFoundHandler);
    app.use(errorHandler(production));
    return app;
  }

  it('shows the stack trace outside production', async () => {
    const res = await request(appThatThrows(false)).get('/boom').expect(500);
    expect($(res.text)('h1').text()).toBe('Sorry, there is a problem with the service');
    expect($(res.text)('pre').text()).toContain('secret internal detail');
  });

  it('hides it in production', async () => {
    const res = await request(appThatThrows(true)).get('/boom').expect(500);
    expect($(res.text)('h1').text()).toBe('Sorry, there is a problem with the service');
    expect(res.text).not.toContain('secret internal detail');
  });

  it('answers API errors as JSON in the error contract', async () => {
    const res = await request(appThatThrows(true)).get('/api/v1/boom').expect(500);
    expect(res.body).toEqual({ error: { code: 'internal_error', message: 'Try again later.', details: null } });
    const missing = await request(appThatThrows(true)).get('/api/v1/nothing').expect(404);
    expect(missing.body.error.code).toBe('not_found');
  });
});
