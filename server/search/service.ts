import { createHash } from 'node:crypto';
import type { Db } from '../db/database.ts';
import { INDEX_TERMS_VERSION } from '../domain/search-query.ts';
import { DEFAULT_SYNONYMS } from '../domain/synonyms.ts';
import { caseDocuments } from './case-documents.ts';
import { inSlices, slicer, yieldToEventLoop } from './slices.ts';
import { createSearchIndex, restoringSearchIndex } from './engine.ts';
import { readSnapshot, type Snapshot, type SnapshotMeta, writeSnapshot } from './snapshot.ts';
import { loadVocabularies } from '../vocabularies/service.ts';
import type { SearchIndex, SearchRequest, SearchResult, SimilarCase, SimilarOptions } from './types.ts';

/**
 * What the app asks of search, whether the index lives on the request thread (below) or on a
 * thread of its own (threaded.ts).
 */
export interface SearchService {
  /** Resolves once the index can answer (it builds, or is read back, at start-up). */
  ready(): Promise<unknown>;
  /**
   * Reads cases (by reference) into the index again: after a save, a note, a status change. Every
   * search asked after this resolves sees them (the threaded index may still be reading them).
   */
  refresh(...refs: string[]): Promise<void>;
  /** A fresh index (synonyms or labels changed); the old one keeps answering until it is ready. */
  rebuild(): Promise<void>;
  /** Resolves when any snapshot being written is on disk. */
  saved(): Promise<void>;
  /** Resolves once every refresh asked for so far is in the index. */
  settled(): Promise<void>;
  search(req: SearchRequest): Promise<SearchResult>;
  similar(id: number, opts: { limit: number; includeDrafts: boolean }): Promise<SimilarCase[]>;
  similarToText(text: string, factors: string[], opts: SimilarOptions): Promise<SimilarCase[]>;
  /** Lets go of the index once any snapshot is written. */
  close(): Promise<void>;
}

/** The synonym groups in force: the built-in imaging list plus the groups admins added. */
export async function synonymGroups(db: Db): Promise<string[][]> {
  const rows = await db.selectFrom('search_synonyms').select('terms').where('retired_at', 'is', null).orderBy('id').execute();
  return [...DEFAULT_SYNONYMS, ...rows.map((r) => r.terms.split('|').map((t) => t.trim()).filter(Boolean))];
}

/** The newest audit event: every change to a case writes one in the same transaction. */
async function lastAudit(db: Db): Promise<{ marker: number; markerAt: string | null }> {
  const row = await db.selectFrom('audit_events').select(['id', 'at']).orderBy('id', 'desc').limit(1).executeTakeFirst();
  return { marker: row?.id ?? 0, markerAt: row?.at ?? null };
}

/**
 * Whether the snapshot was made from this database: the audit trail is append-only, so the event it
 * ends at is still there, unchanged, unless the database was replaced or restored from an older copy.
 */
async function sameDatabase(db: Db, meta: SnapshotMeta, holdsCases: boolean): Promise<boolean> {
  if (meta.marker === 0) return !holdsCases;
  const row = await db.selectFrom('audit_events').select('at').where('id', '=', meta.marker).executeTakeFirst();
  return row?.at === meta.markerAt;
}

/** What the index's words depend on besides the cases: a snapshot built under other synonyms or labels is stale. */
async function fingerprintOf(db: Db, synonyms: string[][]): Promise<string> {
  return createHash('sha256').update(JSON.stringify({ synonyms, vocabularies: await loadVocabularies(db), terms: INDEX_TERMS_VERSION })).digest('hex');
}

export type SearchServiceLog = (message: string, fields?: Record<string, unknown>) => void;

/** Cases re-read at a time: about 25 ms of work, and well within SQLite's limit on parameters. */
const REREAD_SLICE = 250;
/** Re-snapshot once a restart has had to replay this many cases from the audit trail. */
const RESNAPSHOT_AFTER = 1000;

/**
 * The embedded search index over every case, built from the database at start-up a chunk at a time
 * (requests are served meanwhile and wait for it), and kept current by `refresh` in the same request
 * that saves a case. With `snapshotFile`, a full build is written to disk and the next start-up reads
 * it back, then re-reads only the cases the audit trail shows changed since.
 */
