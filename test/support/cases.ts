import { createAuditService } from '../../server/audit/service.ts';
import type { CaseInput } from '../../server/cases/schema.ts';
import { createCaseService } from '../../server/cases/service.ts';
import { insertDepartmentIfMissing } from '../../server/vocabularies/repository.ts';
import type { TestContext } from './test-app.ts';

export const validCase = (): CaseInput => ({
  title: 'Lung nodule on chest X-ray not alerted to GP',
  narrative: 'A chest X-ray requested by the GP showed a 2 cm nodule. The report recommended CT but no alert was raised.',
  learning: 'Reports recommending CT for a suspicious nodule must raise a cancer alert.',
  source: 'local_complaint',
  department: 'north',
  modality: 'xr',
  bodyArea: 'chest',
  setting: 'gp',
  urgency: 'routine',
  alertCategory: 'cancer',
  harm: 'severe',
  ageBand: '65-79',
  eventMonth: '2026-03',
  themes: [
    { theme: 'T1', factors: ['T1.01'] },
    { theme: 'T2', factors: ['T2.02'] },
  ],
  journey: { request: 0, scan: 3, report: 40 },
  submit: true,
});

/** Logs a case through the real service, as the given user. */
export async function logCase(ctx: TestContext, author: { id: number; email: string }, change: Partial<CaseInput> = {}) {
  await insertDepartmentIfMissing(ctx.db, 'north', 'North General Hospital imaging');
  const clock = () => new Date(ctx.clock.now);
  const cases = createCaseService({ db: ctx.db, audit: createAuditService(clock), clock });
  return cases.create({ id: author.id, label: author.email }, { ...validCase(), ...change });
}
