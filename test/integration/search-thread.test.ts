import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSearchService } from '../../server/search/service.ts';
import { createThreadedSearchService, type IndexWorkerData } from '../../server/search/threaded.ts';
import type { SearchRequest } from '../../server/search/types.ts';
import { startWorker } from '../../server/threads.ts';
import { logCase } from '../support/cases.ts';
import { searchSuite } from '../support/search-suite.ts';
import { createTestApp, createUser, type TestContext } from '../support/test-app.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'casebook-search-thread-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the app with its search index on a thread of its own', () => {
  searchSuite(() => createTestApp({ DATABASE_URL: `sqlite:${path.join(dir, 'app.db')}` }, { search: (databaseUrl) => createThreadedSearchService({ databaseUrl }) }));
});

describe('the search thread', () => {
  let ctx: TestContext;
  let author: { id: number; email: string };
  let databaseUrl: string;
  const req = (q: string): SearchRequest => ({ q, filters: {}, includeDrafts: true, sort: 'relevance', offset: 0, limit: 20 });
  const logged: string[] = [];
  const log = (message: string, fields?: Record<string, unknown>) => void logged.push(`${message} ${JSON.stringify(fields ?? {})}`);

  beforeAll(async () => {
    databaseUrl = `sqlite:${path.join(dir, 'thread.db')}`;
    ctx = await createTestApp({ DATABASE_URL: databaseUrl });
    author = await createUser(ctx, 'safety');
    for (const title of ['Lung nodule missed on chest X-ray', 'Outsourced CT reported late', 'Renal mass on ultrasound not alerted']) await logCase(ctx, author, { title });
  });
  afterAll(async () => ctx.close());

  it('answers as the index on the request thread does', async () => {
    const threaded = createThreadedSearchService({ databaseUrl });
    const inline = createSearchService({ db: ctx.db });
    try {
      for (const q of ['nodule', 'ct late', 'ultrasund', 'chest x-ray', '']) expect(await threaded.search(req(q)), q).toEqual(await inline.search(req(q)));
      const opts = { limit: 5, includeDrafts: true };
      expect(await threaded.similar(1, opts)).toEqual(await inline.similar(1, opts));
      expect(await threaded.similarToText('A nodule on a chest radiograph', [], opts)).toEqual(await inline.similarToText('A nodule on a chest radiograph', [], opts));
    } finally {
      await threaded.close();
    }
  });

  it('writes its snapshot, which the next thread reads back', async () => {
    const snapshotFile = path.join(dir, 'thread.db.search-index');
    const first = createThreadedSearchService({ databaseUrl, snapshotFile, log });
    await first.ready();
    await first.saved();
    await first.close();
    expect(existsSync(snapshotFile)).toBe(true);
    logged.length = 0;
    const second = createThreadedSearchService({ databaseUrl, snapshotFile, log });
    expect((await second.search(req('renal'))).total).toBe(1);
    expect(logged.join('\n')).toContain('search index read from snapshot');
    await second.close();
  });

  it('starts before the database exists, and opens it only when first asked', async () => {
    // As npm start does on a first run: the thread starts before migrations create the file.
    const url = `sqlite:${path.join(dir, 'later.db')}`;
    logged.length = 0;
    const s = createThreadedSearchService({ databaseUrl: url, snapshotFile: path.join(dir, 'later.db.search-index'), log });
    // Answered once the thread runs; then time for its code to load.
    await s.settled();
    await new Promise((resolve) => setTimeout(resolve, 500));
    const later = await createTestApp({ DATABASE_URL: url });
    try {
      await logCase(later, await createUser(later, 'safety'), { title: 'Hip fracture missed on pelvic film' });
      expect((await s.search(req('hip'))).total).toBe(1);
      expect(logged.join('\n')).not.toContain('search thread stopped');
    } finally {
      await s.close();
      await later.close();
    }
  });

  it('fails what a thread that stops was asked, and starts another for the next question', async () => {
    const workers: Worker[] = [];
    const start = (workerData: IndexWorkerData) => {
      const w = startWorker(new URL('../../server/search/index-worker.ts', import.meta.url), { workerData });
      workers.push(w);
      return w;
    };
    const s = createThreadedSearchService({ databaseUrl, start, log });
    const asked = s.search(req('renal'));
    await workers[0]!.terminate();
    await expect(asked).rejects.toThrow(/The search thread stopped: exited with code \d/);
    expect((await s.search(req('renal'))).total).toBe(1);
    expect(workers).toHaveLength(2);
    await s.close();
  });

  it('passes on an error raised in the thread, and what the thread logs', async () => {
    // A stand-in thread that logs one line and fails every question.
    const script = `const { parentPort } = require('node:worker_threads');
      parentPort.postMessage({ log: 'stand-in started', fields: { n: 1 } });
      parentPort.on('message', (m) => parentPort.postMessage({ id: m.id, error: 'The index could not answer ' + m.op }));`;
    logged.length = 0;
    let standIn: Worker | undefined;
    const s = createThreadedSearchService({ databaseUrl, log, start: () => (standIn = new Worker(script, { eval: true })) });
    await expect(s.search(req('nodule'))).rejects.toThrow('The index could not answer search');
    await expect(s.similar(1, { limit: 5, includeDrafts: true })).rejects.toThrow('The index could not answer similar');
    expect(logged).toContain('stand-in started {"n":1}');
    // A refresh is not waited for: its failure is logged.
    await s.refresh('CB-2026-00001');
    await expect.poll(() => logged.join('\n')).toContain('search index not refreshed {"refs":1,"err":"Error: The index could not answer refresh"}');
    await standIn!.terminate();
  });

  it('answers nothing once closed, and its thread has ended', async () => {
    let worker: Worker | undefined;
    const s = createThreadedSearchService({ databaseUrl, start: (workerData) => (worker = startWorker(new URL('../../server/search/index-worker.ts', import.meta.url), { workerData })) });
    await s.ready();
    const exited = new Promise((resolve) => worker!.once('exit', resolve));
    await s.close();
    await exited;
    await expect(s.search(req('nodule'))).rejects.toThrow('The search index is closed');
  });

  it('answers a search only once every change asked for before it is in', async () => {
    const s = createThreadedSearchService({ databaseUrl });
    await s.ready();
    // More than a slice of re-reading (250 cases), so the thread hands its event loop back meanwhile.
    const refs: string[] = [];
    for (let i = 0; i < 300; i++) refs.push((await logCase(ctx, author, { title: `Scaphoid fracture ${i} missed` })).ref);
    expect((await s.search(req('scaphoid'))).total).toBe(0);
    await s.refresh(...refs);
    expect((await s.search(req('scaphoid'))).total).toBe(300);
    await s.close();
  });
});
