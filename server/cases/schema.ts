import { z } from 'zod';
import { STAGES } from '../domain/journey.ts';

const day = z.number({ error: 'Must be a whole number of days' }).int('Must be a whole number of days');

/** The API body of a case (DESIGN.md contract 4). Codes are checked against the vocabularies by the service. */
export const CaseBody = z.strictObject({
  title: z.string({ error: 'Enter a title' }).trim().min(1, 'Enter a title').max(200, 'Title must be 200 characters or fewer'),
  narrative: z.string({ error: 'Enter what happened' }).trim().min(1, 'Enter what happened').max(20_000, 'What happened must be 20,000 characters or fewer'),
  learning: z.string({ error: 'Learning points must be text' }).trim().max(10_000, 'Learning points must be 10,000 characters or fewer').optional(),
  source: z.string({ error: 'Select a source' }),
  department: z.string({ error: 'Select a department' }),
  modality: z.string({ error: 'Select a modality' }),
  bodyArea: z.string().optional(),
  setting: z.string({ error: 'Select a care setting' }),
  urgency: z.string().optional(),
  alertCategory: z.string().optional(),
  harm: z.string({ error: 'Select the level of harm' }),
  ageBand: z.string().optional(),
  eventMonth: z.string({ error: 'Enter the month of the event, like 2026-03' }),
  themes: z
    .array(
      z.strictObject({
        theme: z.string({ error: 'Each theme needs a code, like T2' }),
        factors: z.array(z.string()).max(20).default([]),
      }),
      { error: 'Select at least one theme' },
    )
    .min(1, 'Select at least one theme')
    .max(4),
  journey: z.strictObject(Object.fromEntries(STAGES.map((s) => [s, day.optional()])) as Record<(typeof STAGES)[number], z.ZodOptional<typeof day>>).optional(),
  repeats: z.array(z.string()).max(20, 'Link at most 20 earlier cases').optional(),
  submit: z.boolean().optional(),
});

export type CaseInput = z.infer<typeof CaseBody>;
