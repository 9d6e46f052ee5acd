/**
 * The trend counts as SQL, the way the app counted before it held the cases in memory: kept as an
 * independent reference the in-memory counts are checked against.
 */
import type { Db } from '../../server/db/database.ts';
import { type Measure, SERIOUS_HARMS } from '../../server/trends/measures.ts';
import type { MonthlyByCode, TrendFilters } from '../../server/trends/cube.ts';


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


function addTo(out: MonthlyByCode, code: string, month: string, n: number) {
  let m = out.get(code);
  if (!m) out.set(code, (m = new Map()));
  m.set(month, (m.get(month) ?? 0) + n);
}

/** Every factor's monthly counts in one query. */
export async function monthlyFactorCounts(db: Db, f: TrendFilters): Promise<MonthlyByCode> {
  const rows = await counted(db, f)
    .innerJoin('case_factors', 'case_factors.case_id', 'cases.id')
    .select(['case_factors.factor_code as code', 'cases.event_month as month', (eb) => eb.fn.countAll().as('n')])
    .groupBy(['case_factors.factor_code', 'cases.event_month'])
    .execute();
  const out: MonthlyByCode = new Map();
  for (const r of rows) addTo(out, r.code, r.month, Number(r.n));
  return out;
}

/**
 * The counts every column measure needs (all cases, serious harm, each source, department and
 * modality) from one grouping of the cases, keyed `all`, `harm:moderate-plus` and `column:code`.
 */
export async function monthlyColumnCounts(db: Db, f: TrendFilters): Promise<MonthlyByCode> {
  const rows = await counted(db, f)
    .select(['event_month as month', 'source', 'department', 'modality', 'harm', (eb) => eb.fn.countAll().as('n')])
    .groupBy(['event_month', 'source', 'department', 'modality', 'harm'])
    .execute();
  const serious = new Set<string>(SERIOUS_HARMS);
  const out: MonthlyByCode = new Map();
  for (const r of rows) {
    const n = Number(r.n);
    addTo(out, 'all', r.month, n);
    if (r.harm && serious.has(r.harm)) addTo(out, 'harm:moderate-plus', r.month, n);
    addTo(out, `source:${r.source}`, r.month, n);
    addTo(out, `department:${r.department}`, r.month, n);
    if (r.modality) addTo(out, `modality:${r.modality}`, r.month, n);
  }
  return out;
}
