import type { Db } from '../db/database.ts';
import { chunks } from '../db/chunks.ts';
import type { CaseRow, CasesTable, NewCaseRow } from '../db/schema.ts';
import type { Updateable } from 'kysely';

/** The next reference number for a year. Runs inside the caller's transaction. */
export async function nextSequence(db: Db, year: number): Promise<number> {
  const updated = await db.updateTable('case_sequences').set((eb) => ({ last: eb('last', '+', 1) })).where('year', '=', year).executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) await db.insertInto('case_sequences').values({ year, last: 1 }).execute();
  const row = await db.selectFrom('case_sequences').select('last').where('year', '=', year).executeTakeFirstOrThrow();
  return Number(row.last);
}

/** Reserves `count` consecutive numbers of a year's sequence and returns the first. */
export async function reserveSequence(db: Db, year: number, count: number): Promise<number> {
  const updated = await db.updateTable('case_sequences').set((eb) => ({ last: eb('last', '+', count) })).where('year', '=', year).executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) await db.insertInto('case_sequences').values({ year, last: count }).execute();
  const row = await db.selectFrom('case_sequences').select('last').where('year', '=', year).executeTakeFirstOrThrow();
  return Number(row.last) - count + 1;
}

/** Many new cases with their tags, each row's tags in the same order as the rows; returns the ids. */
export async function insertCasesWithTags(db: Db, rows: { row: NewCaseRow; themes: string[]; factors: string[]; repeats: number[] }[]): Promise<number[]> {
  const ids: number[] = [];
  // About 30 columns a case: 200 rows stay well inside the parameter limit.
  for (const chunk of chunks(rows, 200)) {
    const inserted = await db.insertInto('cases').values(chunk.map((r) => r.row)).returning(['id', 'ref']).execute();
    const idOf = new Map(inserted.map((r) => [r.ref, Number(r.id)]));
    ids.push(...chunk.map((r) => idOf.get(r.row.ref)!));
  }
  const themes = rows.flatMap((r, i) => r.themes.map((theme_code) => ({ case_id: ids[i]!, theme_code })));
  const factors = rows.flatMap((r, i) => r.factors.map((factor_code) => ({ case_id: ids[i]!, factor_code })));
  const links = rows.flatMap((r, i) => r.repeats.map((repeats_case_id) => ({ case_id: ids[i]!, repeats_case_id })));
  for (const chunk of chunks(themes, 1000)) await db.insertInto('case_themes').values(chunk).execute();
  for (const chunk of chunks(factors, 1000)) await db.insertInto('case_factors').values(chunk).execute();
  for (const chunk of chunks(links, 1000)) await db.insertInto('case_links').values(chunk).execute();
  return ids;
}

export async function insertCase(db: Db, row: NewCaseRow): Promise<number> {
  const { id } = await db.insertInto('cases').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(id);
}

/** Sets a case's themes, factors and repeat links to exactly these. */
export async function replaceTags(db: Db, caseId: number, input: { themes: { theme: string; factors: string[] }[] }, repeats: number[]): Promise<void> {
  await db.deleteFrom('case_themes').where('case_id', '=', caseId).execute();
  await db.deleteFrom('case_factors').where('case_id', '=', caseId).execute();
  await db.deleteFrom('case_links').where('case_id', '=', caseId).execute();
  const themes = input.themes.map((t) => t.theme);
  const factors = [...new Set(input.themes.flatMap((t) => t.factors))];
  if (themes.length) await db.insertInto('case_themes').values(themes.map((theme_code) => ({ case_id: caseId, theme_code }))).execute();
  if (factors.length) await db.insertInto('case_factors').values(factors.map((factor_code) => ({ case_id: caseId, factor_code }))).execute();
  if (repeats.length) await db.insertInto('case_links').values(repeats.map((repeats_case_id) => ({ case_id: caseId, repeats_case_id }))).execute();
}

export const findByRef = (db: Db, ref: string): Promise<CaseRow | undefined> =>
  db.selectFrom('cases').selectAll().where('ref', '=', ref).executeTakeFirst();

