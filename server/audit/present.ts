import type { AuditEvent } from './service.ts';

const ACTION_LABELS: Record<string, string> = {
  'auth.sign_in': 'Signed in',
  'auth.sign_in_failed': 'Failed sign-in',
  'auth.account_locked': 'Account locked',
  'auth.sign_out': 'Signed out',
  'user.create': 'User added',
  'user.role_change': 'Role changed',
  'user.deactivate': 'User deactivated',
  'user.reactivate': 'User reactivated',
  'user.password_reset': 'Password reset',
  'token.create': 'API token created',
  'token.revoke': 'API token revoked',
  'admin.read': 'Case pages read by an administrator',
  'case.create': 'Case created',
  'case.close': 'Case closed',
  'case.update': 'Case edited',
  'case.submit': 'Case submitted',
  'case.reopen': 'Case reopened',
  'case.withdraw': 'Case withdrawn',
  'case.note': 'Note added',
  'case.export': 'Cases exported',
  'case.import': 'Cases imported',
  'teaching_set.create': 'Teaching set created',
  'teaching_set.update': 'Teaching set changed',
  'teaching_set.archive': 'Teaching set archived',
  'teaching_set.unarchive': 'Teaching set restored',
  'teaching_set.add_case': 'Case added to a teaching set',
  'teaching_set.remove_case': 'Case removed from a teaching set',
  'teaching_set.move_case': 'Case moved in a teaching set',
  'teaching_set.note': 'Teaching note changed',
  'teaching_set.export': 'Teaching set exported',
  'search.synonym_create': 'Search synonyms added',
  'search.synonym_retire': 'Search synonyms retired',
  'review.create': 'Review started',
  'review.update': 'Review notes saved',
  'review.sign_off': 'Review signed off',
  'review.correct': 'Review corrected',
  'review.export': 'Review exported',
  'trends.rebase': 'Chart rebased',
  'trends.rebase_remove': 'Chart rebase removed',
  'action.create': 'Action added',
  'action.update': 'Action updated',
  'reference.department_create': 'Department added',
  'reference.department_update': 'Department changed',
  'reference.term_create': 'Vocabulary term added',
  'reference.term_update': 'Vocabulary term changed',
  'reference.factor_create': 'Contributory factor added',
  'reference.factor_update': 'Contributory factor changed',
  'reference.timeframe_update': 'Expected timeframe changed',
};

export const actionLabel = (action: string): string => ACTION_LABELS[action] ?? action;

const show = (v: unknown): string => {
  if (v === null || v === undefined) return '(none)';
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
};

export type Change = { field: string; before: string | null; after: string };

/**
 * Records that hold cases and what is learnt from them. The audit log is the administrators' page,
 * and reading cases is not their role (DESIGN.md section 2): for these it says which fields changed,
 * not what they say. The record's own page shows them, and an administrator's read of it is audited.
 */
const CASE_CONTENT = new Set(['case', 'action', 'review', 'teaching_set']);
/** Fields of those records that are codes or states, not anyone's words: shown as they are. */
const SHOWN = new Set(['status', 'department', 'source', 'modality', 'harm', 'setting', 'urgency', 'ageBand', 'bodyArea', 'alertCategory', 'eventMonth', 'owner', 'dueDate', 'format', 'draft', 'quarter', 'scope', 'versionNo', 'contentHash', 'withdrawn', 'via', 'count', 'corrects']);
const NOT_SHOWN = '(changed: shown on the record itself)';

/** `changesOf` for the audit log page. */
export function auditLogChanges(event: Pick<AuditEvent, 'before' | 'after' | 'entityType'>): Change[] {
  const changes = changesOf(event);
  if (!CASE_CONTENT.has(event.entityType)) return changes;
  return changes.map((c) => (SHOWN.has(c.field) ? c : { field: c.field, before: null, after: NOT_SHOWN }));
}

/** "role: trainer → director": only the fields that differ; a creation lists every field it set. */
export function changesOf(event: Pick<AuditEvent, 'before' | 'after'>): Change[] {
  const before = (event.before ?? {}) as Record<string, unknown>;
  const after = (event.after ?? {}) as Record<string, unknown>;
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return fields
    .filter((f) => JSON.stringify(before[f]) !== JSON.stringify(after[f]))
    .map((f) => ({ field: f, before: f in before ? show(before[f]) : null, after: show(after[f]) }));
}
