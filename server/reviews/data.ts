import type { Db } from '../db/database.ts';
import { isOverdue, ukToday } from '../domain/actions.ts';
import type { Journey } from '../domain/journey.ts';
import { addMonths } from '../domain/months.ts';
import { monthsOf } from '../domain/quarters.ts';
import { tagsOfMany } from '../cases/repository.ts';
import type { SearchService } from '../search/service.ts';
import { cubeOf, taggedCases } from '../trends/cube.ts';
import { measureGroups } from '../trends/measures.ts';
import type { TrendService } from '../trends/service.ts';
import { loadTimeframes, loadVocabularies } from '../vocabularies/service.ts';
import { type AssemblyInput, reviewQuarters, type WindowCase } from './assemble.ts';
import type { ActionLine, ReviewPack } from './types.ts';

const CLUSTER_CASES = 150;
const CLUSTER_MIN_SCORE = 0.3;

/** The cases a review counts (submitted or closed, not withdrawn) from these months and departments. */
function reviewed(db: Db, from: string, to: string, departments: string[]) {
  const q = db.selectFrom('cases').where('status', 'in', ['submitted', 'closed']).where('withdrawn_at', 'is', null).where('event_month', '>=', from).where('event_month', '<=', to);
  return departments.length ? q.where('department', 'in', departments) : q;
}

/** The cases of these months in full, as the pack shows them. */
async function casesInFull(db: Db, from: string, to: string, departments: string[]): Promise<WindowCase[]> {
  const rows = await reviewed(db, from, to, departments)
    .select(['id', 'ref', 'title', 'event_month', 'department', 'source', 'harm', 'urgency', 'day_request', 'day_vetting', 'day_scan', 'day_report', 'day_alert', 'day_acknowledgement', 'day_action'])
    .orderBy('id')
    .execute();
  const out: WindowCase[] = [];
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500);
    // A signed-off pack is read by every role: no link to a draft, which trainers never see.
    const tags = await tagsOfMany(db, chunk.map((r) => r.id), { hideDrafts: true });
    for (const r of chunk) {
      const journey: Journey = {};
      for (const s of ['request', 'vetting', 'scan', 'report', 'alert', 'acknowledgement', 'action'] as const) {
        const d = r[`day_${s}`];
        if (d !== null) journey[s] = d;
      }
      const t = tags.get(r.id)!;
      out.push({ id: r.id, ref: r.ref, title: r.title, eventMonth: r.event_month, department: r.department, source: r.source, harm: r.harm, urgency: r.urgency, journey, themes: t.themes, factors: t.factors, repeats: t.repeats });
    }
  }
  return out;
}

/** Open actions on the scope's cases and from earlier reviews of the same scope; those done since the last sign-off. */
async function reviewActions(db: Db, departments: string[], scope: string, since: string, today: string): Promise<{ open: ActionLine[]; doneSinceLast: ActionLine[] }> {
  let q = db
    .selectFrom('actions')
    .leftJoin('cases', 'cases.id', 'actions.case_id')
    .leftJoin('reviews', 'reviews.id', 'actions.review_id')
    .select(['actions.id', 'actions.description', 'actions.owner', 'actions.due_date', 'actions.status', 'actions.evidence', 'actions.completed_at', 'actions.review_id', 'cases.ref as case_ref', 'cases.department as department', 'reviews.scope as review_scope'])
    .where((eb) => eb.or([eb('actions.status', '=', 'open'), eb.and([eb('actions.status', '=', 'done'), eb('actions.completed_at', '>=', since)])]))
    // Not on drafts or withdrawn cases: the pack counts neither, and every role reads it once signed off.
    .where((eb) => eb.or([eb('actions.case_id', 'is', null), eb.and([eb('cases.status', '!=', 'draft'), eb('cases.withdrawn_at', 'is', null)])]));
  if (departments.length) q = q.where((eb) => eb.or([eb('cases.department', 'in', departments), eb('reviews.scope', '=', scope)]));
  const rows = await q.orderBy('actions.due_date').execute();
  const v = await loadVocabularies(db);
  const line = (r: (typeof rows)[number]): ActionLine => ({
    id: r.id,
    description: r.description,
    owner: v.actionOwners.find((o) => o.code === r.owner)?.label ?? r.owner,
    dueDate: r.due_date,
    status: r.status,
    overdue: isOverdue({ status: r.status, dueDate: r.due_date }, today),
    evidence: r.evidence,
    caseRef: r.case_ref,
    fromReview: r.review_id !== null,
  });
  return { open: rows.filter((r) => r.status === 'open').map(line), doneSinceLast: rows.filter((r) => r.status === 'done').map(line) };
}

