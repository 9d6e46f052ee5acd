import type { Db } from '../db/database.ts';
import { checkJourney } from '../domain/journey.ts';
import { checkEventMonth } from '../domain/months.ts';
import { loadVocabularies, type Term, type Vocabularies } from '../vocabularies/service.ts';
import * as repo from './repository.ts';
import type { CaseInput } from './schema.ts';
import type { CaseView } from './view.ts';

export type FieldProblem = { field: string; message: string };

const MONTH_MESSAGES = {
  format: 'Enter the month of the event as year and month, like 2026-03',
  future: 'The month of the event must be this month or earlier',
  too_early: 'The month of the event must be 1990 or later',
} as const;

/**
 * Every rule the schema cannot know: codes exist and are current, factors match themes, months,
 * journeys, links. A retired code the case already carries may stay: relabelling is not the
 * author's job, but no new use of a retired code is allowed.
 */
export async function checkCase(
  db: Db,
  input: CaseInput,
  now: Date,
  previous?: CaseView,
  vocabularies?: Vocabularies,
): Promise<{ problems: FieldProblem[]; repeatIds: number[] }> {
  const v = vocabularies ?? (await loadVocabularies(db));
  const problems: FieldProblem[] = [];
  const kept = new Set(previous ? [previous.source, previous.department, previous.modality, previous.bodyArea, previous.setting, previous.urgency, previous.alertCategory, previous.harm, previous.ageBand] : []);
  const keptFactors = new Set(previous?.themes.flatMap((t) => t.factors) ?? []);
  const pick = (field: string, value: string | undefined, terms: Term[], message: string, optional = false) => {
    if (value === undefined && optional) return;
    const term = terms.find((t) => t.code === value);
    if (!term || (term.retired && !kept.has(term.code))) problems.push({ field, message });
  };
  pick('source', input.source, v.sources, 'Select a source from the list');
  pick('department', input.department, v.departments, 'Select a department from the list');
  pick('modality', input.modality, v.modalities, 'Select a modality from the list');
  pick('bodyArea', input.bodyArea, v.bodyAreas, 'Select a body area from the list', true);
  pick('setting', input.setting, v.settings, 'Select a care setting from the list');
  pick('urgency', input.urgency, v.urgencies, 'Select an urgency from the list', true);
  pick('alertCategory', input.alertCategory, v.alertCategories, 'Select an alert category from the list', true);
  pick('harm', input.harm, v.harms, 'Select the level of harm from the list');
  pick('ageBand', input.ageBand, v.ageBands, 'Select an age band from the list', true);

  const monthProblem = checkEventMonth(input.eventMonth, now);
  if (monthProblem) problems.push({ field: 'eventMonth', message: MONTH_MESSAGES[monthProblem] });

  const seen = new Set<string>();
  for (const t of input.themes) {
    const theme = v.themes.find((x) => x.code === t.theme);
    if (!theme) {
      problems.push({ field: 'themes', message: `${t.theme} is not a theme: use T1, T2, T3 or T4` });
      continue;
    }
    if (seen.has(t.theme)) problems.push({ field: 'themes', message: `${t.theme} is selected more than once` });
    seen.add(t.theme);
    for (const f of t.factors) {
      const factor = theme.factors.find((x) => x.code === f);
      if (!factor) problems.push({ field: 'themes', message: `${f} is not a contributory factor of ${t.theme}` });
      else if (factor.retired && !keptFactors.has(f)) problems.push({ field: 'themes', message: `${f} has been retired: choose a current factor` });
    }
  }

  for (const p of checkJourney(input.journey ?? {})) problems.push({ field: `journey.${p.stage}`, message: p.message });

  const refs = [...new Set(input.repeats ?? [])];
  const found = await repo.idsByRef(db, refs);
  const repeatIds: number[] = [];
  for (const ref of refs) {
    const target = found.get(ref);
    if (!target) problems.push({ field: 'repeats', message: `There is no case ${ref}` });
    else repeatIds.push(target.id);
  }
  return { problems, repeatIds };
}
