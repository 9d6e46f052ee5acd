import { Writable } from 'node:stream';
import express from 'express';
import { pino } from 'pino';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { requestLogging } from '../../server/web/logging.ts';

/** An app with the request logging, writing its lines to `lines`. */
function loggedApp() {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  const app = express();
  app.use(requestLogging(pino({ level: 'info' }, sink)));
  return { app, lines };
}

describe('request logging', () => {
  it('logs the method, path, status and length: no query string, headers or cookies', async () => {
    const { app, lines } = loggedApp();
    app.get('/cases', (_req, res) => {
      res.cookie('casebook.sid', 'secret-session-id');
      res.send('a page');
    });
    await request(app).get('/cases?q=lung%20nodule').set('cookie', 'casebook.sid=secret-session-id').expect(200);

    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0]!) as { req: unknown; res: unknown; msg: string };
    expect(line.req).toMatchObject({ method: 'GET', url: '/cases' });
    expect(line.res).toEqual({ statusCode: 200, length: '6' });
    expect(lines[0]).not.toContain('secret-session-id');
    expect(lines[0]).not.toContain('lung');
  });

  it('logs no identifier typed into an address: such a part of the path is "…"', async () => {
    const { app, lines } = loggedApp();
    for (const path of ['/cases/943%20476%205919', '/api/v1/cases/NHS%209434765919', '/cases/CB-2026-00012/edit']) await request(app).get(path).expect(404);
    expect(lines.map((l) => (JSON.parse(l) as { req: { url: string } }).req.url)).toEqual(['/cases/…', '/api/v1/cases/…', '/cases/CB-2026-00012/edit']);
    expect(lines.join('')).not.toMatch(/943|9434765919/);
  });
});
