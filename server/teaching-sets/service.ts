import type { Actor, AuditService } from '../audit/service.ts';
import { IdentifierFoundError, scanFields } from '../cases/identifier-check.ts';
import { tagsOfMany } from '../cases/repository.ts';
import { type CaseView, toView } from '../cases/view.ts';
import type { Db } from '../db/database.ts';
import type { Role } from '../domain/roles.ts';
import * as repo from './repository.ts';
import type { SetInput } from './schema.ts';

export type { SetRow, SetSummaryRow } from './repository.ts';

/** Someone saved the set's details after this user opened the form; `current` is what is stored now. */
export class SetConflictError extends Error {
  constructor(readonly current: repo.SetRow) {
    super('The teaching set has been changed by someone else');
    this.name = 'SetConflictError';
  }
}

export class SetNotFoundError extends Error {
  constructor() {
    super('There is no such teaching set');
    this.name = 'SetNotFoundError';
  }
}

/** A change the rules refuse, told to the user against the field that caused it. */
export class SetRuleError extends Error {
  constructor(
    message: string,
    readonly field: 'ref' | 'note' | 'form' = 'form',
  ) {
    super(message);
    this.name = 'SetRuleError';
  }
}

/** Trainers build and change sets; every signed-in role may read, teach from, print and export them. */
export const canEditSets = (role: Role): boolean => role === 'trainer';

/**
 * One place in a set. A withdrawn case (or one that is somehow not submitted) carries no content at
 * all, not even the trainer's note, so no page or export can show it by mistake.
 */
export type SetItem =
  | { kind: 'teachable'; ref: string; position: number; note: string; case: CaseView }
  | { kind: 'withdrawn' | 'unavailable'; ref: string; position: number };

export type SetDetail = { set: repo.SetRow; items: SetItem[]; teachable: Extract<SetItem, { kind: 'teachable' }>[] };

export type AddToSetOptions = {
  ref: string;
  returnTo: string;
  items: { value: string; text: string }[];
  inSets: { title: string; href: string }[];
};

const detailsOf = (r: Pick<repo.SetRow, 'title' | 'description' | 'audience'>) => ({ title: r.title, description: r.description, audience: r.audience });

