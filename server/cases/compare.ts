import { STAGES } from '../domain/journey.ts';
import { monthLabel } from '../domain/months.ts';
import type { Term, Vocabularies } from '../vocabularies/service.ts';
import type { CaseInput } from './schema.ts';
import type { CaseView } from './view.ts';

const labelOf = (terms: Term[], code: string | null | undefined) => (code ? (terms.find((t) => t.code === code)?.label ?? code) : 'Not recorded');
const themesText = (themes: { theme: string; factors: string[] }[]) =>
  [...themes].sort((a, b) => a.theme.localeCompare(b.theme)).map((t) => [t.theme, ...[...t.factors].sort()].join(' ')).join('; ');
const journeyText = (j: CaseInput['journey']) =>
  STAGES.filter((s) => j?.[s] !== undefined).map((s) => `${s} day ${j![s]}`).join(', ') || 'Not recorded';

/** The fields where the saved version and the user's unsaved one differ, in words, for the conflict page. */
export function compareVersions(theirs: CaseView, yours: CaseInput, v: Vocabularies): { field: string; theirs: string; yours: string }[] {
  const pairs: [string, string, string][] = [
    ['Title', theirs.title, yours.title],
    ['What happened', theirs.narrative, yours.narrative],
    ['Learning points', theirs.learning ?? '', yours.learning ?? ''],
    ['Source', labelOf(v.sources, theirs.source), labelOf(v.sources, yours.source)],
    ['Department', labelOf(v.departments, theirs.department), labelOf(v.departments, yours.department)],
    ['Modality', labelOf(v.modalities, theirs.modality), labelOf(v.modalities, yours.modality)],
    ['Body area', labelOf(v.bodyAreas, theirs.bodyArea), labelOf(v.bodyAreas, yours.bodyArea)],
    ['Care setting', labelOf(v.settings, theirs.setting), labelOf(v.settings, yours.setting)],
    ['Urgency', labelOf(v.urgencies, theirs.urgency), labelOf(v.urgencies, yours.urgency)],
    ['Alert category', labelOf(v.alertCategories, theirs.alertCategory), labelOf(v.alertCategories, yours.alertCategory)],
    ['Harm', labelOf(v.harms, theirs.harm), labelOf(v.harms, yours.harm)],
    ['Age band', labelOf(v.ageBands, theirs.ageBand), labelOf(v.ageBands, yours.ageBand)],
    ['Month of the event', monthLabel(theirs.eventMonth), /^\d{4}-\d{2}$/.test(yours.eventMonth) ? monthLabel(yours.eventMonth) : yours.eventMonth],
    ['Themes and factors', themesText(theirs.themes), themesText(yours.themes)],
    ['Imaging journey', journeyText(theirs.journey), journeyText(yours.journey)],
    ['Repeats earlier cases', [...theirs.repeats].sort().join(', ') || 'None', [...(yours.repeats ?? [])].sort().join(', ') || 'None'],
  ];
  return pairs.filter(([, a, b]) => a !== b).map(([field, a, b]) => ({ field, theirs: a || '(empty)', yours: b || '(empty)' }));
}
