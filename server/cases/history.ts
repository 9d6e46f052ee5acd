import { actionLabel } from '../audit/present.ts';
import type { AuditEvent } from '../audit/service.ts';
import { formatDay } from '../domain/actions.ts';
import { monthLabel } from '../domain/months.ts';
import type { Term, Vocabularies } from '../vocabularies/service.ts';
import { kindLabel } from '../domain/identifiers.ts';
import { FIELD_LABELS } from './form-view.ts';

const LABELS: Record<string, string> = {
  ...FIELD_LABELS,
  source: 'Source',
  department: 'Department',
  modality: 'Modality',
  bodyArea: 'Body area',
  setting: 'Care setting',
  urgency: 'Urgency',
  alertCategory: 'Alert category',
  harm: 'Harm',
  ageBand: 'Age band',
  eventMonth: 'Month of the event',
  themes: 'Themes and factors',
  journey: 'Imaging journey',
  repeats: 'Repeats earlier cases',
  status: 'Status',
  reason: 'Reason',
  withdrawn: 'Withdrawn',
  note: 'Note',
  description: 'Action',
  owner: 'Owner',
  dueDate: 'Due date',
  droppedReason: 'Reason for dropping',
  evidence: 'Evidence',
};

type Confirmation = { field: string; kind: string; masked: string; reason: string };

/** The case's audit trail in words: who did what, when, each change as before → after. */
export function presentHistory(events: AuditEvent[], v: Vocabularies, hiddenRefs: ReadonlySet<string> = new Set()) {
  const vocab: Record<string, Term[]> = {
    source: v.sources,
    department: v.departments,
    modality: v.modalities,
    bodyArea: v.bodyAreas,
    setting: v.settings,
    urgency: v.urgencies,
    alertCategory: v.alertCategories,
    harm: v.harms,
    ageBand: v.ageBands,
    owner: v.actionOwners,
  };
  const show = (field: string, value: unknown): string => {
    if (value === null || value === undefined || value === '') return '(none)';
    if (typeof value === 'boolean') return value ? 'Yes' : 'No';
    if (field === 'eventMonth' && typeof value === 'string' && /^\d{4}-\d{2}$/.test(value)) return monthLabel(value);
    if (field === 'dueDate' && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDay(value);
    if (vocab[field] && typeof value === 'string') return vocab[field].find((t) => t.code === value)?.label ?? value;
    if (field === 'themes' && Array.isArray(value)) return value.map((t: { theme: string; factors: string[] }) => [t.theme, ...t.factors].join(' ')).join('; ');
    if (field === 'journey' && typeof value === 'object') return Object.entries(value as object).map(([s, d]) => `${s} day ${d}`).join(', ') || '(none)';
    // Links to cases this reader may not see (drafts, for a trainer) are left out.
    if (field === 'repeats' && Array.isArray(value)) return value.filter((r) => !hiddenRefs.has(String(r))).join(', ') || '(none)';
    if (Array.isArray(value)) return value.join(', ') || '(none)';
    return String(value);
  };
  return events.map((e) => {
    const before = (e.before ?? {}) as Record<string, unknown>;
    const after = (e.after ?? {}) as Record<string, unknown>;
    const created = e.action === 'case.create';
    // An action added lists what was agreed; the case it belongs to goes without saying here.
    const fields = created
      ? ['status']
      : [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
          (f) => f !== 'identifiersConfirmed' && f !== 'case' && (e.action === 'action.create' ? after[f] !== null : !(f in before) || JSON.stringify(before[f]) !== JSON.stringify(after[f])),
        );
    const confirmations = (after.identifiersConfirmed ?? []) as Confirmation[];
    return {
      at: e.at.toISOString(),
      who: e.actorLabel,
      what: actionLabel(e.action),
      changes: fields.map((f) => ({ field: LABELS[f] ?? f, before: created || !(f in before) ? null : show(f, before[f]), after: show(f, after[f]) })),
      confirmations: confirmations.map((c) => ({ text: `Kept ${kindLabel(c.kind)} (${c.masked}) in ‘${LABELS[c.field] ?? c.field}’ as not identifying anyone: ${c.reason}` })),
    };
  });
}
