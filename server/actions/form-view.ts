import { type DatePart, type DateParts, formatDay, parseDateParts, partsOf, partsToMark } from '../domain/actions.ts';
import type { Term } from '../vocabularies/service.ts';
import { type FormErrors, fromMessages } from '../web/form-errors.ts';
import { labelOf, STATUS_TAGS } from './present.ts';
import type { ActionRow } from './repository.ts';

/** What the user typed, as strings, so a refused form shows it back exactly. */
export type FormValues = {
  description: string;
  owner: string;
  dueDate: DateParts;
  status: string;
  droppedReason: string;
  evidence: string;
  version: string;
};

export const FIELD_LABELS: Record<string, string> = {
  description: 'Description',
  droppedReason: 'The reason for dropping',
  evidence: 'The evidence',
};

const str = (v: unknown) => (typeof v === 'string' ? v : '');

export function valuesFrom(body: Record<string, unknown> | undefined): FormValues {
  const b = body ?? {};
  return {
    description: str(b.description),
    owner: str(b.owner),
    // The date input's namePrefix gives `dueDate[day]`; urlencoded bodies are not nested here.
    dueDate: { day: str(b['dueDate[day]']), month: str(b['dueDate[month]']), year: str(b['dueDate[year]']) },
    status: str(b.status),
    droppedReason: str(b.droppedReason),
    evidence: str(b.evidence),
    version: str(b.version),
  };
}

export const valuesOf = (r: ActionRow): FormValues => ({
  description: r.description,
  owner: r.owner,
  dueDate: partsOf(r.due_date),
  status: r.status,
  droppedReason: r.dropped_reason ?? '',
  evidence: r.evidence ?? '',
  version: String(r.version),
});

/** The date boxes to mark, so only the wrong part is highlighted; none when the date is fine. */
function datePartsToMark(values: FormValues, errors: FormErrors): DatePart[] {
  if (!errors.byField.dueDate) return [];
  const parsed = parseDateParts(values.dueDate);
  return parsed.ok ? ['day', 'month', 'year'] : partsToMark(parsed.problem);
}

/** Errors whose summary link lands on the first marked date box rather than the group around them. */
export function withDateLink(errors: FormErrors, values: FormValues): FormErrors {
  const first = datePartsToMark(values, errors)[0];
  return first ? { ...errors, list: errors.list.map((e) => (e.href === '#dueDate' ? { ...e, href: `#dueDate-${first}` } : e)) } : errors;
}

export function formOptions(values: FormValues, errors: FormErrors, owners: Term[]) {
  const marked = datePartsToMark(values, errors);
  return {
    values,
    errors,
    ownerItems: [
      { value: '', text: 'Choose an owner', ...(values.owner === '' ? { selected: true } : {}) },
      ...owners.map((t) => ({ value: t.code, text: t.retired ? `${t.label} (retired)` : t.label, ...(t.code === values.owner ? { selected: true } : {}) })),
    ],
    dateItems: (['day', 'month', 'year'] as const).map((p) => ({ name: p, value: values.dueDate[p], width: p === 'year' ? 4 : 2, error: marked.includes(p) })),
    statusItems: (['open', 'done', 'dropped'] as const).map((s) => ({ value: s, text: STATUS_TAGS[s].text, ...(values.status === s ? { checked: true } : {}) })),
  };
}

export const errorsFrom = (byField: Record<string, string>, order: readonly string[], values: FormValues) => withDateLink(fromMessages(byField, order), values);

/** The stored action beside what this user tried to save, for the conflict page. */
export function conflictRows(saved: ActionRow, yours: FormValues, owners: Term[]) {
  const yourDate = parseDateParts(yours.dueDate);
  const yourStatus = STATUS_TAGS[yours.status as keyof typeof STATUS_TAGS]?.text ?? '';
  const rows = [
    { field: 'Description', saved: saved.description, yours: yours.description },
    { field: 'Owner', saved: labelOf(owners, saved.owner), yours: labelOf(owners, yours.owner || null) },
    { field: 'Due date', saved: formatDay(saved.due_date), yours: yourDate.ok ? formatDay(yourDate.date) : [yours.dueDate.day, yours.dueDate.month, yours.dueDate.year].join('/') },
    { field: 'Status', saved: STATUS_TAGS[saved.status].text, yours: yourStatus },
    { field: 'Reason for dropping', saved: saved.status === 'dropped' ? (saved.dropped_reason ?? '') : '', yours: yours.status === 'dropped' ? yours.droppedReason : '' },
    { field: 'Evidence', saved: saved.evidence ?? '', yours: yours.evidence },
  ];
  return rows.map((r) => ({ ...r, differs: r.saved.trim() !== r.yours.trim() }));
}
