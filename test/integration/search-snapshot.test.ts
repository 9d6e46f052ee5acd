import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuditService } from '../../server/audit/service.ts';
import { createCaseService } from '../../server/cases/service.ts';
import { createSearchService } from '../../server/search/service.ts';
import type { SearchRequest } from '../../server/search/types.ts';
import { logCase, validCase } from '../support/cases.ts';
import { createTestApp, createUser, type TestContext } from '../support/test-app.ts';

let ctx: TestContext;
let author: { id: number; email: string };
const dir = mkdtempSync(path.join(os.tmpdir(), 'casebook-snapshot-'));
const file = path.join(dir, 'casebook.db.search-index');
const refs: string[] = [];

beforeAll(async () => {
  ctx = await createTestApp();
  author = await createUser(ctx, 'safety');
  const titles = ['Lung nodule missed on chest X-ray', 'Outsourced CT reported late', 'Renal mass on ultrasound', 'Pneumothorax reported after a delay', 'Alert for a mass not acknowledged'];
  for (const title of titles) refs.push((await logCase(ctx, author, { title })).ref);
});
// A service read back from a snapshot reads case texts from its file until closed.
const made: { close: () => Promise<void> }[] = [];
afterAll(async () => {
  for (const s of made) await s.close();
  await ctx.close();
  rmSync(dir, { recursive: true, force: true });
});

const req = (q: string): SearchRequest => ({ q, filters: {}, includeDrafts: true, sort: 'relevance', offset: 0, limit: 20 });

/** A service as start-up makes one, with what it logs. */
function service() {
  const logged: string[] = [];
  const s = createSearchService({ db: ctx.db, snapshotFile: file, log: (message, fields) => logged.push(`${message} ${JSON.stringify(fields ?? {})}`) });
  made.push(s);
  return { s, logged };
}

type Compiled = { sql: string; parameters: readonly unknown[] };

