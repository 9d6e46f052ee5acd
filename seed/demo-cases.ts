import type { Actor } from '../server/audit/service.ts';
import { countCases } from '../server/cases/repository.ts';
import type { CaseService } from '../server/cases/service.ts';
import type { Db } from '../server/db/database.ts';
import { addMonths, monthOf } from '../server/domain/months.ts';
import { DEMO_CORPUS_SIZE, generateCorpus } from './corpus.ts';

/**
 * Loads the demo corpus through the same service every case goes through (vocabulary, journey and
 * identifier checks, audit), so the demo proves the rules rather than bypassing them.
 * Runs only on an empty case table.
 */
export async function seedDemoCases(deps: { db: Db; cases: CaseService; actor: Actor; now: Date; size?: number }): Promise<number> {
  if ((await countCases(deps.db)) > 0) return 0;
  // The corpus ends last month, so this month's cases can still arrive.
  const corpus = generateCorpus({ size: deps.size ?? DEMO_CORPUS_SIZE, seed: 2026, endMonth: addMonths(monthOf(deps.now), -1) });
  const refs = new Map<string, string>();
  for (const c of corpus) {
    const { key, repeatsKeys, status, ...body } = c;
    const repeats = (repeatsKeys ?? []).map((k) => refs.get(k)).filter((r): r is string => r !== undefined);
    const created = await deps.cases.create(deps.actor, { ...body, repeats, submit: status !== 'draft' });
    if (status === 'closed') await deps.cases.close(deps.actor, created.ref);
    refs.set(key, created.ref);
  }
  return corpus.length;
}
