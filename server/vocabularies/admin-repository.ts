import type { Db } from '../db/database.ts';
import { referenceDataChanged } from './changes.ts';

type Changes = { label?: string; retired?: number; position?: number };

export const termsOf = (db: Db, vocabulary: string) =>
  db.selectFrom('vocabulary_terms').selectAll().where('vocabulary', '=', vocabulary).orderBy('position').orderBy('code').execute();

export async function insertTerm(db: Db, vocabulary: string, code: string, label: string): Promise<void> {
  referenceDataChanged();
  // Appended after everything, retired terms included, so positions stay unique.
  const last = await db.selectFrom('vocabulary_terms').select((eb) => eb.fn.max('position').as('p')).where('vocabulary', '=', vocabulary).executeTakeFirst();
  await db.insertInto('vocabulary_terms').values({ vocabulary, code, label, position: Number(last?.p ?? 0) + 1, retired: 0 }).execute();
}

export async function updateTerm(db: Db, vocabulary: string, code: string, changes: Changes): Promise<void> {
  referenceDataChanged();
  await db.updateTable('vocabulary_terms').set(changes).where('vocabulary', '=', vocabulary).where('code', '=', code).execute();
}

export const departments = (db: Db) => db.selectFrom('departments').selectAll().orderBy('label').orderBy('code').execute();

export async function insertDepartment(db: Db, code: string, label: string): Promise<void> {
  referenceDataChanged();
  await db.insertInto('departments').values({ code, label, retired: 0 }).execute();
}

export async function updateDepartment(db: Db, code: string, changes: Omit<Changes, 'position'>): Promise<void> {
  referenceDataChanged();
  await db.updateTable('departments').set(changes).where('code', '=', code).execute();
}

export const themes = (db: Db) => db.selectFrom('themes').selectAll().orderBy('position').execute();

export const findTheme = (db: Db, code: string) => db.selectFrom('themes').selectAll().where('code', '=', code).executeTakeFirst();

export async function updateTheme(db: Db, code: string, changes: { label: string; summary: string }): Promise<void> {
  referenceDataChanged();
  await db.updateTable('themes').set(changes).where('code', '=', code).execute();
}

export const factorsOf = (db: Db, theme: string) =>
  db.selectFrom('factors').selectAll().where('theme_code', '=', theme).orderBy('position').orderBy('code').execute();

/** Every factor code in use anywhere, so a new code can never collide with another theme's. */
export const allFactorCodes = async (db: Db): Promise<string[]> => (await db.selectFrom('factors').select('code').execute()).map((r) => r.code);

export async function insertFactor(db: Db, theme: string, code: string, label: string): Promise<void> {
  referenceDataChanged();
  const last = await db.selectFrom('factors').select((eb) => eb.fn.max('position').as('p')).where('theme_code', '=', theme).executeTakeFirst();
  await db.insertInto('factors').values({ code, theme_code: theme, label, position: Number(last?.p ?? 0) + 1, retired: 0 }).execute();
}

export async function updateFactor(db: Db, theme: string, code: string, changes: Changes): Promise<void> {
  referenceDataChanged();
  await db.updateTable('factors').set(changes).where('theme_code', '=', theme).where('code', '=', code).execute();
}

export type TimeframeKey = { urgency: string; fromStage: string; toStage: string };

export const findTimeframe = (db: Db, k: TimeframeKey) =>
  db.selectFrom('timeframes').selectAll().where('urgency', '=', k.urgency).where('from_stage', '=', k.fromStage).where('to_stage', '=', k.toStage).executeTakeFirst();

export async function saveTimeframe(db: Db, k: TimeframeKey, v: { maxDays: number; source: string; local: boolean }, exists: boolean): Promise<void> {
  referenceDataChanged();
  const values = { max_days: v.maxDays, source: v.source, local: v.local ? 1 : 0 };
  if (exists) {
    await db.updateTable('timeframes').set(values).where('urgency', '=', k.urgency).where('from_stage', '=', k.fromStage).where('to_stage', '=', k.toStage).execute();
  } else {
    await db.insertInto('timeframes').values({ urgency: k.urgency, from_stage: k.fromStage, to_stage: k.toStage, ...values }).execute();
  }
}
