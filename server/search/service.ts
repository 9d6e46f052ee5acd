import type { Db } from '../db/database.ts';
import { DEFAULT_SYNONYMS } from '../domain/synonyms.ts';
import { caseDocuments } from './case-documents.ts';
import { createSearchIndex } from './engine.ts';
import type { SearchIndex, SearchRequest, SimilarOptions } from './types.ts';

const SLICE_MS = 20;
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The synonym groups in force: the built-in imaging list plus the groups admins added. */
export async function synonymGroups(db: Db): Promise<string[][]> {
  const rows = await db.selectFrom('search_synonyms').select('terms').where('retired_at', 'is', null).orderBy('id').execute();
  return [...DEFAULT_SYNONYMS, ...rows.map((r) => r.terms.split('|').map((t) => t.trim()).filter(Boolean))];
}

/**
 * The embedded search index over every case, built from the database at start-up a chunk at a time
 * (requests are served meanwhile and wait for it), and kept current by `refresh` in the same request
 * that saves a case.
 */
export function createSearchService(deps: { db: Db }) {
  const { db } = deps;
  let current: Promise<SearchIndex> | undefined;

  async function build(): Promise<SearchIndex> {
    const index = createSearchIndex({ synonyms: await synonymGroups(db) });
    // Requests are answered between slices of about SLICE_MS: a whole chunk of a thousand cases
    // took a quarter of a second, and every request waited for it.
    let slice = performance.now();
    for await (const docs of caseDocuments(db, { chunk: 250 })) {
      for (const doc of docs) {
        index.add(doc);
        if (performance.now() - slice > SLICE_MS) {
          await yieldToEventLoop();
          slice = performance.now();
        }
      }
      await yieldToEventLoop();
      slice = performance.now();
    }
    index.compact();
    return index;
  }

  const ready = (): Promise<SearchIndex> => (current ??= build());

  // Similar cases cost tens of milliseconds at 100,000 cases and every view of a case page asks for
  // them: remember answers until the index changes.
  const similarCache = new Map<string, ReturnType<SearchIndex['similar']>>();

  /** Re-reads one case (by reference) into the index: after a save, a note, a status change. */
  async function refresh(...refs: string[]): Promise<void> {
    if (!refs.length) return;
    const index = await ready();
    const rows = await db.selectFrom('cases').select('id').where('ref', 'in', refs).execute();
    for await (const docs of caseDocuments(db, { ids: rows.map((r) => r.id) })) for (const doc of docs) index.replace(doc);
    similarCache.clear();
  }

  /** A fresh index (synonyms or labels changed); the old one keeps answering until it is ready. */
  async function rebuild(): Promise<void> {
    const next = build();
    await next;
    current = next;
    similarCache.clear();
  }

  return {
    ready,
    refresh,
    rebuild,
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
  };
}

export type SearchService = ReturnType<typeof createSearchService>;
