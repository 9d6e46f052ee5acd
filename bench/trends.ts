/** Trends (monthly counts and XmR for every theme and factor) and one review pack assembled live. */
import type { Actor } from '../server/audit/service.ts';
import { createAuditService } from '../server/audit/service.ts';
import type { Db } from '../server/db/database.ts';
import { monthOf } from '../server/domain/months.ts';
import { addQuarters, quarterOf } from '../server/domain/quarters.ts';
import { createReviewService } from '../server/reviews/service.ts';
import type { SearchService } from '../server/search/service.ts';
import { measureGroups } from '../server/trends/measures.ts';
import { createTrendService } from '../server/trends/service.ts';
import { loadVocabularies } from '../server/vocabularies/service.ts';
import { median } from './stats.ts';

export type TrendFigures = { allMs: number; firstMs: number; charts: number; reviewMs: number | null; reviewError?: string };

export async function trendsBench(deps: { db: Db; search: SearchService; director: Actor; repetitions: number }): Promise<TrendFigures> {
  const { db } = deps;
  const clock = () => new Date();
  const audit = createAuditService(clock);
  const trends = createTrendService({ db, audit, clock });
  const range = trends.defaultRange();
  const query = { granularity: 'month' as const, from: range.from, to: range.to };

  // Every theme and every factor charted together, as the review pack charts its measures.
  const all = async () => {
    const v = await loadVocabularies(db);
    const keys = measureGroups(v)
      .filter((g) => g.heading === 'Themes' || g.heading === 'Contributory factors')
      .flatMap((g) => g.measures.map((m) => m.key));
    return (await trends.charts(keys, query, v)).length;
  };
  // The first call also reads the cases into memory, as the first chart after start-up does.
  const firstStart = performance.now();
  const charts = await all();
  const firstMs = performance.now() - firstStart;
  const runs: number[] = [];
  for (let i = 0; i < deps.repetitions; i++) {
    const start = performance.now();
    await all();
    runs.push(performance.now() - start);
  }

  // The review pack of the last whole quarter, organisation-wide, assembled from the data.
  let reviewMs: number | null = null;
  let reviewError: string | undefined;
  try {
    const reviews = createReviewService({ db, audit, clock, trends, search: deps.search });
    const id = await reviews.start(deps.director, addQuarters(quarterOf(monthOf(clock())), -1), []);
    const review = (await reviews.get(id))!;
    await reviews.pack(review);
    const packs: number[] = [];
    for (let i = 0; i < Math.max(3, Math.ceil(deps.repetitions / 2)); i++) {
      const start = performance.now();
      await reviews.pack(review);
      packs.push(performance.now() - start);
    }
    reviewMs = median(packs);
  } catch (err) {
    reviewError = err instanceof Error ? err.message : String(err);
  }
  return { allMs: median(runs), firstMs, charts, reviewMs, ...(reviewError ? { reviewError } : {}) };
}
