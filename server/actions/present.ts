import type { IdentifierFinding } from '../cases/identifier-check.ts';
import { kindLabel } from '../domain/identifiers.ts';
import { daysOverdue, formatDay } from '../domain/actions.ts';
import type { ActionStatus } from '../db/schema.ts';
import type { Term } from '../vocabularies/service.ts';
import type { ActionRow } from './repository.ts';

export const STATUS_TAGS: Record<ActionStatus, { text: string; colour: string }> = {
  open: { text: 'Open', colour: 'blue' },
  done: { text: 'Done', colour: 'green' },
  dropped: { text: 'Dropped', colour: 'grey' },
};

export const labelOf = (terms: Term[], code: string | null): string => (code === null ? '' : (terms.find((t) => t.code === code)?.label ?? code));

const overdueTag = (days: number) => (days > 0 ? { text: `Overdue by ${days} ${days === 1 ? 'day' : 'days'}`, colour: 'red', days } : null);

/** One action as both the case page and the list show it. */
export function presentAction(r: ActionRow, owners: Term[], today: string) {
  return {
    id: r.id,
    description: r.description,
    ownerLabel: labelOf(owners, r.owner),
    dueDate: r.due_date,
    dueDateText: formatDay(r.due_date),
    status: STATUS_TAGS[r.status],
    overdue: overdueTag(daysOverdue({ status: r.status, dueDate: r.due_date }, today)),
    evidence: r.evidence,
    droppedReason: r.status === 'dropped' ? r.dropped_reason : null,
  };
}

export type CaseActionsView = {
  caseRef: string;
  canEdit: boolean;
  addHref: string | null;
  openCount: number;
  overdueCount: number;
  items: (ReturnType<typeof presentAction> & { changeHref: string | null })[];
};

/** Exactly what `views/partials/cases/actions.hbs` draws. */
export function presentCaseActions(caseRef: string, rows: ActionRow[], owners: Term[], today: string, canEdit: boolean, withdrawn = false): CaseActionsView {
  const items = rows.map((r) => ({ ...presentAction(r, owners, today), changeHref: canEdit ? `/cases/${caseRef}/actions/${r.id}` : null }));
  return {
    caseRef,
    canEdit,
    // A withdrawn case takes no new actions; those it has can still be seen through.
    addHref: canEdit && !withdrawn ? `/cases/${caseRef}/actions/new` : null,
    openCount: rows.filter((r) => r.status === 'open').length,
    overdueCount: items.filter((i) => i.overdue).length,
    items,
  };
}

/**
 * One message per field that names each finding's kind and place, and shows it only masked: the
 * text the user typed is never repeated in a message, a log or the audit trail.
 */
export function identifierMessages(findings: IdentifierFinding[], fieldLabels: Record<string, string>): Record<string, string> {
  const byField: Record<string, string> = {};
  for (const field of [...new Set(findings.map((f) => f.field))]) {
    const parts = findings
      .filter((f) => f.field === field)
      .map((f) => `${kindLabel(f.kind)} at characters ${f.start + 1} to ${f.end} (${f.masked})`);
    byField[field] = `${fieldLabels[field] ?? 'This field'} contains what looks like ${parts.join(', and ')}. Remove anything that could identify a patient or member of staff`;
  }
  return byField;
}