export function createSearchService(deps: {
  db: Db;
  snapshotFile?: string;
  log?: SearchServiceLog;
  /** A read of `snapshotFile` begun before the service was made (index-worker.ts), for the first start. */
  earlyRead?: ReturnType<typeof readSnapshot>;
}) {
  const { db, snapshotFile } = deps;
  const log = deps.log ?? (() => undefined);
  let earlyRead = deps.earlyRead;
  let current: Promise<SearchIndex> | undefined;
  let saving: Promise<void> = Promise.resolve();

  async function fullBuild(synonyms: string[][]): Promise<SearchIndex> {
    const index = createSearchIndex({ synonyms });
    // Requests are answered between slices (slices.ts): a whole chunk of a thousand cases took a
    // quarter of a second, and every request waited for it.
    const total = Number((await db.selectFrom('cases').select((eb) => eb.fn.countAll().as('n')).executeTakeFirst())?.n ?? 0);
    let done = 0;
    const pause = slicer();
    for await (const docs of caseDocuments(db, { chunk: 250 })) {
      for (const doc of docs) {
        index.add(doc);
        await pause();
      }
      // Once the first cases show how many postings a case makes, room for the rest is set aside at
      // once: growing a 100 MB array by doubling copied it whole, holding requests for 250 ms.
      if (done === 0) index.expect(total - docs.length);
      done += docs.length;
    }
    await inSlices(index.compacting());
    return index;
  }

  /** Writes the index in the background; `at` must have been read before the cases the index holds. */
  function save(index: SearchIndex, at: { marker: number; markerAt: string | null }, fingerprint: string): void {
    if (!snapshotFile) return;
    saving = saving
      .then(async () => {
        const started = performance.now();
        // Compacted a slice at a time first, so taking the parts is quick; and in a turn of its own,
        // as whatever asked for the snapshot (a build) has just run a slice.
        await inSlices(index.compacting());
        await yieldToEventLoop();
        const parts = index.snapshotParts();
        const bytes = await writeSnapshot(snapshotFile, { ...at, fingerprint }, parts);
        log('search index snapshot written', { bytes, ms: Math.round(performance.now() - started) });
      })
      .catch((err: unknown) => log('search index snapshot not written', { err: String(err) }));
  }

  /** The snapshot's index brought up to date, or undefined when there is none or it cannot be used. */
  async function fromSnapshot(synonyms: string[][], fingerprint: string): Promise<SearchIndex | undefined> {
    if (!snapshotFile) return undefined;
    let snap: Snapshot | undefined;
    let kept = false;
    try {
      const started = performance.now();
      const read = earlyRead ?? readSnapshot(snapshotFile);
      earlyRead = undefined;
      snap = await read;
      if (!snap) return undefined;
      if (snap.meta.fingerprint !== fingerprint) {
        log('search index snapshot is for other synonyms or labels: rebuilding');
        return undefined;
      }
      if (!(await sameDatabase(db, snap.meta, snap.parts.store.status.some((s) => s !== 0)))) {
        log('search index snapshot is of another database, or of an older copy of this one: rebuilding');
        return undefined;
      }
      const index = await inSlices(restoringSearchIndex({ synonyms, snapshot: snap.parts }));
      const at = await lastAudit(db);
      const changed = await db.selectFrom('audit_events').select('entity_id').distinct().where('id', '>', snap.meta.marker).where('entity_type', '=', 'case').where('entity_id', 'is not', null).execute();
      await reread(index, changed.map((e) => e.entity_id!));
      log('search index read from snapshot', { bytes: snap.bytes, cases: index.size(), replayed: changed.length, ms: Math.round(performance.now() - started) });
      if (changed.length >= RESNAPSHOT_AFTER) save(index, at, fingerprint);
      kept = true;
      return index;
    } catch (err) {
      log('search index snapshot unreadable: rebuilding', { err: String(err) });
      return undefined;
    } finally {
      // The index reads its case texts from the snapshot's file; nothing else may keep it open.
      if (!kept) await snap?.close();
    }
  }

  async function build(fresh = false): Promise<SearchIndex> {
    const synonyms = await synonymGroups(db);
    const fingerprint = snapshotFile ? await fingerprintOf(db, synonyms) : '';
    const restored = fresh ? undefined : await fromSnapshot(synonyms, fingerprint);
    if (restored) return restored;
    const at = await lastAudit(db);
    const index = await fullBuild(synonyms);
    save(index, at, fingerprint);
    return index;
  }

  /** Reads the cases again; a slice at a time, as a restart may replay thousands. */
  async function reread(index: SearchIndex, refs: string[]): Promise<void> {
    for (let i = 0; i < refs.length; i += REREAD_SLICE) {
      const rows = await db.selectFrom('cases').select('id').where('ref', 'in', refs.slice(i, i + REREAD_SLICE)).execute();
      for await (const docs of caseDocuments(db, { ids: rows.map((r) => r.id) })) for (const doc of docs) index.replace(doc);
      if (i + REREAD_SLICE < refs.length) await yieldToEventLoop();
    }
  }

  const ready = (): Promise<SearchIndex> => (current ??= build());

  // Similar cases cost tens of milliseconds at 100,000 cases and every view of a case page asks for
  // them: remember answers until the index changes.
  const similarCache = new Map<string, ReturnType<SearchIndex['similar']>>();

  /** Refreshes under way: each reads the index it began with across several awaits. */
  const refreshing = new Set<Promise<void>>();
  /** Per rebuild under way, the cases refreshed since it began: it may have read them before their save. */
  const missedByRebuilds = new Set<Set<string>>();

  async function refresh(...refs: string[]): Promise<void> {
    if (!refs.length) return;
    for (const missed of missedByRebuilds) for (const ref of refs) missed.add(ref);
    const job = (async () => reread(await ready(), refs))();
    refreshing.add(job);
    try {
      await job;
    } finally {
      refreshing.delete(job);
    }
    similarCache.clear();
  }

  /**
   * Lets go of a replaced index's snapshot file once nothing reads it: after its own restore (which
   * may queue a snapshot of it), the refreshes begun on it, and any snapshot of it being written.
   * Searches run to the end once begun, so none is left reading it by then.
   */
  async function release(index: Promise<SearchIndex | undefined> | undefined): Promise<void> {
    const old = await index?.catch(() => undefined);
    await Promise.allSettled([...refreshing]);
    await saving;
    await old?.close();
  }

  /** Counts rebuilds begun: only the newest may replace the index, as its words are the newest. */
  let rebuilds = 0;
  let closed = false;

  async function rebuild(): Promise<void> {
    const mine = ++rebuilds;
    const missed = new Set<string>();
    missedByRebuilds.add(missed);
    let index: SearchIndex | undefined;
    try {
      index = await build(true);
      // Refreshes meanwhile went to the old index; until none is left, read their cases again here.
      // No await between the last check and the swap, so none can slip between them.
      while (missed.size) {
        const refs = [...missed];
        missed.clear();
        await reread(index, refs);
      }
    } catch (err) {
      void release(Promise.resolve(index));
      throw err;
    } finally {
      missedByRebuilds.delete(missed);
    }
    if (mine !== rebuilds || closed) return void release(Promise.resolve(index));
    const previous = current;
    current = Promise.resolve(index);
    similarCache.clear();
    void release(previous);
  }

  return {
    ready,
    refresh,
    rebuild,
    saved: () => saving,
    // A refresh here is awaited by whoever asked for it.
    settled: async () => void (await current),
    close: async () => {
      closed = true;
      // A snapshot read early and never used still holds its file open.
      const unused = earlyRead;
      earlyRead = undefined;
      await (await unused?.catch(() => undefined))?.close();
      await release(current);
    },
    search: async (req: SearchRequest) => (await ready()).search(req),
    similar: async (id: number, opts: { limit: number; includeDrafts: boolean }) => {
      const index = await ready();
      const key = `${id}:${opts.limit}:${opts.includeDrafts}`;
      if (!similarCache.has(key)) {
        if (similarCache.size > 5000) similarCache.clear();
        similarCache.set(key, index.similar(id, opts));
      }
      return similarCache.get(key)!;
    },
    similarToText: async (text: string, factors: string[], opts: SimilarOptions) => (await ready()).similarToText(text, factors, opts),
  } satisfies SearchService;
}

/** The service above, whose index callers in the same thread (the benchmark) may use directly. */
export type InProcessSearchService = ReturnType<typeof createSearchService>;
