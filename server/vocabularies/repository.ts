import type { Db } from '../db/database.ts';
import { referenceDataChanged } from './changes.ts';

export const listTerms = (db: Db) =>
  db.selectFrom('vocabulary_terms').selectAll().orderBy('vocabulary').orderBy('position').execute();

export const listThemes = (db: Db) => db.selectFrom('themes').selectAll().orderBy('position').execute();

export const listFactors = (db: Db) => db.selectFrom('factors').selectAll().orderBy('theme_code').orderBy('position').execute();

export const listDepartments = (db: Db) => db.selectFrom('departments').selectAll().orderBy('label').execute();

export const listTimeframes = (db: Db) =>
  db.selectFrom('timeframes').selectAll().orderBy('urgency').orderBy('from_stage').orderBy('to_stage').execute();

export async function insertDepartmentIfMissing(db: Db, code: string, label: string): Promise<boolean> {
  const existing = await db.selectFrom('departments').select('code').where('code', '=', code).executeTakeFirst();
  if (existing) return false;
  referenceDataChanged();
  await db.insertInto('departments').values({ code, label, retired: 0 }).execute();
  return true;
}
