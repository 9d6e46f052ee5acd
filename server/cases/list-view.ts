import { monthLabel } from '../domain/months.ts';
import type { Term, Vocabularies } from '../vocabularies/service.ts';
import type { CaseView } from './view.ts';

const STATUS_LABELS = { draft: 'Draft', submitted: 'Submitted', closed: 'Closed', withdrawn: 'Withdrawn' } as const;
const STATUS_CHOICES = { ...STATUS_LABELS, submitted_or_closed: 'Submitted or closed' } as const;
const STATUS_COLOURS = { draft: 'grey', submitted: 'blue', closed: 'green', withdrawn: 'red' } as const;

const select = (terms: { code: string; label: string }[], value: string, any: string) => [
  { value: '', text: any, ...(value === '' ? { selected: true } : {}) },
  ...terms.map((t) => ({ value: t.code, text: t.label, ...(t.code === value ? { selected: true } : {}) })),
];
const labelOf = (terms: Term[], code: string | null) => (code ? (terms.find((t) => t.code === code)?.label ?? code) : '');

/** The filter form's options (retired terms included: old cases carry them) and helpers to show results. */
export function listFilterView(v: Vocabularies, values: Record<string, string>, canSeeDrafts: boolean) {
  const statuses = (canSeeDrafts ? (['draft', 'submitted', 'closed', 'submitted_or_closed', 'withdrawn'] as const) : (['submitted', 'closed', 'withdrawn'] as const)).map((s) => ({ code: s, label: STATUS_CHOICES[s] }));
  return {
    filters: {
      status: select(statuses, values.status ?? '', 'Any status (not withdrawn)'),
      theme: select(v.themes.map((t) => ({ code: t.code, label: `${t.code} ${t.label}` })), values.theme ?? '', 'Any theme'),
      factor: select(v.themes.flatMap((t) => t.factors.map((f) => ({ code: f.code, label: `${f.code} ${f.label}` }))), values.factor ?? '', 'Any factor'),
      source: select(v.sources, values.source ?? '', 'Any source'),
      department: select(v.departments, values.department ?? '', 'Any department'),
      modality: select(v.modalities, values.modality ?? '', 'Any modality'),
      harm: select(v.harms, values.harm ?? '', 'Any harm level'),
      sort: [
        { value: 'event_desc', text: 'Month of the event, newest first' },
        { value: 'event_asc', text: 'Month of the event, oldest first' },
        { value: 'updated_desc', text: 'Last changed, newest first' },
        { value: 'ref_asc', text: 'Reference' },
      ].map((o) => ({ ...o, ...(o.value === (values.sort || 'event_desc') ? { selected: true } : {}) })),
    },
    rowsOf: (items: CaseView[]) =>
      items.map((c) => {
        const status = c.withdrawn ? 'withdrawn' : c.status;
        return {
          ref: c.ref,
          title: c.title,
          month: monthLabel(c.eventMonth),
          department: labelOf(v.departments, c.department),
          source: labelOf(v.sources, c.source),
          harm: labelOf(v.harms, c.harm),
          themes: c.themes.map((t) => t.theme),
          status: { text: STATUS_LABELS[status], colour: STATUS_COLOURS[status] },
        };
      }),
    statusCounts: (byStatus: Record<string, number>) => statuses.filter((s) => s.code !== 'withdrawn' && s.code !== 'submitted_or_closed').map((s) => ({ label: s.label, count: byStatus[s.code] ?? 0 })),
  };
}