type ClusterCase = Pick<WindowCase, 'id' | 'ref' | 'title' | 'department'>;

/** Cases of the window by id: those similar to the quarter's but from the quarters before it. */
async function windowCasesById(db: Db, ids: number[], from: string, to: string, departments: string[]): Promise<ClusterCase[]> {
  if (!ids.length) return [];
  return reviewed(db, from, to, departments).select(['id', 'ref', 'title', 'department']).where('id', 'in', ids).execute();
}

/** Similar cases that cross departments: the same failure in two places is the learning a review is for. */
async function clustersOf(
  search: SearchService,
  inQuarter: WindowCase[],
  earlier: (ids: number[]) => Promise<ClusterCase[]>,
): Promise<ReviewPack['recurrences']['clusters']> {
  const severity = (h: string) => ['fatal', 'severe', 'moderate', 'low', 'no'].indexOf(h);
  const candidates = [...inQuarter].sort((a, b) => severity(a.harm) - severity(b.harm)).slice(0, CLUSTER_CASES);
  const similar = await Promise.all(candidates.map((c) => search.similar(c.id, { limit: 3, includeDrafts: false })));
  const window = new Map<number, ClusterCase>(inQuarter.map((c) => [c.id, c]));
  const others = [...new Set(similar.flat().map((s) => s.id))].filter((id) => !window.has(id));
  for (const c of await earlier(others)) window.set(c.id, c);
  const parent = new Map<number, number>();
  const find = (x: number): number => (parent.get(x) === undefined || parent.get(x) === x ? x : find(parent.get(x)!));
  const terms = new Map<number, Set<string>>();
  candidates.forEach((c, i) => {
    for (const s of similar[i]!) {
      const other = window.get(s.id);
      if (!other || other.department === c.department || s.score < CLUSTER_MIN_SCORE) continue;
      parent.set(find(other.id), find(c.id));
      if (!parent.has(c.id)) parent.set(c.id, c.id);
      const root = find(c.id);
      if (!terms.has(root)) terms.set(root, new Set());
      for (const t of s.sharedTerms) terms.get(root)!.add(t);
    }
  });
  const groups = new Map<number, ClusterCase[]>();
  for (const id of parent.keys()) {
    const root = find(id);
    if (!groups.has(root)) groups.set(root, []);
    groups.get(root)!.push(window.get(id)!);
  }
  return [...groups.entries()]
    .filter(([, cs]) => cs.length >= 2)
    .sort((a, b) => b[1].length - a[1].length)
    .slice(0, 8)
    .map(([root, cs]) => ({
      refs: cs.map((c) => ({ ref: c.ref, title: c.title, department: c.department })).sort((a, b) => a.ref.localeCompare(b.ref)),
      departments: [...new Set(cs.map((c) => c.department))].sort(),
      terms: [...(terms.get(root) ?? [])].slice(0, 6),
    }));
}

/** Everything the pack is assembled from, read from the database and the trend and search engines. */
export async function gatherInputs(deps: { db: Db; trends: TrendService; search: SearchService; clock: () => Date }, quarter: string, departments: string[], scope: string, since: string): Promise<AssemblyInput> {
  const { db, trends, search } = deps;
  const quarters = reviewQuarters(quarter);
  const from = monthsOf(quarters[0]!)[0];
  const to = monthsOf(quarter)[2];
  const months = monthsOf(quarter);
  // Only the quarter's cases are read in full. The four quarters before it are only counted, from the
  // cases the trends hold in memory: reading all five quarters' rows took half a second at 100,000 cases.
  const [v, timeframes, cases, all] = await Promise.all([loadVocabularies(db), loadTimeframes(db), casesInFull(db, months[0], to, departments), cubeOf(db).current()]);
  const counted = taggedCases(all, { from, to, departments });

  // Signals read three years of months ending with the quarter, as the trends pages do.
  const chartQuery = { granularity: 'month' as const, from: addMonths(to, -35), to, ...(departments.length ? { departments } : {}) };
  const measures = measureGroups(v)
    .filter((g) => g.heading !== 'Departments' && g.heading !== 'Modalities')
    .flatMap((g) => g.measures);
  const charts = (await trends.charts(measures.map((m) => m.key), chartQuery, v)).map((c, i) => {
    const m = measures[i]!;
    return { measure: m.key, label: m.label, improvement: m.improvement, reading: c.reading, points: c.points };
  });
  const clusters = await clustersOf(search, cases, (ids) => windowCasesById(db, ids, from, to, departments));
  const actions = await reviewActions(db, departments, scope, since, ukToday(deps.clock()));
  return { quarter, departments, vocabularies: v, timeframes, cases, counted, charts, clusters, actions };
}
