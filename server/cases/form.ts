import { z } from 'zod';
import { isRef } from '../domain/case-ref.ts';
import { STAGES } from '../domain/journey.ts';
import { optionalText, text } from '../web/form-fields.ts';
import type { IdentifierConfirmation } from './identifier-check.ts';
import type { CaseInput } from './schema.ts';

/** Journey stages the form asks for: the request is always day 0, so it is not an input. */
export const LATER_STAGES = STAGES.filter((s) => s !== 'request');

/** Field names in page order: the error summary follows it, and each maps to the input it links to. */
export const CASE_FORM_FIELDS = [
  'title',
  'narrative',
  'learning',
  'source',
  'department',
  'modality',
  'bodyArea',
  'setting',
  'urgency',
  'alertCategory',
  'harm',
  'ageBand',
  'eventMonth',
  'themes',
  ...LATER_STAGES.map((s) => `journey.${s}`),
  'repeats',
  'version',
] as const;

/** The id of the input an error links to, where it differs from the field name. */
export function anchorFor(field: string): string {
  if (field === 'eventMonth') return 'eventMonth-month';
  if (field.startsWith('journey.')) return `journey-${field.slice('journey.'.length)}`;
  return field;
}

const one = (v: unknown) => (Array.isArray(v) ? v[0] : v);
const many = (v: unknown): unknown[] => (v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v : [v]);
const code = (message: string) => z.preprocess((v) => one(v) ?? '', z.string({ error: message }).trim().min(1, message));
const optionalCode = z.preprocess((v) => one(v) ?? '', z.string().trim()).transform((v) => v || undefined);
const day = z.preprocess(
  (v) => String(one(v) ?? '').trim(),
  z.string().regex(/^(\d{1,4})?$/, 'Enter a whole number of days, like 14'),
).transform((v) => (v === '' ? undefined : Number(v)));

/** The "Log a case" and "Edit case" form, as posted. Codes are checked against the vocabularies by the service. */
export const CaseForm = z
  .object({
    title: text({ required: 'Enter a title', max: 200, tooLong: 'Title must be 200 characters or fewer' }),
    narrative: text({ required: 'Enter what happened', max: 20_000, tooLong: 'What happened must be 20,000 characters or fewer' }),
    learning: optionalText({ max: 10_000, tooLong: 'Learning points must be 10,000 characters or fewer', invalid: 'Enter the learning points as text' }),
    source: code('Select where the case came from'),
    department: code('Select a department'),
    modality: code('Select a modality'),
    bodyArea: optionalCode,
    setting: code('Select a care setting'),
    urgency: optionalCode,
    alertCategory: optionalCode,
    harm: code('Select the level of harm'),
    ageBand: optionalCode,
    'eventMonth[month]': z.preprocess((v) => String(one(v) ?? '').trim(), z.string()),
    'eventMonth[year]': z.preprocess((v) => String(one(v) ?? '').trim(), z.string()),
    themes: z.preprocess(many, z.array(z.string())),
    factors: z.preprocess(many, z.array(z.string())),
    ...Object.fromEntries(LATER_STAGES.map((s) => [`journey[${s}]`, day])),
    repeats: z.preprocess((v) => String(one(v) ?? ''), z.string().max(500, 'Enter at most 20 references')),
    intent: z.preprocess(one, z.enum(['draft', 'submit', 'save']).catch('draft')),
    // A mangled version can only be out of date: 0 never matches, so it is told as a conflict.
    version: z.preprocess((v) => (one(v) === undefined ? undefined : /^\d{1,9}$/.test(String(one(v))) ? Number(one(v)) : 0), z.number().int().nonnegative().optional()),
  })
  // Cross-field rules run even when a field failed, so the error summary lists every problem at once.
  .superRefine(
    (f, ctx) => {
      const month = eventMonth(String(f['eventMonth[month]'] ?? ''), String(f['eventMonth[year]'] ?? ''));
      if (!month.ok) ctx.addIssue({ code: 'custom', path: ['eventMonth'], message: month.message });
      const refs = refsOf(String(f.repeats ?? ''));
      const badRef = refs.find((r) => !isRef(r));
      if (badRef) ctx.addIssue({ code: 'custom', path: ['repeats'], message: `${badRef} is not a case reference: enter references like CB-2026-00012` });
      else if (refs.length > 20) ctx.addIssue({ code: 'custom', path: ['repeats'], message: 'Link at most 20 earlier cases' });
      if (themesOf(f.themes ?? [], f.factors ?? []).length === 0) ctx.addIssue({ code: 'custom', path: ['themes'], message: 'Select at least one theme' });
    },
    { when: () => true },
  )
  .transform((f) => {
    const month = eventMonth(f['eventMonth[month]'], f['eventMonth[year]']);
    const refs = refsOf(f.repeats);
    const themeCodes = themesOf(f.themes, f.factors);
    const journey: Record<string, number> = {};
    for (const s of LATER_STAGES) {
      const d = (f as Record<string, unknown>)[`journey[${s}]`];
      if (typeof d === 'number') journey[s] = d;
    }
    const input: CaseInput = {
      title: f.title,
      narrative: f.narrative,
      ...(f.learning ? { learning: f.learning } : {}),
      source: f.source,
      department: f.department,
      modality: f.modality,
      ...(f.bodyArea ? { bodyArea: f.bodyArea } : {}),
      setting: f.setting,
      ...(f.urgency ? { urgency: f.urgency } : {}),
      ...(f.alertCategory ? { alertCategory: f.alertCategory } : {}),
      harm: f.harm,
      ...(f.ageBand ? { ageBand: f.ageBand } : {}),
      eventMonth: month.ok ? month.value : '',
      themes: themeCodes.map((theme) => ({ theme, factors: [...new Set(f.factors.filter((x) => x.startsWith(`${theme}.`)))] })),
      ...(Object.keys(journey).length ? { journey: { request: 0, ...journey } } : {}),
      ...(refs.length ? { repeats: [...new Set(refs)] } : {}),
      submit: f.intent === 'submit',
    };
    return { input, intent: f.intent, version: f.version };
  });

