import { formatDay } from '../domain/actions.ts';
import { quarterLabel } from '../domain/quarters.ts';
import { defaultFormatPeriod } from '../domain/spc.ts';
import type { Role } from '../domain/roles.ts';
import { renderXmrSvg } from '../web/charts/xmr-chart.ts';
import type { Vocabularies } from '../vocabularies/service.ts';
import type { PostedNotes } from './notes-form.ts';
import { ATTENDANCE_ROLES, type ReviewService } from './service.ts';
import { type ActionLine, type ReviewPack, SECTION_TITLES, SECTIONS } from './types.ts';

const markup = (html: string) => ({ toHTML: () => html, toString: () => html });

type Review = NonNullable<Awaited<ReturnType<ReviewService['get']>>>;

const actionView = (a: ActionLine, v: Vocabularies) => ({
  ...a,
  owner: v.actionOwners.find((o) => o.code === a.owner)?.label ?? a.owner,
  due: formatDay(a.dueDate),
});

/** The review page's model: the pack's seven sections, the words around them and what this viewer may do. */
export function presentReview(opts: {
  review: Review;
  pack: ReviewPack;
  actions: ActionLine[];
  versions: { id: number; version_no: number; status: string; signed_off_at: string | null; correction_reason: string | null }[];
  v: Vocabularies;
  role: Role;
  /** The notes form as typed, when it could not be saved: shown in place of what is stored. */
  posted?: PostedNotes;
  /** The notes form's errors, by field name. */
  errors?: Record<string, string>;
}) {
  const { review, pack, v } = opts;
  const errors = opts.errors ?? {};
  const draft = review.status === 'draft';
  // A signed-off review shows only what was signed.
  const posted = draft ? opts.posted : undefined;
  const findings = posted?.findings ?? review.snapshot?.findings ?? review.findings;
  const attendance = review.snapshot?.attendance ?? review.attendance;
  const discussions = posted?.discussions ?? review.snapshot?.discussions ?? review.discussions;
  const quarterNames = pack.quarters.map((q) => defaultFormatPeriod(q));
  return {
    review: {
      id: review.id,
      quarter: quarterLabel(review.quarter),
      scope: pack.scope.label,
      versionNo: review.version_no,
      version: review.version,
      draft,
      correctionReason: review.correction_reason,
      signedOffBy: review.snapshot?.signedOff.by,
      signedOffAt: review.snapshot?.signedOff.at,
      hash: review.content_hash,
    },
    can: {
      edit: draft && (opts.role === 'director' || opts.role === 'safety'),
      decide: draft && opts.role === 'director',
      correct: !draft && opts.role === 'director' && !opts.versions.some((x) => x.version_no > review.version_no),
    },
    versions: opts.versions.map((x) => ({ ...x, current: x.id === review.id })),
    sections: SECTIONS.map((s) => ({ key: s, title: SECTION_TITLES[s], findings: findings[s] ?? '', error: errors[`findings-${s}`] })),
    overall: findings.overall ?? '',
    overallError: errors['findings-overall'],
    quarterNames,
    summary: {
      total: pack.summary.total,
      byTheme: pack.summary.byTheme,
      bySource: pack.summary.bySource,
    },
    signals: pack.signals.map((s, i) => ({
      ...s,
      statusText: s.status === 'starts' ? 'Starts this quarter' : 'Continues',
      statusColour: s.status === 'starts' ? 'orange' : 'yellow',
      svg: markup(renderXmrSvg(s.points, { id: `signal-${i}`, title: s.label, yLabel: s.measure.startsWith('delay:report-breach') ? 'Per cent' : s.measure.startsWith('delay:') ? 'Days' : 'Cases', formatX: defaultFormatPeriod, improvement: s.improvement, compact: true, percent: s.measure === 'delay:report-breach' })),
    })),
    recurrences: pack.recurrences,
    triangulation: [
      { id: 'theme-source', caption: 'Cases this quarter by theme and source', ...pack.triangulation.themeBySource },
      { id: 'theme-department', caption: 'Cases this quarter by theme and department', ...pack.triangulation.themeByDepartment },
    ].map((m) => ({ ...m, body: m.rows.map((r, i) => ({ label: r.label, cells: m.counts[i]!.map((n, j) => ({ n, href: m.hrefs[i]![j]! })) })) })),
    delays: pack.delays,
    actionsSection: {
      open: pack.actions.open.map((a) => actionView(a, v)),
      overdue: pack.actions.overdue.length,
      done: pack.actions.doneSinceLast.map((a) => actionView(a, v)),
    },
    cases: pack.cases.map((c) => ({ ...c, discussed: discussions[c.ref]?.discussed ?? false, note: discussions[c.ref]?.note ?? '', noteError: errors[`note-${c.ref}`] })),
    attendance: ATTENDANCE_ROLES.map((role, i) => ({ index: i, role, count: posted ? posted.attendance[i] : (attendance.find((a) => a.role === role)?.count ?? 0), error: errors[`attendance-${i}`] })),
    attendanceTotal: attendance.reduce((n, a) => n + a.count, 0),
    agreed: opts.actions.map((a) => actionView(a, v)),
  };
}
