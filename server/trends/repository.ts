import type { Db } from '../db/database.ts';
import { type Measure, SERIOUS_HARMS } from './measures.ts';

/** Filters every chart takes: one department, source or care setting, and a range of event months. */
export type TrendFilters = { department?: string; departments?: string[]; source?: string; setting?: string; from: string; to: string };

/** Cases that count towards trends: submitted or closed, never drafts or withdrawn cases. */
function counted(db: Db, f: TrendFilters) {
  let q = db
    .selectFrom('cases')
    .where('status', 'in', ['submitted', 'closed'])
    .where('withdrawn_at', 'is', null)
    .where('event_month', '>=', f.from)
    .where('event_month', '<=', f.to);
  if (f.department) q = q.where('department', '=', f.department);
  // A quarterly review may cover several departments at once.
  if (f.departments?.length) q = q.where('department', 'in', f.departments);
  if (f.source) q = q.where('source', '=', f.source);
  if (f.setting) q = q.where('setting', '=', f.setting);
  return q;
}

/** Cases per event month for a count measure. Months without cases are absent: the caller fills zeros. */
export async function monthlyCounts(db: Db, measure: Measure, f: TrendFilters): Promise<Map<string, number>> {
  let q = counted(db, f);
  const w = measure.where;
  if (w && 'harmAtLeastModerate' in w) q = q.where('harm', 'in', [...SERIOUS_HARMS]);
  else if (w?.column === 'theme') q = q.where('id', 'in', db.selectFrom('case_themes').select('case_id').where('theme_code', '=', w.value));
  else if (w?.column === 'factor') q = q.where('id', 'in', db.selectFrom('case_factors').select('case_id').where('factor_code', '=', w.value));
  else if (w) q = q.where(w.column, '=', w.value);
  const rows = await q.select(['event_month', (eb) => eb.fn.countAll().as('n')]).groupBy('event_month').execute();
  return new Map(rows.map((r) => [r.event_month, Number(r.n)]));
}

/** Every theme's monthly counts in one query, for the dashboard. */
export async function monthlyThemeCounts(db: Db, f: TrendFilters): Promise<Map<string, Map<string, number>>> {
  const rows = await counted(db, f)
    .innerJoin('case_themes', 'case_themes.case_id', 'cases.id')
    .select(['case_themes.theme_code as theme', 'cases.event_month as month', (eb) => eb.fn.countAll().as('n')])
    .groupBy(['case_themes.theme_code', 'cases.event_month'])
    .execute();
  const out = new Map<string, Map<string, number>>();
  for (const r of rows) {
    if (!out.has(r.theme)) out.set(r.theme, new Map());
    out.get(r.theme)!.set(r.month, Number(r.n));
  }
  return out;
}

/** What the delay measures need of each case: its month, urgency and the journey days around the report. */
export function journeyRows(db: Db, f: TrendFilters) {
  return counted(db, f).select(['event_month', 'urgency', 'day_request', 'day_vetting', 'day_scan', 'day_report']).where('day_report', 'is not', null).execute();
}