export async function idsByRef(db: Db, refs: string[]): Promise<Map<string, { id: number; status: string; withdrawn: boolean }>> {
  if (refs.length === 0) return new Map();
  const rows = await db.selectFrom('cases').select(['id', 'ref', 'status', 'withdrawn_at']).where('ref', 'in', refs).execute();
  return new Map(rows.map((r) => [r.ref, { id: r.id, status: r.status, withdrawn: r.withdrawn_at !== null }]));
}

export async function tagsOf(db: Db, caseId: number) {
  const [themes, factors, repeats, repeatedBy] = await Promise.all([
    db.selectFrom('case_themes').select('theme_code').where('case_id', '=', caseId).orderBy('theme_code').execute(),
    db.selectFrom('case_factors').select('factor_code').where('case_id', '=', caseId).orderBy('factor_code').execute(),
    db.selectFrom('case_links').innerJoin('cases', 'cases.id', 'case_links.repeats_case_id').select('cases.ref').where('case_links.case_id', '=', caseId).orderBy('cases.ref').execute(),
    db.selectFrom('case_links').innerJoin('cases', 'cases.id', 'case_links.case_id').select('cases.ref').where('case_links.repeats_case_id', '=', caseId).orderBy('cases.ref').execute(),
  ]);
  return {
    themes: themes.map((t) => t.theme_code),
    factors: factors.map((f) => f.factor_code),
    repeats: repeats.map((r) => r.ref),
    repeatedBy: repeatedBy.map((r) => r.ref),
  };
}