export function createTeachingSetService(deps: { db: Db; audit: AuditService; clock: () => Date }) {
  const { db, audit, clock } = deps;
  const now = () => clock().toISOString();

  async function list() {
    const rows = await repo.listSets(db);
    return { open: rows.filter((r) => r.archived_at === null), archived: rows.filter((r) => r.archived_at !== null) };
  }

  const get = (id: number) => repo.findSet(db, id);

  async function detail(id: number): Promise<SetDetail | undefined> {
    const set = await repo.findSet(db, id);
    if (!set) return undefined;
    const rows = await repo.itemsOf(db, id);
    // Sets are for teaching: no link to a draft, which trainers never see.
    const tags = await tagsOfMany(db, rows.map((r) => r.id), { hideDrafts: true });
    const items: SetItem[] = rows.map((r, i) => {
      const position = i + 1;
      if (r.withdrawn_at !== null) return { kind: 'withdrawn', ref: r.ref, position };
      if (r.status === 'draft') return { kind: 'unavailable', ref: r.ref, position };
      return { kind: 'teachable', ref: r.ref, position, note: r.item_note, case: toView(r, tags.get(r.id)!) };
    });
    return { set, items, teachable: items.filter((i) => i.kind === 'teachable') };
  }

  function refuseIdentifiers(fields: Record<string, string>) {
    const findings = scanFields(fields);
    if (findings.length) throw new IdentifierFoundError(findings);
  }

  async function create(actor: Actor, input: SetInput): Promise<number> {
    refuseIdentifiers(detailsOf(input));
    const at = now();
    return db.transaction().execute(async (trx) => {
      const id = await repo.insertSet(trx, { ...detailsOf(input), version: 1, created_by: actor.id ?? 0, created_at: at, updated_at: at, archived_at: null });
      await audit.record(trx, { actor, action: 'teaching_set.create', entityType: 'teaching_set', entityId: String(id), after: detailsOf(input) });
      return id;
    });
  }

  /** Saves the set's details unless someone else saved first. */
  async function update(actor: Actor, id: number, input: SetInput): Promise<repo.SetRow> {
    refuseIdentifiers(detailsOf(input));
    return db.transaction().execute(async (trx) => {
      const row = await repo.findSet(trx, id);
      if (!row) throw new SetNotFoundError();
      if (row.version !== input.version) throw new SetConflictError(row);
      if (row.archived_at !== null) throw new SetRuleError('This teaching set is archived: unarchive it before changing it');
      const before = detailsOf(row);
      const after = detailsOf(input);
      const keys = (Object.keys(after) as (keyof typeof after)[]).filter((k) => before[k] !== after[k]);
      if (!keys.length) return row;
      const changes = { ...after, updated_at: now(), version: row.version + 1 };
      if (!(await repo.updateSetIfVersion(trx, id, row.version, changes))) throw new SetConflictError((await repo.findSet(trx, id))!);
      const pick = (o: Record<string, string>) => Object.fromEntries(keys.map((k) => [k, o[k]]));
      await audit.record(trx, { actor, action: 'teaching_set.update', entityType: 'teaching_set', entityId: String(id), before: pick(before), after: pick(after) });
      return { ...row, ...changes };
    });
  }

  /** Archiving hides a set from the add-to-set choices and freezes it; it stays readable. Repeating either is harmless. */
  async function setArchived(actor: Actor, id: number, archived: boolean): Promise<void> {
    await db.transaction().execute(async (trx) => {
      const row = await repo.findSet(trx, id);
      if (!row) throw new SetNotFoundError();
      if ((row.archived_at !== null) === archived) return;
      const at = now();
      // The version moves on so a details form opened before the change cannot save over it.
      await repo.updateSetIfVersion(trx, id, row.version, { archived_at: archived ? at : null, updated_at: at, version: row.version + 1 });
      await audit.record(trx, {
        actor,
        action: archived ? 'teaching_set.archive' : 'teaching_set.unarchive',
        entityType: 'teaching_set',
        entityId: String(id),
        before: { archived: !archived },
        after: { archived },
      });
    });
  }

  /** Loads a set that may be changed, inside the caller's transaction. */
  async function changeable(trx: Db, id: number): Promise<repo.SetRow> {
    const row = await repo.findSet(trx, id);
    if (!row) throw new SetNotFoundError();
    if (row.archived_at !== null) throw new SetRuleError('This teaching set is archived: unarchive it before changing its cases');
    return row;
  }

  async function itemOf(trx: Db, setId: number, ref: string) {
    const found = await repo.findCase(trx, ref);
    const item = found ? await repo.findItem(trx, setId, found.id) : undefined;
    if (!found || !item) throw new SetRuleError(`${ref} is not in this teaching set`, 'ref');
    return { caseId: found.id, item };
  }

  /** Only submitted and closed cases that have not been withdrawn can be taught from. */
  async function addCase(actor: Actor, setId: number, ref: string, note: string): Promise<repo.SetRow> {
    refuseIdentifiers({ note });
    return db.transaction().execute(async (trx) => {
      const set = await changeable(trx, setId);
      const found = await repo.findCase(trx, ref);
      // Trainers never see drafts: a draft is answered as a case that does not exist, not named as a draft.
      if (!found || found.status === 'draft') throw new SetRuleError(`There is no case ${ref}`, 'ref');
      if (found.withdrawn_at !== null) throw new SetRuleError(`${ref} has been withdrawn, so it cannot be added to a teaching set`, 'ref');
      if (await repo.findItem(trx, setId, found.id)) throw new SetRuleError(`${ref} is already in this teaching set`, 'ref');
      const at = now();
      const position = await repo.nextPosition(trx, setId);
      await repo.insertItem(trx, { set_id: setId, case_id: found.id, position, note, added_at: at });
      await repo.touchSet(trx, setId, at);
      await audit.record(trx, { actor, action: 'teaching_set.add_case', entityType: 'teaching_set', entityId: String(setId), after: { case: ref, note } });
      return set;
    });
  }

  async function removeCase(actor: Actor, setId: number, ref: string): Promise<void> {
    await db.transaction().execute(async (trx) => {
      await changeable(trx, setId);
      const { caseId, item } = await itemOf(trx, setId, ref);
      await repo.deleteItem(trx, setId, caseId);
      await repo.touchSet(trx, setId, now());
      await audit.record(trx, { actor, action: 'teaching_set.remove_case', entityType: 'teaching_set', entityId: String(setId), before: { case: ref, note: item.note } });
    });
  }

  /** Swaps a case with its neighbour; at either end it stays put. */
  async function moveCase(actor: Actor, setId: number, ref: string, direction: 'up' | 'down'): Promise<void> {
    await db.transaction().execute(async (trx) => {
      await changeable(trx, setId);
      const { caseId } = await itemOf(trx, setId, ref);
      const order = await repo.orderOf(trx, setId);
      const from = order.findIndex((o) => o.case_id === caseId);
      const to = direction === 'up' ? from - 1 : from + 1;
      const neighbour = order[to];
      if (!neighbour) return;
      // Positions are renumbered 1…n as they are swapped, so gaps left by removals and ties close up.
      const renumbered = order.map((o) => o.case_id);
      [renumbered[from], renumbered[to]] = [renumbered[to]!, renumbered[from]!];
      for (const [i, id] of renumbered.entries()) await repo.setItemPosition(trx, setId, id, i + 1);
      await repo.touchSet(trx, setId, now());
      await audit.record(trx, { actor, action: 'teaching_set.move_case', entityType: 'teaching_set', entityId: String(setId), before: { case: ref, position: from + 1 }, after: { case: ref, position: to + 1 } });
    });
  }

  async function setNote(actor: Actor, setId: number, ref: string, note: string): Promise<void> {
    refuseIdentifiers({ note });
    await db.transaction().execute(async (trx) => {
      await changeable(trx, setId);
      const { caseId, item } = await itemOf(trx, setId, ref);
      if (item.note === note) return;
      await repo.setItemNote(trx, setId, caseId, note);
      await repo.touchSet(trx, setId, now());
      await audit.record(trx, { actor, action: 'teaching_set.note', entityType: 'teaching_set', entityId: String(setId), before: { case: ref, note: item.note }, after: { case: ref, note } });
    });
  }

  const recordExport = (actor: Actor, setId: number, format: 'csv' | 'html', count: number) =>
    audit.record(db, { actor, action: 'teaching_set.export', entityType: 'teaching_set', entityId: String(setId), after: { format, count } });

  /**
   * What `views/partials/teaching-sets/add-to-set.hbs` needs on a case page. Undefined when this user
   * may not add the case anywhere: not a trainer, or a case that is not submitted, has been withdrawn
   * or does not exist.
   */
  async function addToSetOptions(user: { role: Role }, caseRef: string, returnTo = `/cases/${caseRef}`): Promise<AddToSetOptions | undefined> {
    return (await addToSetOptionsMany(user, [caseRef], returnTo)).get(caseRef);
  }

  /** The same for a page of search results, in a fixed number of queries; cases that cannot be added are left out. */
  async function addToSetOptionsMany(user: { role: Role }, caseRefs: string[], returnTo: string): Promise<Map<string, AddToSetOptions>> {
    const out = new Map<string, AddToSetOptions>();
    if (!canEditSets(user.role) || caseRefs.length === 0) return out;
    const addable = (await repo.findCases(db, [...new Set(caseRefs)])).filter((c) => c.status !== 'draft' && c.withdrawn_at === null);
    if (!addable.length) return out;
    const [containing, open] = await Promise.all([repo.setsContaining(db, addable.map((c) => c.id)), repo.openSets(db)]);
    for (const c of addable) {
      const mine = containing.filter((s) => s.case_id === c.id);
      const taken = new Set(mine.map((s) => s.id));
      out.set(c.ref, {
        ref: c.ref,
        returnTo,
        items: open.filter((s) => !taken.has(s.id)).map((s) => ({ value: String(s.id), text: s.title })),
        inSets: mine.map((s) => ({ title: s.archived_at ? `${s.title} (archived)` : s.title, href: `/teaching-sets/${s.id}` })),
      });
    }
    return out;
  }

  return { list, get, detail, create, update, setArchived, addCase, removeCase, moveCase, setNote, recordExport, addToSetOptions, addToSetOptionsMany };
}

export type TeachingSetService = ReturnType<typeof createTeachingSetService>;
