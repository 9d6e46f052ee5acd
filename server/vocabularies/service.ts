import type { Db } from '../db/database.ts';
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
export async function loadVocabularies(db: Db): Promise<Vocabularies> {
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
