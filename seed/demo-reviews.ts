import { createAuditService, type Actor } from '../server/audit/service.ts';
import type { Db } from '../server/db/database.ts';
import { addQuarters, monthsOf, quarterOf } from '../server/domain/quarters.ts';
import { monthOf } from '../server/domain/months.ts';
import { createReviewService } from '../server/reviews/service.ts';
import { createSearchService } from '../server/search/service.ts';
import { createTrendService } from '../server/trends/service.ts';

// Signed-off reviews of the demo's earlier quarters, so the cadence page, carried-forward actions and
// version history have real content on first start. The latest finished quarter is left for the
// demo director to review.

const FINDINGS = [
  { signals: 'Delays in reporting at North General are rising: the outsourcing turnaround is the main cause.', recurrences: 'Follow-up not booked (T2.03) recurs in every quarter: a fail-safe is needed.', overall: 'Unacknowledged alerts and outsourced report delays remain the two biggest risks.' },
  { signals: 'No new signals; T3 at North continues above its mean.', triangulation: 'Complaints and incidents point to the same handover gap between ED and radiology.', overall: 'The fail-safe officer post is agreed; alerts to GPs are still acknowledged late.' },
  { signals: 'The T3 step at North continues: eight months above the mean.', delays: 'A third of outsourced CT reports breached 28 days.', overall: 'Escalate the outsourcing contract; share the learning on incidental findings.' },
];

const ACTIONS = [
  [{ description: 'Agree a 7-day turnaround clause with the outsourcing provider', owner: 'outsourcing-manager', days: 60 }],
  [{ description: 'Appoint a fail-safe officer for unacknowledged significant findings', owner: 'imaging-manager', days: 45 }, { description: 'Teach incidental findings at the next registrar day', owner: 'training-lead', days: 300 }],
  [{ description: 'Escalate outsourced report delays to the trust board', owner: 'clinical-director', days: 30 }],
];

export async function seedDemoReviews(deps: { db: Db; director: Actor; now: Date }): Promise<number> {
  const { db } = deps;
  if ((await db.selectFrom('reviews').select('id').limit(1).execute()).length) return 0;
  const latest = addQuarters(quarterOf(monthOf(deps.now)), -2);
  const quarters = [-2, -1, 0].map((n) => addQuarters(latest, n));
  const search = createSearchService({ db });
  let made = 0;
  for (const [i, quarter] of quarters.entries()) {
    // Each review is held three weeks after its quarter ends, and signed off that day.
    const at = new Date(Date.parse(`${monthsOf(addQuarters(quarter, 1))[0]}-21T14:00:00Z`));
    if (at > deps.now) continue;
    const clock = () => at;
    const audit = createAuditService(clock);
    const reviews = createReviewService({ db, audit, clock, trends: createTrendService({ db, audit, clock }), search });
    const id = await reviews.start(deps.director, quarter, []);
    const attendance = [
      { role: 'Clinical directors', count: 1 },
      { role: 'Consultant radiologists', count: 6 + i },
      { role: 'Reporting radiographers', count: 3 },
      { role: 'Patient safety team', count: 2 },
    ];
    await reviews.saveNotes(deps.director, id, { findings: FINDINGS[i]!, attendance, discussions: {} }, 1);
    for (const a of ACTIONS[i]!) {
      const due = new Date(at.getTime() + a.days * 86_400_000).toISOString().slice(0, 10);
      await reviews.agreeAction(deps.director, id, { description: a.description, owner: a.owner, dueDate: due });
    }
    await reviews.signOff(deps.director, id, 2);
    made++;
    // One correction, so the version history shows how a signed-off review is changed without editing it.
    if (i === 1) {
      const v2 = await reviews.correct(deps.director, id, 'Attendance left out the reporting radiographers from the satellite site');
      const fixed = (await reviews.get(v2))!;
      await reviews.saveNotes(deps.director, v2, { findings: fixed.findings, attendance: attendance.map((a) => (a.role === 'Reporting radiographers' ? { ...a, count: 5 } : a)), discussions: {} }, fixed.version);
      await reviews.signOff(deps.director, v2, fixed.version + 1);
      made++;
    }
  }
  return made;
}
