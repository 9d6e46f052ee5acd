/**
 * The yardstick: SQLite FTS5 over the same cases in the same database file, an external-content
 * table (the text stays in `cases`), bm25 with our field boosts (title 3, learning 2, narrative 1),
 * a snippet, top 20. It lives only in the benchmark's throw-away database.
 */
import SQLite from 'better-sqlite3';
import { FIELD_BOOST } from '../server/search/matcher.ts';
import type { BenchQuery } from './queries.ts';
import { type LatencyFigures, timeQueries } from './search.ts';

/** Each word quoted (no FTS5 syntax leaks in); the last word is a prefix from three letters, as ours is. */
export function ftsQuery(q: string): string {
  const words = q.match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.map((w, i) => (i === words.length - 1 && w.length >= 3 && !/\s$/.test(q) ? `"${w}"*` : `"${w}"`)).join(' ');
}

export type Fts5Figures = { buildMs: number; latency: LatencyFigures };

export async function fts5Bench(file: string, queries: readonly BenchQuery[], warmUp: readonly BenchQuery[]): Promise<Fts5Figures> {
  const sqlite = new SQLite(file);
  try {
    const start = performance.now();
    sqlite.exec(`CREATE VIRTUAL TABLE bench_fts USING fts5(title, learning, narrative, content='cases', content_rowid='id', tokenize='porter unicode61')`);
    sqlite.exec(`INSERT INTO bench_fts(bench_fts) VALUES ('rebuild')`);
    const buildMs = performance.now() - start;
    const [title, learning, narrative] = FIELD_BOOST;
    const top = sqlite.prepare(
      `SELECT rowid, snippet(bench_fts, -1, '<mark>', '</mark>', '…', 24) AS snippet FROM bench_fts WHERE bench_fts MATCH ? ORDER BY bm25(bench_fts, ${title}, ${learning}, ${narrative}) LIMIT 20`,
    );
    const run = (q: string) => {
      const match = ftsQuery(q);
      return match ? top.all(match).length : 0;
    };
    return { buildMs, latency: await timeQueries(queries, warmUp, run) };
  } finally {
    sqlite.close();
  }
}