const refsOf = (repeats: string) => repeats.split(/[\s,;]+/).map((r) => r.trim().toUpperCase()).filter(Boolean);

// Ticking a factor without its theme still means the theme: without JavaScript every factor is on show.
const themesOf = (themes: string[], factors: string[]) => [...new Set([...themes, ...factors.map((x) => x.split('.')[0]!)])].sort();

function eventMonth(month: string, year: string): { ok: true; value: string } | { ok: false; message: string } {
  if (!month && !year) return { ok: false, message: 'Enter the month and year of the event' };
  if (!month) return { ok: false, message: 'The month of the event must include a month' };
  if (!year) return { ok: false, message: 'The month of the event must include a year' };
  const m = Number(month);
  if (!/^\d{1,2}$/.test(month) || m < 1 || m > 12) return { ok: false, message: 'The month must be a number from 1 to 12' };
  if (!/^\d{4}$/.test(year)) return { ok: false, message: 'The year must be 4 numbers, like 2026' };
  return { ok: true, value: `${year}-${String(m).padStart(2, '0')}` };
}

/** A finding's key in the form: which field and where, so a confirmation applies to exactly that text. */
export const findingKey = (f: { field: string; start: number; end: number }) => `${f.field}:${f.start}:${f.end}`;

function parseKey(key: string): { field: string; start: number; end: number } | undefined {
  const m = /^(title|narrative|learning):(\d{1,6}):(\d{1,6})$/.exec(key);
  return m ? { field: m[1]!, start: Number(m[2]), end: Number(m[3]) } : undefined;
}

/** The identifier choices on the form: ticked confirmations with their reasons, and a one-click redaction. */
export function identifierChoices(body: Record<string, unknown>): { confirmations: IdentifierConfirmation[]; redact?: { field: string; start: number; end: number } | 'all' } {
  const confirmations = many(body.confirm).flatMap((k) => {
    const key = parseKey(String(k));
    const reason = one(body[`reason:${String(k)}`]);
    return key ? [{ ...key, reason: typeof reason === 'string' ? reason : '' }] : [];
  });
  const r = one(body.redact);
  const redact = r === 'all' ? 'all' : typeof r === 'string' ? parseKey(r) : undefined;
  return redact ? { confirmations, redact } : { confirmations };
}