/** Writes only if the stored version is still the expected one; false when someone saved first. */
export async function updateCase(db: Db, id: number, expectedVersion: number, changes: Updateable<CasesTable>): Promise<boolean> {
  const result = await db.updateTable('cases').set(changes).where('id', '=', id).where('version', '=', expectedVersion).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function countCases(db: Db): Promise<number> {
  const row = await db.selectFrom('cases').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export const draftsBy = (db: Db, userId: number, limit: number) =>
  db
    .selectFrom('cases')
    .select(['ref', 'title', 'event_month', 'updated_at'])
    .where('created_by', '=', userId)
    .where('status', '=', 'draft')
    .where('withdrawn_at', 'is', null)
    .orderBy('updated_at', 'desc')
    .limit(limit)
    .execute();

export type CaseFilter = {
  statuses?: ('draft' | 'submitted' | 'closed')[];
  /** For those who never see drafts: no links to drafts in what is listed either. */
  hideDraftLinks?: boolean;
  withdrawn?: boolean;
  theme?: string;
  factor?: string;
  source?: string;
  department?: string;
  modality?: string;
  harm?: string;
  from?: string;
  to?: string;
  afterId?: number;
};

export type CaseSort = 'event_desc' | 'event_asc' | 'updated_desc' | 'ref_asc' | 'id_asc';

/** The filtered cases as a query both list pages and exports build on. */
export function filteredCases(db: Db, f: CaseFilter) {
  let q = db.selectFrom('cases');
  if (f.statuses?.length) q = q.where('status', 'in', f.statuses);
  q = f.withdrawn ? q.where('withdrawn_at', 'is not', null) : q.where('withdrawn_at', 'is', null);
  if (f.theme) q = q.where('id', 'in', db.selectFrom('case_themes').select('case_id').where('theme_code', '=', f.theme));
  if (f.factor) q = q.where('id', 'in', db.selectFrom('case_factors').select('case_id').where('factor_code', '=', f.factor));
  if (f.source) q = q.where('source', '=', f.source);
  if (f.department) q = q.where('department', '=', f.department);
  if (f.modality) q = q.where('modality', '=', f.modality);
  if (f.harm) q = q.where('harm', '=', f.harm);
  if (f.from) q = q.where('event_month', '>=', f.from);
  if (f.to) q = q.where('event_month', '<=', f.to);
  if (f.afterId !== undefined) q = q.where('id', '>', f.afterId);
  return q;
}

const ORDER: Record<CaseSort, [keyof CaseRow, 'asc' | 'desc']> = {
  event_desc: ['event_month', 'desc'],
  event_asc: ['event_month', 'asc'],
  updated_desc: ['updated_at', 'desc'],
  ref_asc: ['ref', 'asc'],
  id_asc: ['id', 'asc'],
};

/** The ids of a page of cases, in order: from the indexes alone for the list's filters (migration 0013). */
export function pageOfIds(db: Db, f: CaseFilter, sort: CaseSort, limit: number, offset = 0) {
  const [column, direction] = ORDER[sort];
  return filteredCases(db, f).select('id').orderBy(column, direction).orderBy('id', direction).limit(limit).offset(offset);
}

/**
 * A page of cases: their ids first, sorted and cut from the indexes alone, then those rows. Sorting
 * whole rows, narratives and all, to reach page 200 of 10,000 cases took SQLite 125 ms; this, 2 ms.
 */
export async function listCases(db: Db, f: CaseFilter, sort: CaseSort, limit: number, offset = 0): Promise<CaseRow[]> {
  const ids = (await pageOfIds(db, f, sort, limit, offset).execute()).map((r) => r.id);
  if (!ids.length) return [];
  const rows = new Map((await db.selectFrom('cases').selectAll().where('id', 'in', ids).execute()).map((r) => [r.id, r]));
  return ids.map((id) => rows.get(id)).filter((r): r is CaseRow => r !== undefined);
}

/** Cases per status, the other filters applied. */
export const statusCounts = (db: Db, f: CaseFilter) =>
  filteredCases(db, { ...f, statuses: undefined }).select(['status', (eb) => eb.fn.countAll().as('n')]).groupBy('status');

export async function countByStatus(db: Db, f: CaseFilter): Promise<Record<string, number>> {
  const rows = await statusCounts(db, f).execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

/** Tags for many cases in three queries rather than three per case. */
/** Tags of many cases at once. `hideDrafts`: links to drafts left out, for those who never see drafts. */
export async function tagsOfMany(db: Db, ids: number[], opts: { hideDrafts?: boolean } = {}): Promise<Map<number, CaseTagRows>> {
  const out = new Map<number, CaseTagRows>(ids.map((id) => [id, { themes: [], factors: [], repeats: [], repeatedBy: [] }]));
  if (!ids.length) return out;
  const hide = opts.hideDrafts ? ['draft' as const] : [];
  const [themes, factors, repeats, repeatedBy] = await Promise.all([
    db.selectFrom('case_themes').select(['case_id', 'theme_code']).where('case_id', 'in', ids).orderBy('theme_code').execute(),
    db.selectFrom('case_factors').select(['case_id', 'factor_code']).where('case_id', 'in', ids).orderBy('factor_code').execute(),
    db
      .selectFrom('case_links')
      .innerJoin('cases', 'cases.id', 'case_links.repeats_case_id')
      .select(['case_links.case_id as id', 'cases.ref'])
      .where('case_links.case_id', 'in', ids)
      .$if(hide.length > 0, (q) => q.where('cases.status', 'not in', hide))
      .orderBy('cases.ref')
      .execute(),
    db
      .selectFrom('case_links')
      .innerJoin('cases', 'cases.id', 'case_links.case_id')
      .select(['case_links.repeats_case_id as id', 'cases.ref'])
      .where('case_links.repeats_case_id', 'in', ids)
      .$if(hide.length > 0, (q) => q.where('cases.status', 'not in', hide))
      .orderBy('cases.ref')
      .execute(),
  ]);
  for (const t of themes) out.get(t.case_id)!.themes.push(t.theme_code);
  for (const f of factors) out.get(f.case_id)!.factors.push(f.factor_code);
  for (const r of repeats) out.get(r.id)!.repeats.push(r.ref);
  for (const r of repeatedBy) out.get(r.id)!.repeatedBy.push(r.ref);
  return out;
}

export type CaseTagRows = { themes: string[]; factors: string[]; repeats: string[]; repeatedBy: string[] };
