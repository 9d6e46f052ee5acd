import { STAGES } from '../domain/journey.ts';
import type { Term, Vocabularies } from '../vocabularies/service.ts';
import type { ExportTable } from '../web/table-export.ts';
import type { CaseView } from './view.ts';

const labelOf = (terms: Term[], code: string | null) => (code ? (terms.find((t) => t.code === code)?.label ?? code) : null);

/** One row per case; each theme and each factor its own 0/1 column, so a spreadsheet can count and filter them. */
export function casesTable(cases: CaseView[], v: Vocabularies): ExportTable {
  const themes = v.themes.map((t) => t.code);
  const factors = v.themes.flatMap((t) => t.factors.map((f) => ({ code: f.code, label: f.label })));
  const columns = [
    { header: 'Reference', width: 16 },
    { header: 'Title', width: 40 },
    { header: 'Status', width: 10 },
    { header: 'Withdrawn', width: 10 },
    { header: 'Event month', width: 11 },
    { header: 'Source' },
    { header: 'Department' },
    { header: 'Modality' },
    { header: 'Body area' },
    { header: 'Care setting' },
    { header: 'Urgency' },
    { header: 'Alert category' },
    { header: 'Harm' },
    { header: 'Age band' },
    { header: 'Themes' },
    ...themes.map((t) => ({ header: t, width: 5 })),
    ...factors.map((f) => ({ header: `${f.code} ${f.label}`, width: 8 })),
    ...STAGES.map((s) => ({ header: `Day of ${s}`, width: 8 })),
    { header: 'Repeats earlier cases' },
    { header: 'What happened', width: 60 },
    { header: 'Learning points', width: 60 },
  ];
  const rows = cases.map((c) => {
    const caseFactors = new Set(c.themes.flatMap((t) => t.factors));
    const caseThemes = new Set(c.themes.map((t) => t.theme));
    return [
      c.ref,
      c.title,
      c.status,
      c.withdrawn ? 'yes' : 'no',
      c.eventMonth,
      labelOf(v.sources, c.source),
      labelOf(v.departments, c.department),
      labelOf(v.modalities, c.modality),
      labelOf(v.bodyAreas, c.bodyArea),
      labelOf(v.settings, c.setting),
      labelOf(v.urgencies, c.urgency),
      labelOf(v.alertCategories, c.alertCategory),
      labelOf(v.harms, c.harm),
      labelOf(v.ageBands, c.ageBand),
      [...caseThemes].join('; '),
      ...themes.map((t) => (caseThemes.has(t) ? 1 : 0)),
      ...factors.map((f) => (caseFactors.has(f.code) ? 1 : 0)),
      ...STAGES.map((s) => c.journey[s] ?? null),
      c.repeats.join('; '),
      c.narrative,
      c.learning,
    ];
  });
  return { title: 'Casebook cases', columns, rows };
}
