import type request from 'supertest';
import { tokenFor } from './test-app.ts';

/** A filled-in "Log a case" form, as the browser would post it. */
export const formFields = (change: Record<string, string | string[]> = {}): Record<string, string | string[]> => ({
  title: 'Incidental lung nodule not followed up',
  narrative: 'CT abdomen showed an incidental 12 mm lung nodule. The report recommended CT chest but no follow-up was booked.',
  learning: 'Incidental findings needing follow-up must be alerted to the referrer.',
  source: 'incident',
  department: 'north',
  modality: 'ct',
  bodyArea: 'abdomen',
  setting: 'outpatient',
  urgency: 'routine',
  alertCategory: 'significant',
  harm: 'moderate',
  ageBand: '65-79',
  'eventMonth[month]': '4',
  'eventMonth[year]': '2026',
  themes: ['T2'],
  factors: ['T2.03'],
  'journey[scan]': '10',
  'journey[report]': '18',
  repeats: '',
  intent: 'submit',
  ...change,
});

export async function postForm(agent: ReturnType<typeof request.agent>, path: string, fields: Record<string, string | string[]>, tokenPage = '/cases/new') {
  const _csrf = await tokenFor(agent, tokenPage);
  return agent.post(path).type('form').send(encode({ _csrf, ...fields }));
}

/** Repeated fields as a browser sends them (`themes=T1&themes=T2`), not with indices. */
export function encode(fields: Record<string, string | string[]>): string {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
  return body.toString();
}
