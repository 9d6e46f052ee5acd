import type { Actor, AuditService } from '../audit/service.ts';
import type { Db } from '../db/database.ts';
import { addMonths, monthOf } from '../domain/months.ts';
import { monthsOf } from '../domain/quarters.ts';
import { describeVariation, groupSummaries, limitsCollapsed, variationIcon, xmr, type XmrPoint } from '../domain/spc.ts';
import { loadTimeframes, loadVocabularies, type Vocabularies } from '../vocabularies/service.ts';
import { type Measure, measureFor } from './measures.ts';
import { cubeOf, firstMonth, journeys, tallies, type TrendFilters } from './cube.ts';
import { countSeries, delaySeries, type Granularity, type Point } from './series.ts';

export type ChartQuery = { department?: string; departments?: string[]; source?: string; setting?: string; granularity: Granularity; from: string; to: string };

export type Chart = {
  measure: Measure;
  query: ChartQuery;
  scope: string;
  points: (XmrPoint & { n?: number })[];
  groups: ReturnType<typeof groupSummaries>;
  icon: ReturnType<typeof variationIcon>;
  reading: string;
  rebases: { id: number; period: string; reason: string; createdAt: string }[];
};

/** The filters a rebase belongs to, in one canonical string. */
export const scopeOf = (q: Pick<ChartQuery, 'department' | 'departments' | 'source' | 'setting'>): string =>
  new URLSearchParams(
    Object.entries({ department: q.department ?? (q.departments?.length === 1 ? q.departments[0] : q.departments?.join(',')), source: q.source, setting: q.setting }).filter((e): e is [string, string] => Boolean(e[1])),
  ).toString();

export class UnknownMeasureError extends Error {}

const filtersOf = (q: ChartQuery): TrendFilters => ({
  from: q.from,
  to: q.to,
  ...(q.department ? { department: q.department } : {}),
  ...(q.departments?.length ? { departments: q.departments } : {}),
  ...(q.source ? { source: q.source } : {}),
  ...(q.setting ? { setting: q.setting } : {}),
});

export function createTrendService(deps: { db: Db; audit: AuditService; clock: () => Date }) {
  const { db, audit, clock } = deps;

  /** Three years to the end of last month: this month is not over, so it would always look low. */
  function defaultRange(): { from: string; to: string } {
    const to = addMonths(monthOf(clock()), -1);
    return { from: addMonths(to, -35), to };
  }

  function analyse(measure: Measure, q: ChartQuery, series: Point[], rebases: Chart['rebases'], scope: string): Chart {
    // A rebase is kept as the month it was recorded at; a quarterly chart starts the group at its quarter.
    const starts = rebases.map((r) => (q.granularity === 'quarter' && !r.period.includes('Q') ? `${r.period.slice(0, 4)}-Q${Math.floor((Number(r.period.slice(5)) - 1) / 3) + 1}` : r.period));
    // Where the limits close on the mean (a rare event) no point is read as a signal: not by the icon,
    // the chart's colours, its table or a review. `xmr` itself stays exactly as SPC.md has it.
    const rows = xmr(series.map(({ x, y }) => ({ x, y })), { improvement: measure.improvement, rebase: starts }).map((r) =>
      limitsCollapsed(r) ? { ...r, rule: null, pointType: 'common_cause' as const } : r,
    );
    const n = new Map(series.map((p) => [p.x, p.n]));
    const points = rows.map((r) => (n.get(r.x) === undefined ? r : { ...r, n: n.get(r.x)! }));
    return {
      measure,
      query: q,
      scope,
      points,
      groups: groupSummaries(rows),
      icon: variationIcon(rows, measure.improvement),
      reading: describeVariation(rows, { measureLabel: measure.label, improvement: measure.improvement, periodUnit: q.granularity }),
      rebases,
    };
  }

  async function chart(measureKey: string, q: ChartQuery, v?: Vocabularies): Promise<Chart> {
    return (await charts([measureKey], q, v))[0]!;
  }

  /** Many charts over the same filters, as the review pack and the benchmark ask: one pass over the cases. */
  async function charts(measureKeys: string[], q: ChartQuery, v?: Vocabularies): Promise<Chart[]> {
    const vocab = v ?? (await loadVocabularies(db));
    const measures = measureKeys.map((key) => {
      const m = measureFor(key, vocab);
      if (!m) throw new UnknownMeasureError(`There is no measure ${key}`);
      return m;
    });
    const filters = filtersOf(q);
    const scope = scopeOf(q);
    const needsJourneys = measures.some((m) => m.kind !== 'count');
    const [cases, timeframes, rebases] = await Promise.all([
      cubeOf(db).current(),
      needsJourneys ? loadTimeframes(db) : [],
      db.selectFrom('spc_rebases').selectAll().where('scope', '=', scope).where('removed_at', 'is', null).orderBy('period').execute(),
    ]);
    const counts = tallies(cases, filters);
    const journeyRows = needsJourneys ? journeys(cases, filters) : [];
    const earliest = firstMonth(cases);
    const from = earliest && earliest > q.from ? earliest : q.from;
    return measures.map((m) => {
      const series =
        m.kind === 'count'
          ? countSeries(counts.get(m.key) ?? new Map(), from, q.to, q.granularity)
          : delaySeries(journeyRows, timeframes, from, q.to, q.granularity, m.kind);
      const own = rebases.filter((r) => r.measure === m.key).map((r) => ({ id: r.id, period: r.period, reason: r.reason, createdAt: r.created_at }));
      return analyse(m, q, series, own, scope);
    });
  }

  /** The four themes side by side. */
  async function dashboard(q: ChartQuery): Promise<Chart[]> {
    const v = await loadVocabularies(db);
    return charts(v.themes.map((t) => `theme:${t.code}`), q, v);
  }

  async function addRebase(actor: Actor, measure: string, scope: string, period: string, reason: string): Promise<void> {
    // A quarter is recorded as its first month, so monthly and quarterly charts agree.
    const month = period.includes('Q') ? monthsOf(period)[0] : period;
    await db.transaction().execute(async (trx) => {
      const row = await trx.insertInto('spc_rebases').values({ measure, scope, period: month, reason, created_by: actor.id ?? 0, created_at: clock().toISOString(), removed_at: null, removed_reason: null }).returning('id').executeTakeFirstOrThrow();
      await audit.record(trx, { actor, action: 'trends.rebase', entityType: 'spc_rebase', entityId: String(row.id), after: { measure, scope, period: month, reason } });
    });
  }

  async function removeRebase(actor: Actor, id: number): Promise<boolean> {
    return db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('spc_rebases').selectAll().where('id', '=', id).where('removed_at', 'is', null).executeTakeFirst();
      if (!row) return false;
      await trx.updateTable('spc_rebases').set({ removed_at: clock().toISOString() }).where('id', '=', id).execute();
      await audit.record(trx, { actor, action: 'trends.rebase_remove', entityType: 'spc_rebase', entityId: String(id), before: { measure: row.measure, scope: row.scope, period: row.period, reason: row.reason } });
      return true;
    });
  }

  return { defaultRange, chart, charts, dashboard, addRebase, removeRebase };
}

export type TrendService = ReturnType<typeof createTrendService>;
