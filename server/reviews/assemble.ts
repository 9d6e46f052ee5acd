import { delays, type Journey, type Timeframe } from '../domain/journey.ts';
import { addQuarters, monthsOf } from '../domain/quarters.ts';
import { describeVariation, limitsCollapsed, type XmrPoint } from '../domain/spc.ts';
import { median } from '../trends/series.ts';
import type { Vocabularies } from '../vocabularies/service.ts';
import type { ActionLine, Matrix, QuarterCounts, ReviewPack, SignalView } from './types.ts';

/** What the counts over the five quarters need of a case. */
export type CountedCase = { eventMonth: string; source: string; themes: string[]; factors: string[] };

/** One case of the review's quarter, with what the pack shows of it (no narrative: the pack is about patterns). */
export type WindowCase = CountedCase & {
  id: number;
  ref: string;
  title: string;
  department: string;
  harm: string;
  urgency: string | null;
  journey: Journey;
  repeats: string[];
};

export type AssemblyInput = {
  quarter: string;
  departments: string[];
  vocabularies: Vocabularies;
  timeframes: Timeframe[];
  /** The quarter's cases, in full. */
  cases: WindowCase[];
  /** Every case of the five quarters, the quarter's included: only counted. */
  counted: CountedCase[];
  charts: { measure: string; label: string; improvement: SignalView['improvement']; reading: string; points: XmrPoint[] }[];
  clusters: ReviewPack['recurrences']['clusters'];
  actions: { open: ActionLine[]; doneSinceLast: ActionLine[] };
};

/** The review's quarter and the four before it, oldest first. */
export const reviewQuarters = (quarter: string): string[] => [-4, -3, -2, -1, 0].map((n) => addQuarters(quarter, n));

const labelOf = (terms: { code: string; label: string }[], code: string) => terms.find((t) => t.code === code)?.label ?? code;

/** Each month of the quarters, numbered by its quarter: looked up per case rather than worked out, as the window holds tens of thousands. */
const quarterIndex = (quarters: string[]) => new Map(quarters.flatMap((q, i) => monthsOf(q).map((m) => [m, i] as const)));

function countsBy(cases: CountedCase[], quarterOfMonth: Map<string, number>, quarters: string[], keysOf: (c: CountedCase) => string[], terms: { code: string; label: string }[]): QuarterCounts[] {
  const table = new Map<string, number[]>();
  for (const c of cases) {
    const i = quarterOfMonth.get(c.eventMonth);
    if (i === undefined) continue;
    for (const k of keysOf(c)) {
      if (!table.has(k)) table.set(k, quarters.map(() => 0));
      table.get(k)![i]!++;
    }
  }
  const order = (code: string) => (terms.findIndex((t) => t.code === code) + 1 || 999);
  return [...table].sort((a, b) => order(a[0]) - order(b[0])).map(([code, counts]) => ({ code, label: labelOf(terms, code), counts }));
}

function matrix(cases: WindowCase[], rows: { code: string; label: string }[], cols: { code: string; label: string }[], colOf: (c: WindowCase) => string, href: (row: string, col: string) => string): Matrix {
  const counts = rows.map(() => cols.map(() => 0));
  for (const c of cases) {
    const j = cols.findIndex((x) => x.code === colOf(c));
    if (j < 0) continue;
    for (const t of c.themes) {
      const i = rows.findIndex((r) => r.code === t);
      if (i >= 0) counts[i]![j]!++;
    }
  }
  // Columns nobody used only widen the table.
  const used = cols.map((_, j) => counts.some((r) => r[j]! > 0));
  const keep = <T>(xs: T[]) => xs.filter((_, j) => used[j]);
  return { rows, cols: keep(cols), counts: counts.map(keep), hrefs: rows.map((r) => keep(cols).map((c) => href(r.code, c.code))) };
}

/**
 * A chart signals in the quarter when any of the quarter's points is special cause, limits that
 * closed on the mean aside; it "starts" if its run began there.
 */
export function signalIn(points: XmrPoint[], months: string[]): 'starts' | 'continues' | undefined {
  const i = points.findIndex((p) => months.includes(p.x) && p.pointType !== 'common_cause' && !limitsCollapsed(p));
  if (i < 0) return undefined;
  return i > 0 && points[i - 1]!.pointType === points[i]!.pointType && !months.includes(points[i - 1]!.x) ? 'continues' : 'starts';
}

