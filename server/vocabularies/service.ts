import type { Db } from '../db/database.ts';
import type { Timeframe } from '../domain/journey.ts';
import { referenceDataGeneration } from './changes.ts';
import * as repo from './repository.ts';

export type Term = { code: string; label: string; retired?: boolean };
export type ThemeTerm = Term & { summary: string; factors: Term[] };

export type Vocabularies = {
  themes: ThemeTerm[];
  sources: Term[];
  departments: Term[];
  modalities: Term[];
  bodyAreas: Term[];
  settings: Term[];
  urgencies: Term[];
  alertCategories: Term[];
  harms: Term[];
  ageBands: Term[];
  journeyStages: Term[];
  actionOwners: Term[];
};

const LIST_KEYS = {
  source: 'sources',
  modality: 'modalities',
  body_area: 'bodyAreas',
  setting: 'settings',
  urgency: 'urgencies',
  alert_category: 'alertCategories',
  harm: 'harms',
  age_band: 'ageBands',
  journey_stage: 'journeyStages',
  action_owner: 'actionOwners',
} as const;

const term = (code: string, label: string, retired: number): Term => (retired ? { code, label, retired: true } : { code, label });

/**
 * Every controlled vocabulary, in display order. Retired terms are included (flagged) so old
 * cases still show their labels; forms offer only the current ones.
 */
export const loadVocabularies = (db: Db): Promise<Vocabularies> => cached(vocabularyCache, db, readVocabularies);

/** The expected timeframes, national and local, in the journey's terms. */
export const loadTimeframes = (db: Db): Promise<Timeframe[]> =>
  cached(timeframeCache, db, async (d) =>
    (await repo.listTimeframes(d)).map((t) => ({ urgency: t.urgency, fromStage: t.from_stage, toStage: t.to_stage, maxDays: t.max_days, source: t.source, local: t.local === 1 })),
  );

/**
 * Reference data is read by nearly every page and changes only on the admin pages, so it is kept in
 * memory per database handle. A change made through this process drops it at once
 * (`referenceDataChanged` in changes.ts); one made by another process (a seed, another instance)
 * shows within MAX_AGE_MS. What is handed out is frozen, so no caller can change it for the others.
 */
const MAX_AGE_MS = 30_000;
type Entry<T> = { generation: number; at: number; value: Promise<T> };
const vocabularyCache = new WeakMap<Db, Entry<Vocabularies>>();
const timeframeCache = new WeakMap<Db, Entry<Timeframe[]>>();

function cached<T>(cache: WeakMap<Db, Entry<T>>, db: Db, read: (db: Db) => Promise<T>): Promise<T> {
  const hit = cache.get(db);
  const now = Date.now();
  const generation = referenceDataGeneration();
  if (hit && hit.generation === generation && now - hit.at < MAX_AGE_MS) return hit.value;
  const value = read(db).then(deepFreeze);
  cache.set(db, { generation, at: now, value });
  value.catch(() => cache.delete(db));
  return value;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

async function readVocabularies(db: Db): Promise<Vocabularies> {
  const [terms, themes, factors, departments] = await Promise.all([
    repo.listTerms(db),
    repo.listThemes(db),
    repo.listFactors(db),
    repo.listDepartments(db),
  ]);
  const v: Vocabularies = {
    themes: themes.map((t) => ({
      code: t.code,
      label: t.label,
      summary: t.summary,
      factors: factors.filter((f) => f.theme_code === t.code).map((f) => term(f.code, f.label, f.retired)),
    })),
    sources: [],
    departments: departments.map((d) => term(d.code, d.label, d.retired)),
    modalities: [],
    bodyAreas: [],
    settings: [],
    urgencies: [],
    alertCategories: [],
    harms: [],
    ageBands: [],
    journeyStages: [],
    actionOwners: [],
  };
  for (const t of terms) {
    const key = LIST_KEYS[t.vocabulary as keyof typeof LIST_KEYS];
    if (key) v[key].push(term(t.code, t.label, t.retired));
  }
  return v;
}

export const current = (terms: Term[]): Term[] => terms.filter((t) => !t.retired);
