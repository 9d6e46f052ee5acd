/**
 * The throw-away database: migrated, with the demo departments and users, and N generated cases
 * imported through the real case service (checks, identifier scan, audit), as an import would. Then
 * the same cases again into a second database, with the app's search index (on its own thread) kept
 * current as they are saved, as an import in the app is.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEMO_USERS } from '../seed/demo-users.ts';
import { seedDemoUsers } from '../seed/demo-users.ts';
import { generateCorpus, type DemoCase } from '../seed/corpus.ts';
import { DEMO_DEPARTMENTS } from '../seed/reference/2026-11-23.ts';
import type { Actor } from '../server/audit/service.ts';
import { createAuditService } from '../server/audit/service.ts';
import { batchScanner } from '../server/cases/batch-scan.ts';
import { createCaseService } from '../server/cases/service.ts';
import { openDatabase, type Db } from '../server/db/database.ts';
import { createThreadedSearchService } from '../server/search/threaded.ts';
import { migrateToLatest } from '../server/db/migrator.ts';
import { addMonths, monthOf } from '../server/domain/months.ts';
import { createUserService, type UserService } from '../server/users/service.ts';
import { insertDepartmentIfMissing } from '../server/vocabularies/repository.ts';

export const BATCH = 500;

export type BenchDb = {
  dir: string;
  file: string;
  url: string;
  db: Db;
  users: UserService;
  clock: () => Date;
  actors: Record<'safety' | 'director', Actor & { userId: number }>;
  corpus: DemoCase[];
  refs: string[];
  corpusMs: number;
  importMs: number;
};

export async function buildBenchDb(size: number, log: (line: string) => void): Promise<BenchDb> {
  const { dir, file, url, db } = throwAwayDatabase();
  try {
    return await fill(dir, file, url, db, size, log);
  } catch (err) {
    await db.destroy().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}

function throwAwayDatabase() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'casebook-bench-'));
  const file = path.join(dir, 'bench.db');
  const url = `sqlite:${file}`;
  return { dir, file, url, db: openDatabase(url) };
}

/**
 * Each batch is saved as if in the month of its latest case: references number cases within the
 * year of saving (`CB-YYYY-NNNNN`, at most 99,999 a year), so 100,000 cases cannot all be saved in
 * one year, and a case logged in the year of its event is what happens anyway.
 */
function batchClock(batch: readonly DemoCase[], today: Date): Date {
  const latest = batch.reduce((m, c) => (c.eventMonth > m ? c.eventMonth : m), '0000-00');
  const at = new Date(`${latest}-28T12:00:00Z`);
  return at < today ? at : today;
}

type Actors = BenchDb['actors'];

/** Migrated, with the demo departments and users. */
async function prepare(db: Db): Promise<{ users: UserService; actors: Actors }> {
  await migrateToLatest(db);
  const clock = () => new Date();
  const users = createUserService({ db, audit: createAuditService(clock), clock });
  for (const d of DEMO_DEPARTMENTS) await insertDepartmentIfMissing(db, d.code, d.label);
  await seedDemoUsers(users);
  const all = await users.list();
  const userOf = (email: string) => all.find((u) => u.email === email)!;
  const safety = userOf(DEMO_USERS.find((u) => u.role === 'safety')!.email);
  const director = userOf(DEMO_USERS.find((u) => u.role === 'director')!.email);
  return { users, actors: { safety: { ...users.actorFor(safety), userId: safety.id }, director: { ...users.actorFor(director), userId: director.id } } };
}

/** The corpus through the case service, 500 cases a save; `onChange` is told of each batch saved, as the app's search is. */
async function importCorpus(db: Db, actor: Actor, corpus: readonly DemoCase[], log: (line: string) => void, onChange?: (refs: string[]) => Promise<void>): Promise<string[]> {
  const clock = () => new Date();
  let saveTime = clock();
  const cases = createCaseService({ db, audit: createAuditService(clock), clock: () => saveTime, ...(onChange ? { onChange } : {}) });
  const refOfKey = new Map<string, string>();
  const refs: string[] = [];
  for (let i = 0; i < corpus.length; i += BATCH) {
    const batch = corpus.slice(i, i + BATCH);
    // A repeat of a case in the same batch has no reference yet, so that link is left out.
    // Object.assign, not a spread: see columnsOf in server/cases/service.ts.
    const inputs = batch.map(({ key: _key, repeatsKeys, status, ...body }) =>
      Object.assign(body, {
        repeats: (repeatsKeys ?? []).map((k) => refOfKey.get(k)).filter((r): r is string => r !== undefined),
        submit: status !== 'draft',
      }),
    );
    saveTime = batchClock(batch, clock());
    const created = await cases.createMany(actor, inputs);
    created.forEach((ref, j) => refOfKey.set(batch[j]!.key, ref));
    refs.push(...created);
    if ((i / BATCH) % 20 === 19) log(`import: ${refs.length} of ${corpus.length}`);
  }
  return refs;
}

async function fill(dir: string, file: string, url: string, db: Db, size: number, log: (line: string) => void): Promise<BenchDb> {
  const { users, actors } = await prepare(db);
  const clock = () => new Date();

  let start = performance.now();
  // The corpus ends last month, as the demo's does, so no case lies in the future.
  const corpus = generateCorpus({ size, seed: 2026, endMonth: addMonths(monthOf(clock()), -1) });
  const corpusMs = performance.now() - start;
  log(`corpus: ${corpus.length} cases generated in ${(corpusMs / 1000).toFixed(1)} s`);

  // A server starts its identifier scan thread once, at its first import: before the clock here.
  await batchScanner.ready();
  start = performance.now();
  const refs = await importCorpus(db, actors.safety, corpus, log);
  const importMs = performance.now() - start;

  // Closing is not an import: the generated closed cases are closed in one statement, untimed.
  const closed = corpus.flatMap((c, i) => (c.status === 'closed' ? [refs[i]!] : []));
  const at = clock().toISOString();
  for (let i = 0; i < closed.length; i += BATCH) {
    await db.updateTable('cases').set({ status: 'closed', closed_at: at }).where('ref', 'in', closed.slice(i, i + BATCH)).execute();
  }
  return { dir, file, url, db, users, clock, actors, corpus, refs, corpusMs, importMs };
}

/**
 * The same corpus into a second throw-away database with the search index kept current, as the app
 * runs it: on its own thread, told of each batch saved. Timed until the index holds every case.
 */
export async function importIndexed(corpus: readonly DemoCase[], log: (line: string) => void): Promise<{ ms: number; indexed: number }> {
  const { dir, url, db } = throwAwayDatabase();
  const search = createThreadedSearchService({ databaseUrl: url });
  try {
    const { actors } = await prepare(db);
    await batchScanner.ready();
    await search.ready();
    const start = performance.now();
    await importCorpus(db, actors.safety, corpus, log, (refs) => search.refresh(...refs));
    await search.settled();
    const ms = performance.now() - start;
    // Every case is in the index: a search by status alone (no words) counts them.
    const { total } = await search.search({ q: '', filters: {}, includeDrafts: true, sort: 'date', offset: 0, limit: 1 });
    return { ms, indexed: total };
  } finally {
    await search.close().catch(() => undefined);
    await db.destroy().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}
