import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Db } from '../db/database.ts';
import type { ActionsTable, ActionStatus } from '../db/schema.ts';

export type ActionRow = Selectable<ActionsTable>;
/** An action with the reference and department of its case, when it belongs to one. */
export type ActionWithCase = ActionRow & { case_ref: string | null; case_department: string | null; review_quarter: string | null; review_scope: string | null };

export type ActionFilter = {
  status?: ActionStatus;
  /** Open actions due before this day only. */
  overdueOn?: string;
  owner?: string;
  department?: string;
};

export const findCase = (db: Db, ref: string) =>
  db.selectFrom('cases').select(['id', 'ref', 'title', 'status', 'withdrawn_at']).where('ref', '=', ref).executeTakeFirst();

export const findById = (db: Db, id: number): Promise<ActionRow | undefined> =>
  db.selectFrom('actions').selectAll().where('id', '=', id).executeTakeFirst();

export async function insert(db: Db, row: Insertable<ActionsTable>): Promise<number> {
  const { id } = await db.insertInto('actions').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(id);
}

/** Writes only if nobody has changed the row since `version` was read; false when someone has. */
export async function updateIfVersion(db: Db, id: number, version: number, changes: Updateable<ActionsTable>): Promise<boolean> {
  const result = await db.updateTable('actions').set(changes).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** A case's actions: open ones first by due date, then the rest. */
export const listForCase = (db: Db, caseId: number): Promise<ActionRow[]> =>
  db
    .selectFrom('actions')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy((eb) => eb.case().when('status', '=', 'open').then(0).else(1).end())
    .orderBy('due_date')
    .orderBy('id')
    .execute();

function filtered(db: Db, f: ActionFilter) {
  let q = db.selectFrom('actions').leftJoin('cases', 'cases.id', 'actions.case_id').leftJoin('reviews', 'reviews.id', 'actions.review_id');
  if (f.status) q = q.where('actions.status', '=', f.status);
  if (f.overdueOn) q = q.where('actions.status', '=', 'open').where('actions.due_date', '<', f.overdueOn);
  if (f.owner) q = q.where('actions.owner', '=', f.owner);
  if (f.department) q = q.where('cases.department', '=', f.department);
  return q;
}

export const list = (db: Db, f: ActionFilter, limit: number, offset: number): Promise<ActionWithCase[]> =>
  filtered(db, f)
    .selectAll('actions')
    .select(['cases.ref as case_ref', 'cases.department as case_department', 'reviews.quarter as review_quarter', 'reviews.scope as review_scope'])
    .orderBy('actions.due_date')
    .orderBy('actions.id')
    .limit(limit)
    .offset(offset)
    .execute();

export async function count(db: Db, f: ActionFilter): Promise<number> {
  const row = await filtered(db, f).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}
