import type { Actor, AuditService } from '../audit/service.ts';
import { IdentifierFoundError, scanFields } from '../cases/identifier-check.ts';
import { canSeeDrafts } from '../cases/service.ts';
import type { Db } from '../db/database.ts';
import { ukToday } from '../domain/actions.ts';
import type { Role } from '../domain/roles.ts';
import { current, loadVocabularies, type Term } from '../vocabularies/service.ts';
import { type CaseActionsView, presentCaseActions } from './present.ts';
import * as repo from './repository.ts';
import type { ActionRules, EditActionInput, NewActionInput } from './schema.ts';

export type { ActionRow, ActionWithCase, ActionFilter } from './repository.ts';

/** Someone saved the action after this user opened it; `current` is what is stored now. */
export class ActionConflictError extends Error {
  constructor(readonly current: repo.ActionRow) {
    super('The action has been changed by someone else');
    this.name = 'ActionConflictError';
  }
}

export class ActionNotFoundError extends Error {
  constructor() {
    super('There is no such action');
    this.name = 'ActionNotFoundError';
  }
}

/** Who may add and change actions: the teams that agree them. Everyone signed in may read them. */
export const canEditActions = (role: Role): boolean => role === 'safety' || role === 'director';

/** What the audit trail keeps of an action: every field a user can set. */
const auditView = (r: Pick<repo.ActionRow, 'description' | 'owner' | 'due_date' | 'status' | 'dropped_reason' | 'evidence'>) => ({
  description: r.description,
  owner: r.owner,
  dueDate: r.due_date,
  status: r.status,
  droppedReason: r.dropped_reason,
  evidence: r.evidence,
});

export function createActionService(deps: { db: Db; audit: AuditService; clock: () => Date }) {
  const { db, audit, clock } = deps;
  const today = () => ukToday(clock());

  /**
   * The owners a form offers: current terms only, plus the action's own owner if it has since been
   * retired, so changing the due date does not force a new owner.
   */
  async function formContext(existing?: repo.ActionRow): Promise<{ rules: ActionRules; owners: Term[]; allOwners: Term[] }> {
    const all = (await loadVocabularies(db)).actionOwners;
    const kept = existing ? all.find((t) => t.code === existing.owner && t.retired) : undefined;
    const owners = kept ? [...current(all), kept] : current(all);
    return { rules: { today: today(), owners: owners.map((t) => t.code), ...(existing ? { keepDueDate: existing.due_date } : {}) }, owners, allOwners: all };
  }

  const findCase = (ref: string) => repo.findCase(db, ref);

  async function get(caseId: number, id: number): Promise<repo.ActionRow | undefined> {
    const row = await repo.findById(db, id);
    return row && row.case_id === caseId ? row : undefined;
  }

  async function create(actor: Actor, target: { id: number; ref: string }, input: NewActionInput): Promise<number> {
    const findings = scanFields({ description: input.description });
    if (findings.length) throw new IdentifierFoundError(findings);
    const at = clock().toISOString();
    return db.transaction().execute(async (trx) => {
      const row = {
        case_id: target.id,
        description: input.description,
        owner: input.owner,
        due_date: input.dueDate,
        status: 'open' as const,
        dropped_reason: null,
        evidence: null,
        version: 1,
        created_by: actor.id ?? 0,
        created_at: at,
        updated_at: at,
        completed_at: null,
      };
      const id = await repo.insert(trx, row);
      await audit.record(trx, { actor, action: 'action.create', entityType: 'action', entityId: String(id), after: { case: target.ref, ...auditView(row) } });
      return id;
    });
  }

  /** Saves a change unless someone else saved first; a reason is kept only for a dropped action. */
  async function update(actor: Actor, caseId: number, id: number, input: EditActionInput): Promise<repo.ActionRow> {
    const next = {
      description: input.description,
      owner: input.owner,
      due_date: input.dueDate,
      status: input.status,
      dropped_reason: input.status === 'dropped' ? input.droppedReason : null,
      evidence: input.evidence || null,
    };
    const findings = scanFields({ description: next.description, droppedReason: next.dropped_reason, evidence: next.evidence });
    if (findings.length) throw new IdentifierFoundError(findings);
    const now = clock().toISOString();
    return db.transaction().execute(async (trx) => {
      const row = await repo.findById(trx, id);
      if (!row || row.case_id !== caseId) throw new ActionNotFoundError();
      if (row.version !== input.version) throw new ActionConflictError(row);
      const before = auditView(row);
      const after = auditView(next);
      if (JSON.stringify(before) === JSON.stringify(after)) return row;
      const completedAt = next.status === 'open' ? null : next.status === row.status ? row.completed_at : now;
      const changes = { ...next, completed_at: completedAt, updated_at: now, version: row.version + 1 };
      if (!(await repo.updateIfVersion(trx, id, row.version, changes))) throw new ActionConflictError((await repo.findById(trx, id))!);
      await audit.record(trx, { actor, action: 'action.update', entityType: 'action', entityId: String(id), before, after });
      return { ...row, ...changes };
    });
  }

  /**
   * The actions section of a case page, for this viewer. Undefined when the case does not exist or
   * the viewer may not see it (trainers never see drafts), so a caller cannot leak one by mistake.
   */
  async function actionsForCase(caseRef: string, role: Role): Promise<CaseActionsView | undefined> {
    const found = await repo.findCase(db, caseRef);
    if (!found || (found.status === 'draft' && !canSeeDrafts(role))) return undefined;
    const [rows, v] = await Promise.all([repo.listForCase(db, found.id), loadVocabularies(db)]);
    return presentCaseActions(found.ref, rows, v.actionOwners, today(), canEditActions(role), found.withdrawn_at !== null);
  }

  async function list(filter: repo.ActionFilter, page: number, pageSize: number) {
    const [rows, total] = await Promise.all([repo.list(db, filter, pageSize, (page - 1) * pageSize), repo.count(db, filter)]);
    return { rows, total };
  }

  return { formContext, findCase, get, create, update, actionsForCase, list, today };
}

export type ActionService = ReturnType<typeof createActionService>;