/** `db` with the first query that `holds`, once armed, held until released. */
function holdingQuery(db: TestContext['db'], holds: (query: Compiled) => boolean) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let reach!: () => void;
  const reached = new Promise<void>((resolve) => (reach = resolve));
  let armed = false;
  type Builder = { compile(): Compiled; [k: string]: unknown };
  const wrap = (b: Builder): Builder =>
    new Proxy(b, {
      get(target, prop) {
        const value = target[prop as string];
        if (typeof value !== 'function') return value;
        if (prop === 'execute' || prop === 'executeTakeFirst' || prop === 'executeTakeFirstOrThrow') {
          return async (...args: unknown[]) => {
            if (armed && holds(target.compile())) {
              armed = false;
              reach();
              await released;
            }
            return (value as (...a: unknown[]) => unknown).apply(target, args);
          };
        }
        return (...args: unknown[]) => {
          const r = (value as (...a: unknown[]) => unknown).apply(target, args);
          return r && typeof r === 'object' && typeof (r as Builder).compile === 'function' ? wrap(r as Builder) : r;
        };
      },
    });
  const held = new Proxy(db, {
    get(target, prop) {
      const value = Reflect.get(target, prop) as unknown;
      if (prop === 'selectFrom') return (...args: unknown[]) => wrap((value as (...a: unknown[]) => Builder).apply(target, args));
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { db: held, arm: () => (armed = true), reached, release };
}

describe('search index snapshot', () => {
  it('is written after a full build, read back at the next start, and brought up to date from the audit trail', async () => {
    const first = service();
    await first.s.ready();
    await first.s.saved();
    expect(existsSync(file)).toBe(true);
    expect(first.logged.join('\n')).toContain('search index snapshot written');

    // Changes the snapshot does not hold: an edit, a new case, a withdrawal, a note-free close.
    const clock = () => new Date(ctx.clock.now);
    const cases = createCaseService({ db: ctx.db, audit: createAuditService(clock), clock });
    const actor = { id: author.id, label: author.email };
    const edited = (await cases.get(refs[0]!))!;
    await cases.update(actor, refs[0]!, { ...validCase(), title: 'Zygomatic fracture missed on facial films' }, edited.version);
    const added = (await logCase(ctx, author, { title: 'Scaphoid fracture not followed up' })).ref;
    await cases.withdraw(actor, refs[2]!, 'Logged in error');

    const second = service();
    expect((await second.s.search(req('zygomatic'))).items.map((h) => h.ref)).toEqual([refs[0]]);
    expect((await second.s.search(req('scaphoid'))).items.map((h) => h.ref)).toEqual([added]);
    expect((await second.s.search(req('renal'))).total).toBe(0);
    expect((await second.s.search(req('lung'))).total).toBe(0);
    expect(second.logged.join('\n')).toMatch(/search index read from snapshot .*"replayed":3/);

    // The same answers as an index built from the database alone (cases that tie may come in another
    // order: ties go to the case indexed first, and an edited case is indexed again).
    const fresh = createSearchService({ db: ctx.db });
    const answer = async (s: typeof fresh, q: string) => {
      const r = await s.search(req(q));
      return { ...r, items: [...r.items].sort((a, b) => a.ref.localeCompare(b.ref)) };
    };
    for (const q of ['fracture', 'reported', 'mass', 'CT', 'chest x-ray']) expect(await answer(second.s, q), q).toEqual(await answer(fresh, q));
  });

  it('replays more changed cases than it re-reads at a time', async () => {
    const first = service();
    await first.s.rebuild();
    await first.s.saved();
    const clock = () => new Date(ctx.clock.now);
    const cases = createCaseService({ db: ctx.db, audit: createAuditService(clock), clock });
    const many = Array.from({ length: 260 }, (_, i) => ({ ...validCase(), title: `Batch case ${i} quokka` }));
    await cases.createMany({ id: author.id, label: author.email }, many);
    const next = service();
    expect((await next.s.search(req('quokka'))).total).toBe(260);
    expect(next.logged.join('\n')).toMatch(/read from snapshot .*"replayed":260/);
  });

  it('is set aside when the synonyms changed since it was written', async () => {
    const rebuilt = service();
    await rebuilt.s.rebuild();
    await rebuilt.s.saved();
    await ctx.db.insertInto('search_synonyms').values({ terms: 'zygomatic|cheekbone', created_by: author.id, created_at: new Date().toISOString(), retired_at: null }).execute();
    const next = service();
    expect((await next.s.search(req('cheekbone'))).items.map((h) => h.ref)).toEqual([refs[0]]);
    expect(next.logged.join('\n')).toContain('for other synonyms or labels: rebuilding');
  });

  it('is set aside when the database is not the one it was made from', async () => {
    const other = await createTestApp();
    try {
      const someone = await createUser(other, 'safety');
      await logCase(other, someone, { title: 'Hip fracture missed on a pelvis film' });
      // The same synonyms and labels, so only the cases tell the two databases apart.
      await other.db.insertInto('search_synonyms').values({ terms: 'zygomatic|cheekbone', created_by: someone.id, created_at: new Date().toISOString(), retired_at: null }).execute();
      const logged: string[] = [];
      const next = createSearchService({ db: other.db, snapshotFile: file, log: (message) => logged.push(message) });
      expect((await next.search(req('scaphoid'))).total).toBe(0);
      expect((await next.search(req('hip'))).total).toBe(1);
      expect(logged.join('\n')).toContain('snapshot is of another database');
      await next.close();
    } finally {
      await other.close();
    }
  });

  it('is set aside, not trusted, when damaged', async () => {
    writeFileSync(file, 'casebook-search-index\n\u00ff\u00ff\u00ff\u00ffnot json');
    const next = service();
    expect((await next.s.search(req('scaphoid'))).total).toBe(1);
    expect(next.logged.join('\n')).toContain('search index snapshot unreadable: rebuilding');
    await next.s.saved();
    const again = service();
    await again.s.ready();
    expect(again.logged.join('\n')).toMatch(/read from snapshot .*"replayed":0/);
  });

  it('lets a refresh begun before a rebuild finish on the index it began with, whose file stays open till then', async () => {
    const writer = service();
    await writer.s.rebuild();
    await writer.s.saved();
    const { db, arm, release } = holdingQuery(ctx.db, ({ sql }) => sql.startsWith('select "id" from "cases" where "ref" in'));
    const logged: string[] = [];
    const s = createSearchService({ db, snapshotFile: file, log: (message) => logged.push(message) });
    made.push(s);
    await s.ready();
    expect(logged).toContain('search index read from snapshot');
    arm();
    // The refresh holds the restored index (its texts in the snapshot's file) while the rebuild
    // replaces it; replacing a case in it reads that case's text from the file.
    const refreshing = s.refresh(refs[0]!);
    await s.rebuild();
    // Past the point where the replaced index would let go of its file, were it not still in use.
    await s.saved();
    await new Promise((resolve) => setTimeout(resolve, 20));
    release();
    await expect(refreshing).resolves.toBeUndefined();
    expect((await s.search(req('pneumothorax'))).total).toBe(1);
  });

  it('keeps a case saved while a rebuild runs in the rebuilt index, though the rebuild read it before the save', async () => {
    const { ref } = await logCase(ctx, author, { title: 'Wrist radiograph reported late' });
    const { id } = await ctx.db.selectFrom('cases').select('id').where('ref', '=', ref).executeTakeFirstOrThrow();
    const { db, arm, reached, release } = holdingQuery(ctx.db, ({ sql, parameters }) => sql.startsWith('select "case_id", "body" from "case_notes"') && parameters.includes(id));
    const s = createSearchService({ db });
    made.push(s);
    await s.ready();
    arm();
    // Held once the rebuild has read the rows of this case's chunk, before it reads their notes.
    const rebuilding = s.rebuild();
    await reached;
    await ctx.db.updateTable('cases').set({ title: 'Wrist radiograph reported late: xanthoma' }).where('ref', '=', ref).execute();
    await s.refresh(ref);
    expect((await s.search(req('xanthoma'))).total).toBe(1);
    release();
    await rebuilding;
    expect((await s.search(req('xanthoma'))).items.map((h) => h.ref)).toEqual([ref]);
  });

  it('keeps the newest rebuild when an older one finishes after it', async () => {
    const { ref } = await logCase(ctx, author, { title: 'Zygoma fracture missed on facial views' });
    const { db, arm, reached, release } = holdingQuery(ctx.db, ({ sql }) => sql.startsWith('select "case_id", "body" from "case_notes"'));
    const s = createSearchService({ db });
    made.push(s);
    await s.ready();
    arm();
    // The older rebuild has read the synonyms as they were, then waits.
    const older = s.rebuild();
    await reached;
    const group = await ctx.db.insertInto('search_synonyms').values({ terms: 'zygoma|cheekbone', created_by: author.id, created_at: new Date().toISOString(), retired_at: null }).returning('id').executeTakeFirstOrThrow();
    try {
      await s.rebuild();
      expect((await s.search(req('cheekbone'))).items.map((h) => h.ref)).toContain(ref);
      release();
      await older;
      expect((await s.search(req('cheekbone'))).items.map((h) => h.ref)).toContain(ref);
    } finally {
      await ctx.db.deleteFrom('search_synonyms').where('id', '=', group.id).execute();
    }
  });
});
