import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Db } from '../db/database.ts';
import type { CaseRow, TeachingSetsTable } from '../db/schema.ts';

export type SetRow = Selectable<TeachingSetsTable>;
export type SetSummaryRow = SetRow & { teachable: number };
/** A case in a set: the whole case row, with where it sits in the set and the trainer's note. */
export type ItemRow = CaseRow & { item_position: number; item_note: string; item_added_at: string };

export const findSet = (db: Db, id: number): Promise<SetRow | undefined> => db.selectFrom('teaching_sets').selectAll().where('id', '=', id).executeTakeFirst();

export async function insertSet(db: Db, row: Insertable<TeachingSetsTable>): Promise<number> {
  const { id } = await db.insertInto('teaching_sets').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(id);
}

/** Writes only if nobody has changed the set since `version` was read; false when someone has. */
export async function updateSetIfVersion(db: Db, id: number, version: number, changes: Updateable<TeachingSetsTable>): Promise<boolean> {
  const result = await db.updateTable('teaching_sets').set(changes).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** A change to the set's cases: the set counts as updated, but an open details form is not made stale. */
export const touchSet = (db: Db, id: number, at: string) => db.updateTable('teaching_sets').set({ updated_at: at }).where('id', '=', id).execute();

/** Every set with how many of its cases can be taught (submitted or closed, not withdrawn). */
export function listSets(db: Db): Promise<SetSummaryRow[]> {
  return db
    .selectFrom('teaching_sets')
    .select((eb) => [
      'teaching_sets.id',
      'teaching_sets.title',
      'teaching_sets.description',
      'teaching_sets.audience',
      'teaching_sets.version',
      'teaching_sets.created_by',
      'teaching_sets.created_at',
      'teaching_sets.updated_at',
      'teaching_sets.archived_at',
      eb
        .selectFrom('teaching_set_items')
        .innerJoin('cases', 'cases.id', 'teaching_set_items.case_id')
        .select((c) => c.fn.countAll<number>().as('n'))
        .whereRef('teaching_set_items.set_id', '=', 'teaching_sets.id')
        .where('cases.withdrawn_at', 'is', null)
        .where('cases.status', '!=', 'draft')
        .as('teachable'),
    ])
    .orderBy('teaching_sets.updated_at', 'desc')
    .orderBy('teaching_sets.id', 'desc')
    .execute()
    .then((rows) => rows.map((r) => ({ ...r, teachable: Number(r.teachable ?? 0) })));
}

export const itemsOf = (db: Db, setId: number): Promise<ItemRow[]> =>
  db
    .selectFrom('teaching_set_items')
    .innerJoin('cases', 'cases.id', 'teaching_set_items.case_id')
    .selectAll('cases')
    .select(['teaching_set_items.position as item_position', 'teaching_set_items.note as item_note', 'teaching_set_items.added_at as item_added_at'])
    .where('teaching_set_items.set_id', '=', setId)
    .orderBy('teaching_set_items.position')
    .orderBy('teaching_set_items.added_at')
    .execute();

export const findCase = (db: Db, ref: string) =>
  db.selectFrom('cases').select(['id', 'ref', 'status', 'withdrawn_at']).where('ref', '=', ref).executeTakeFirst();

export const findItem = (db: Db, setId: number, caseId: number) =>
  db.selectFrom('teaching_set_items').selectAll().where('set_id', '=', setId).where('case_id', '=', caseId).executeTakeFirst();

/** The set's items in order, without their cases: what reordering works on. */
export const orderOf = (db: Db, setId: number) =>
  db.selectFrom('teaching_set_items').select(['case_id', 'position']).where('set_id', '=', setId).orderBy('position').orderBy('added_at').execute();

export async function nextPosition(db: Db, setId: number): Promise<number> {
  const row = await db.selectFrom('teaching_set_items').select((eb) => eb.fn.max('position').as('last')).where('set_id', '=', setId).executeTakeFirst();
  return Number(row?.last ?? 0) + 1;
}

export const insertItem = (db: Db, row: { set_id: number; case_id: number; position: number; note: string; added_at: string }) =>
  db.insertInto('teaching_set_items').values(row).execute();

export const deleteItem = (db: Db, setId: number, caseId: number) =>
  db.deleteFrom('teaching_set_items').where('set_id', '=', setId).where('case_id', '=', caseId).execute();

export const setItemPosition = (db: Db, setId: number, caseId: number, position: number) =>
  db.updateTable('teaching_set_items').set({ position }).where('set_id', '=', setId).where('case_id', '=', caseId).execute();

export const setItemNote = (db: Db, setId: number, caseId: number, note: string) =>
  db.updateTable('teaching_set_items').set({ note }).where('set_id', '=', setId).where('case_id', '=', caseId).execute();

/** The sets each of these cases is in, so a page can say so and not offer them again. */
export const setsContaining = (db: Db, caseIds: number[]) =>
  db
    .selectFrom('teaching_set_items')
    .innerJoin('teaching_sets', 'teaching_sets.id', 'teaching_set_items.set_id')
    .select(['teaching_set_items.case_id', 'teaching_sets.id', 'teaching_sets.title', 'teaching_sets.archived_at'])
    .where('teaching_set_items.case_id', 'in', caseIds)
    .orderBy('teaching_sets.title')
    .execute();

export const findCases = (db: Db, refs: string[]) =>
  db.selectFrom('cases').select(['id', 'ref', 'status', 'withdrawn_at']).where('ref', 'in', refs).execute();

export const openSets = (db: Db) =>
  db.selectFrom('teaching_sets').select(['id', 'title', 'created_by']).where('archived_at', 'is', null).orderBy('updated_at', 'desc').orderBy('id', 'desc').execute();