/** Assembles the seven sections from data already fetched: pure, so it is tested directly. */
export function assemblePack(input: AssemblyInput): ReviewPack {
  const { quarter, vocabularies: v } = input;
  const quarters = reviewQuarters(quarter);
  const months = monthsOf(quarter);
  const inQuarter = input.cases.filter((c) => months.includes(c.eventMonth));
  const [from, , to] = [months[0], months[1], months[2]];
  // The counts are of submitted and closed cases in the review's departments: each link lists those.
  // The case list filters by one department, so a count over several has no list to link to.
  const scoped: Record<string, string> = input.departments.length === 1 ? { department: input.departments[0]! } : {};
  const casesHref = (params: Record<string, string>) =>
    input.departments.length > 1 && !params.department ? '' : `/cases?${new URLSearchParams({ ...scoped, ...params, status: 'submitted_or_closed', from: from!, to: to! })}`;
  const themeTerms = v.themes.map((t) => ({ code: t.code, label: `${t.code} ${t.label}` }));

  const quarterOfMonth = quarterIndex(quarters);
  const total = quarters.map(() => 0);
  for (const c of input.counted) {
    const i = quarterOfMonth.get(c.eventMonth);
    if (i !== undefined) total[i]!++;
  }
  const signals = input.charts.flatMap((chart) => {
    const status = signalIn(chart.points, months);
    if (!status) return [];
    // Read at the quarter's last signal: the chart's own reading is of its latest point, which may be quiet.
    let last = chart.points.length - 1;
    while (last > 0 && !(months.includes(chart.points[last]!.x) && chart.points[last]!.pointType !== 'common_cause' && !limitsCollapsed(chart.points[last]!))) last--;
    return [{ ...chart, status, reading: describeVariation(chart.points.slice(0, last + 1), { measureLabel: chart.label, improvement: chart.improvement }) }];
  });

  const lastFour = quarters.slice(1);
  const factorQuarters = new Map<string, Set<string>>();
  const factorCounts = new Map<string, number[]>();
  for (const c of input.counted) {
    const i = (quarterOfMonth.get(c.eventMonth) ?? 0) - 1;
    if (i < 0) continue;
    const q = lastFour[i]!;
    for (const f of c.factors) {
      if (!factorQuarters.has(f)) factorQuarters.set(f, new Set());
      factorQuarters.get(f)!.add(q);
      if (!factorCounts.has(f)) factorCounts.set(f, lastFour.map(() => 0));
      factorCounts.get(f)![i]!++;
    }
  }
  const factorLabel = (code: string) => v.themes.flatMap((t) => t.factors).find((f) => f.code === code)?.label ?? code;
  const recurringFactors = [...factorQuarters]
    .filter(([, qs]) => qs.size >= 2)
    .sort((a, b) => b[1].size - a[1].size || a[0].localeCompare(b[0]))
    .map(([code, qs]) => ({ code, label: factorLabel(code), quarters: lastFour.filter((q) => qs.has(q)), counts: factorCounts.get(code)! }));

  // An interval bridged over a stage not recorded is its own row: it is held to a summed timeframe.
  const intervals = new Map<string, { from: string; to: string; skipped: string; days: number[]; breached: number }>();
  const worst: ReviewPack['delays']['worst'] = [];
  const skippedText = (skipped: string[] | undefined) => (skipped ? ` (no ${skipped.map((s) => labelOf(v.journeyStages, s).toLowerCase()).join(' or ')} recorded)` : '');
  for (const c of inQuarter) {
    for (const d of delays(c.journey, c.urgency, input.timeframes)) {
      const skipped = skippedText(d.skipped);
      const key = `${d.fromStage}→${d.toStage}${skipped}`;
      if (!intervals.has(key)) intervals.set(key, { from: d.fromStage, to: d.toStage, skipped, days: [], breached: 0 });
      const entry = intervals.get(key)!;
      entry.days.push(d.days);
      if (d.breached) {
        entry.breached++;
        worst.push({ ref: c.ref, title: c.title, interval: `${labelOf(v.journeyStages, d.fromStage)} to ${labelOf(v.journeyStages, d.toStage)}${skipped}`, days: d.days, maxDays: d.maxDays, overBy: d.overBy });
      }
    }
  }

  const today = input.actions.open;
  return {
    quarter,
    quarters,
    scope: { departments: input.departments, label: input.departments.length ? input.departments.map((d) => labelOf(v.departments, d)).join(', ') : 'Whole organisation' },
    summary: {
      total,
      byTheme: countsBy(input.counted, quarterOfMonth, quarters, (c) => c.themes, themeTerms),
      bySource: countsBy(input.counted, quarterOfMonth, quarters, (c) => [c.source], v.sources),
    },
    signals,
    recurrences: {
      repeats: inQuarter.filter((c) => c.repeats.length).map((c) => ({ ref: c.ref, title: c.title, repeats: c.repeats })),
      recurringFactors,
      clusters: input.clusters,
    },
    triangulation: {
      themeBySource: matrix(inQuarter, themeTerms, v.sources, (c) => c.source, (t, s) => casesHref({ theme: t, source: s })),
      themeByDepartment: matrix(inQuarter, themeTerms, v.departments, (c) => c.department, (t, d) => casesHref({ theme: t, department: d })),
    },
    delays: {
      intervals: [...intervals.values()].map((i) => ({
        from: labelOf(v.journeyStages, i.from),
        to: `${labelOf(v.journeyStages, i.to)}${i.skipped}`,
        measured: i.days.length,
        breached: i.breached,
        share: Math.round((1000 * i.breached) / i.days.length) / 10,
        median: i.days.length ? median(i.days) : null,
      })),
      worst: worst.sort((a, b) => b.overBy - a.overBy).slice(0, 10),
    },
    actions: { open: today, overdue: today.filter((a) => a.overdue), doneSinceLast: input.actions.doneSinceLast },
    cases: inQuarter
      .sort((a, b) => a.ref.localeCompare(b.ref))
      .map((c) => ({ ref: c.ref, title: c.title, department: labelOf(v.departments, c.department), source: labelOf(v.sources, c.source), harm: labelOf(v.harms, c.harm), themes: c.themes })),
  };
}
