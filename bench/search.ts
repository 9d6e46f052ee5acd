/** The embedded search engine: index build time and heap, then latency in process. */
import { statSync } from 'node:fs';
import { createSearchService, type InProcessSearchService } from '../server/search/service.ts';
import type { Db } from '../server/db/database.ts';
import type { SearchRequest } from '../server/search/types.ts';
import type { BenchQuery } from './queries.ts';
import { summarise, type Summary } from './stats.ts';

const gc = (globalThis as { gc?: () => void }).gc;

function collect(): void {
  if (!gc) return;
  gc();
  gc();
}

export type IndexFigures = { buildMs: number; heapKbPerCase: number | null; heapMb: number | null; search: InProcessSearchService };

/**
 * Builds the index from the database as a first start-up does, writing its snapshot to
 * `snapshotFile` as start-up does; heap (with typed arrays' buffers) is measured only under --expose-gc.
 */
export async function buildIndex(db: Db, cases: number, snapshotFile: string): Promise<IndexFigures> {
  collect();
  // Typed arrays keep their contents outside the JavaScript heap: counted too, or the postings vanish.
  const held = () => process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
  const before = held();
  const search = createSearchService({ db, snapshotFile });
  const start = performance.now();
  await search.ready();
  const buildMs = performance.now() - start;
  // The snapshot's copies are let go once it is written.
  await search.saved();
  collect();
  const heapBytes = held() - before;
  return {
    buildMs,
    heapMb: gc ? heapBytes / 1024 ** 2 : null,
    heapKbPerCase: gc && cases > 0 ? heapBytes / 1024 / cases : null,
    search,
  };
}

export type LoadFigures = { loadMs: number; snapshotMb: number };

/** Reads back the snapshot `buildIndex` wrote, as a restart does, until the index could answer. */
export async function loadIndex(db: Db, snapshotFile: string): Promise<LoadFigures> {
  const logged: string[] = [];
  const search = createSearchService({ db, snapshotFile, log: (message) => logged.push(message) });
  const start = performance.now();
  await search.ready();
  const loadMs = performance.now() - start;
  // It reads case texts from the snapshot's file until closed.
  await search.close();
  if (!logged.some((m) => m.includes('read from snapshot'))) throw new Error(`The index was not read from its snapshot: ${logged.join('; ')}`);
  return { loadMs, snapshotMb: statSync(snapshotFile).size / 1024 ** 2 };
}

export const searchRequest = (q: string): SearchRequest => ({ q, filters: {}, includeDrafts: true, sort: 'relevance', offset: 0, limit: 20 });

export type LatencyFigures = { all: Summary; byKind: Map<string, Summary>; worst: { q: string; ms: number }; hits: number };

/** Times each query once after a warm-up with different queries. `run` returns how many cases matched. */
export async function timeQueries(queries: readonly BenchQuery[], warmUp: readonly BenchQuery[], run: (q: string) => number | Promise<number>): Promise<LatencyFigures> {
  for (const { q } of warmUp) await run(q);
  const all: number[] = [];
  const kinds = new Map<string, number[]>();
  let worst = { q: '', ms: -1 };
  let hits = 0;
  for (const { q, kind } of queries) {
    const start = performance.now();
    hits += await run(q);
    const ms = performance.now() - start;
    all.push(ms);
    let list = kinds.get(kind);
    if (!list) kinds.set(kind, (list = []));
    list.push(ms);
    if (ms > worst.ms) worst = { q, ms };
  }
  return { all: summarise(all), byKind: new Map([...kinds].map(([k, xs]) => [k, summarise(xs)])), worst, hits };
}

export async function searchLatency(search: InProcessSearchService, queries: readonly BenchQuery[], warmUp: readonly BenchQuery[]): Promise<LatencyFigures> {
  const index = await search.ready();
  return timeQueries(queries, warmUp, (q) => index.search(searchRequest(q)).total);
}
