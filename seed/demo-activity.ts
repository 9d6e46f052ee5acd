import { createActionService } from '../server/actions/service.ts';
import { type Actor, createAuditService } from '../server/audit/service.ts';
import { createNoteService } from '../server/cases/notes.ts';
import type { Db } from '../server/db/database.ts';
import type { Role } from '../server/domain/roles.ts';
import { mulberry32 } from './corpus.ts';

// Notes and actions on the demo cases, so case pages, the actions list and the home pages show real
// content on first start. Written through the services, each on a clock set to when it happened.

const NOTES = [
  'Discussed at the REAL meeting; the reporting radiologist has reflected on the case.',
  'Shared with the referring team at the monthly governance meeting.',
  'Timeline of the report turnaround requested from the outsourcing provider.',
  'Added to the quarterly learning review pack for discussion.',
  'Patient safety team reviewed the alert pathway with the PACS team.',
  'Duty of candour conversation completed by the clinical team.',
];

const ACTIONS: Record<string, { description: string; owner: string; evidence: string }[]> = {
  T1: [
    { description: 'Audit the use of alert categories in CT chest reports for one month', owner: 'governance-lead', evidence: 'Audit of 200 reports presented at governance: 96% correctly categorised.' },
    { description: 'Add the RCR unexpected-findings guidance to reporter induction', owner: 'training-lead', evidence: 'Induction pack updated and signed off.' },
  ],
  T2: [
    { description: 'Weekly fail-safe check of unacknowledged significant findings', owner: 'patient-safety-team', evidence: 'Fail-safe report running weekly since the start of the quarter.' },
    { description: 'Agree with primary care how incidental findings are handed over', owner: 'referring-team', evidence: 'Shared protocol agreed with the primary care network.' },
  ],
  T3: [
    { description: 'Add a report turnaround clause to the outsourcing contract', owner: 'outsourcing-manager', evidence: 'Contract variation signed with a 7-day turnaround.' },
    { description: 'Review vetting rota cover for urgent requests', owner: 'imaging-manager', evidence: 'Rota now has daily vetting cover.' },
  ],
  T4: [
    { description: 'Add this case to the discrepancy meeting teaching file', owner: 'discrepancy-lead', evidence: 'Case presented at the REAL meeting.' },
    { description: 'Check the action from the earlier case was implemented', owner: 'clinical-director', evidence: 'Implementation confirmed on site visit.' },
  ],
};

const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const monthStart = (month: string, plusDays: number) => new Date(Date.parse(`${month}-01T10:00:00Z`) + plusDays * 86_400_000);

export async function seedDemoActivity(deps: { db: Db; author: Actor & { role: Role }; director: Actor & { role: Role }; now: Date }): Promise<{ notes: number; actions: number }> {
  const { db } = deps;
  const existing = await db.selectFrom('actions').select('id').limit(1).execute();
  const notesExisting = await db.selectFrom('case_notes').select('id').limit(1).execute();
  if (existing.length || notesExisting.length) return { notes: 0, actions: 0 };
  const rng = mulberry32(11);
  const cases = await db.selectFrom('cases').select(['id', 'ref', 'event_month', 'status']).where('status', '!=', 'draft').orderBy('id').execute();
  const themes = await db.selectFrom('case_themes').select(['case_id', 'theme_code']).execute();
  let notes = 0;
  let actions = 0;
  for (const c of cases) {
    const at = monthStart(c.event_month, 20 + Math.floor(rng() * 30));
    if (at > deps.now) continue;
    const clock = () => at;
    const audit = createAuditService(clock);
    if (rng() < 0.25) {
      const who = rng() < 0.7 ? deps.author : deps.director;
      await createNoteService({ db, audit, clock }).add(who, c.ref, NOTES[Math.floor(rng() * NOTES.length)]!);
      notes++;
    }
    if (rng() < 0.15) {
      const theme = themes.find((t) => t.case_id === c.id)?.theme_code ?? 'T1';
      const options = ACTIONS[theme] ?? ACTIONS.T1!;
      const pick = options[Math.floor(rng() * options.length)]!;
      const due = new Date(at.getTime() + (60 + Math.floor(rng() * 60)) * 86_400_000);
      const service = createActionService({ db, audit, clock });
      const input = { description: pick.description, owner: pick.owner, dueDate: isoDay(due) };
      const id = await service.create(deps.director, { id: c.id, ref: c.ref }, input);
      actions++;
      // Past their date, most were done, some dropped, the rest are overdue for the director to chase.
      if (due < deps.now) {
        const u = rng();
        const done = { ...input, status: 'done' as const, evidence: pick.evidence, droppedReason: '', version: 1 };
        const doneClock = () => due;
        const later = createActionService({ db, audit: createAuditService(doneClock), clock: doneClock });
        if (u < 0.7) await later.update(deps.director, c.id, id, done);
        else if (u < 0.85) await later.update(deps.director, c.id, id, { ...done, status: 'dropped', evidence: '', droppedReason: 'Superseded by the trust-wide alerting project.' });
      }
    }
  }
  return { notes, actions };
}
