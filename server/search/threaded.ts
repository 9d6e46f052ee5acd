/**
 * The search index on a thread of its own (index-worker.ts), reading the database through its own
 * connection. Building or reading back the index, keeping it current through an import, and
 * answering a search all run on the second core, so none of them holds up a page; an import writes
 * its rows while the cases before are indexed. Changes reach the thread in the order they are asked
 * for, and a search waits for every change asked for before it, so a page shown after a save sees it.
 */
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../threads.ts';
import type { SearchService, SearchServiceLog } from './service.ts';
import type { SearchRequest, SearchResult, SimilarCase, SimilarOptions } from './types.ts';

export type IndexWorkerData = { databaseUrl: string; snapshotFile?: string };

export type IndexQuestion =
  | { op: 'ready' | 'rebuild' | 'saved' | 'settled' | 'close' }
  | { op: 'refresh'; refs: string[] }
  | { op: 'search'; req: SearchRequest }
  | { op: 'similar'; caseId: number; opts: { limit: number; includeDrafts: boolean } }
  | { op: 'similarToText'; text: string; factors: string[]; opts: SimilarOptions };
export type IndexRequest = IndexQuestion & { id: number };
export type IndexReply = { id: number; value: unknown } | { id: number; error: string } | { log: string; fields?: Record<string, unknown> };

type Pending = { resolve: (value: unknown) => void; reject: (err: Error) => void };

export type ThreadedSearchOptions = IndexWorkerData & {
  log?: SearchServiceLog;
  /** Starts the thread; tests pass their own. */
  start?: (data: IndexWorkerData) => Worker;
};

export function createThreadedSearchService(options: ThreadedSearchOptions): SearchService {
  const log = options.log ?? (() => undefined);
  const data: IndexWorkerData = { databaseUrl: options.databaseUrl, ...(options.snapshotFile ? { snapshotFile: options.snapshotFile } : {}) };
  const start = options.start ?? ((workerData: IndexWorkerData) => startWorker(new URL('./index-worker.ts', import.meta.url), { workerData }));
  const pending = new Map<number, Pending>();
  let worker: Worker | undefined;
  let nextId = 0;
  let closing = false;

  /** A thread that stops unasked fails what it held; the next question starts another, which reads the index back. */
  function stopped(why: string): void {
    worker?.removeAllListeners();
    // An 'error' with no listener would bring the whole process down.
    worker?.on('error', () => undefined);
    worker = undefined;
    if (closing) return;
    const err = new Error(`The search thread stopped: ${why}`);
    log('search thread stopped', { err: why });
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  }

  function thread(): Worker {
    if (worker) return worker;
    const w = start(data);
    worker = w;
    w.unref();
    w.on('message', (reply: IndexReply) => {
      if ('log' in reply) return log(reply.log, reply.fields);
      const p = pending.get(reply.id);
      if (!p) return;
      pending.delete(reply.id);
      // Held open only while it owes an answer: an idle index never keeps the process alive.
      if (pending.size === 0) w.unref();
      if ('error' in reply) p.reject(new Error(reply.error));
      else p.resolve(reply.value);
    });
    w.on('error', (err: unknown) => stopped(err instanceof Error && err.message ? err.message : String(err)));
    w.on('exit', (code) => stopped(`exited with code ${code}`));
    return w;
  }

  function ask<T>(question: IndexQuestion): Promise<T> {
    if (closing) return Promise.reject(new Error('The search index is closed'));
    const w = thread();
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      w.ref();
      w.postMessage({ ...question, id } satisfies IndexRequest);
    });
  }

  // Started at once: it loads its code and reads its snapshot while the caller goes on starting up.
  thread();

  return {
    ready: () => ask<null>({ op: 'ready' }),
    // Not waited for: every later search waits for it in the thread, and an import goes on writing
    // meanwhile. A refresh that fails is logged there.
    refresh: async (...refs: string[]) => {
      if (!refs.length) return;
      ask<null>({ op: 'refresh', refs }).catch((err: unknown) => log('search index not refreshed', { refs: refs.length, err: String(err) }));
    },
    rebuild: () => ask<null>({ op: 'rebuild' }).then(() => undefined),
    saved: () => ask<null>({ op: 'saved' }).then(() => undefined),
    settled: () => ask<null>({ op: 'settled' }).then(() => undefined),
    search: (req: SearchRequest) => ask<SearchResult>({ op: 'search', req }),
    similar: (caseId: number, opts: { limit: number; includeDrafts: boolean }) => ask<SimilarCase[]>({ op: 'similar', caseId, opts }),
    similarToText: (text: string, factors: string[], opts: SimilarOptions) => ask<SimilarCase[]>({ op: 'similarToText', text, factors, opts }),
    close: async () => {
      const w = worker;
      if (!w || closing) return;
      await ask<null>({ op: 'close' });
      closing = true;
      await w.terminate();
    },
  };
}
