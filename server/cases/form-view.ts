import { kindLabel, placeholderFor } from '../domain/identifiers.ts';
import { current, type Term, type Vocabularies } from '../vocabularies/service.ts';
import { anchorFor, CASE_FORM_FIELDS, findingKey, LATER_STAGES } from './form.ts';
import { type IdentifierConfirmation, type IdentifierFinding, reasonProblem } from './identifier-check.ts';
import type { CaseView } from './view.ts';

/** What the user typed (or what is stored), as strings, so a re-shown form is exactly as they left it. */
export type CaseFormValues = {
  title: string;
  narrative: string;
  learning: string;
  source: string;
  department: string;
  modality: string;
  bodyArea: string;
  setting: string;
  urgency: string;
  alertCategory: string;
  harm: string;
  ageBand: string;
  month: string;
  year: string;
  themes: string[];
  factors: string[];
  journey: Record<string, string>;
  repeats: string;
};

const str = (v: unknown): string => (typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '');
const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : typeof v === 'string' && v ? [v] : []);

export function valuesFromBody(b: Record<string, unknown>): CaseFormValues {
  return {
    title: str(b.title),
    narrative: str(b.narrative),
    learning: str(b.learning),
    source: str(b.source),
    department: str(b.department),
    modality: str(b.modality),
    bodyArea: str(b.bodyArea),
    setting: str(b.setting),
    urgency: str(b.urgency),
    alertCategory: str(b.alertCategory),
    harm: str(b.harm),
    ageBand: str(b.ageBand),
    month: str(b['eventMonth[month]']),
    year: str(b['eventMonth[year]']),
    themes: list(b.themes),
    factors: list(b.factors),
    journey: Object.fromEntries(LATER_STAGES.map((s) => [s, str(b[`journey[${s}]`])])),
    repeats: str(b.repeats),
  };
}

export function valuesFromCase(c: CaseView): CaseFormValues {
  const [year = '', month = ''] = c.eventMonth.split('-');
  return {
    title: c.title,
    narrative: c.narrative,
    learning: c.learning ?? '',
    source: c.source,
    department: c.department,
    modality: c.modality,
    bodyArea: c.bodyArea ?? '',
    setting: c.setting,
    urgency: c.urgency ?? '',
    alertCategory: c.alertCategory ?? '',
    harm: c.harm,
    ageBand: c.ageBand ?? '',
    month: String(Number(month)),
    year,
    themes: c.themes.map((t) => t.theme),
    factors: c.themes.flatMap((t) => t.factors),
    journey: Object.fromEntries(LATER_STAGES.map((s) => [s, c.journey[s] === undefined ? '' : String(c.journey[s])])),
    repeats: c.repeats.join(', '),
  };
}

export const FIELD_LABELS: Record<string, string> = { title: 'Title', narrative: 'What happened', learning: 'Learning points', note: 'The note' };

/** Terms a form may offer: current ones, plus a retired one the case already carries. */
const offered = (terms: Term[], keep: string) => terms.filter((t) => !t.retired || t.code === keep);

const radioItems = (terms: Term[], value: string) => offered(terms, value).map((t) => ({ value: t.code, text: t.label, ...(t.code === value ? { checked: true } : {}) }));

// Radios cannot be unticked, so an optional question offers "Not recorded" as a choice of its own.
const optionalRadioItems = (terms: Term[], value: string) => [...radioItems(terms, value), { value: '', text: 'Not recorded', ...(value === '' ? { checked: true } : {}) }];

const selectItems = (terms: Term[], value: string, empty: string) => [
  { value: '', text: empty, ...(value === '' ? { selected: true } : {}) },
  ...offered(terms, value).map((t) => ({ value: t.code, text: t.label, ...(t.code === value ? { selected: true } : {}) })),
];

export type FieldErrors = Record<string, string>;

/** Every finding as the form shows it: the user's own text around it, and their choices so far. */
function findingViews(values: CaseFormValues, findings: IdentifierFinding[], confirmations: IdentifierConfirmation[]) {
  return (['title', 'narrative', 'learning'] as const).flatMap((field) => {
    const text = values[field];
    const own = findings.filter((f) => f.field === field);
    if (!own.length) return [];
    return [
      {
        field,
        label: FIELD_LABELS[field],
        items: own.map((f) => {
          const key = findingKey(f);
          const choice = confirmations.find((c) => findingKey(c) === key);
          return {
            key,
            id: `finding-${field}-${f.start}`,
            kind: kindLabel(f.kind),
            confirmable: f.severity === 'confirm',
            placeholder: placeholderFor(f.kind),
            before: (f.start > 40 ? '…' : '') + text.slice(Math.max(0, f.start - 40), f.start),
            match: text.slice(f.start, f.end),
            after: text.slice(f.end, f.end + 40) + (f.end + 40 < text.length ? '…' : ''),
            position: f.start + 1,
            confirmed: Boolean(choice),
            reason: choice?.reason ?? '',
            reasonError: choice && reasonProblem(choice.reason),
          };
        }),
      },
    ];
  });
}

/** The error summary and field messages for identifier findings that still need the author's choice. */
export function findingErrors(findings: IdentifierFinding[], confirmations: readonly IdentifierConfirmation[] = []): { text: string; href: string }[] {
  return findings
    .filter((f) => !f.confirmed)
    .map((f) => {
      // Ticked, so its reason is what stopped it: say so, at the reason's box.
      const ticked = f.severity === 'confirm' ? confirmations.find((c) => findingKey(c) === findingKey(f)) : undefined;
      const problem = ticked && reasonProblem(ticked.reason);
      if (problem) return { text: `${FIELD_LABELS[f.field]}, character ${f.start + 1} (${f.masked}): ${problem}`, href: `#reason-finding-${f.field}-${f.start}` };
      return {
        text:
          f.severity === 'block'
            ? `${FIELD_LABELS[f.field]} contains ${kindLabel(f.kind)} at character ${f.start + 1} (${f.masked}): remove it before saving`
            : `${FIELD_LABELS[f.field]} contains what may be ${kindLabel(f.kind)} at character ${f.start + 1} (${f.masked}): replace it or confirm it identifies no one`,
        href: `#finding-${f.field}-${f.start}`,
      };
    });
}

/** Field errors in page order, linking to their inputs. */
export function errorList(byField: FieldErrors) {
  const order = CASE_FORM_FIELDS as readonly string[];
  const rank = (f: string) => (order.includes(f) ? order.indexOf(f) : order.length);
  return Object.keys(byField)
    .sort((a, b) => rank(a) - rank(b))
    .map((f) => ({ text: byField[f]!, href: `#${anchorFor(f)}` }));
}

export function caseFormView(opts: {
  v: Vocabularies;
  values: CaseFormValues;
  errors?: FieldErrors;
  findings?: IdentifierFinding[];
  confirmations?: IdentifierConfirmation[];
}) {
  const { v, values } = opts;
  const errors = opts.errors ?? {};
  const findings = opts.findings ?? [];
  const err = (field: string) => (errors[field] ? { text: errors[field] } : undefined);
  return {
    values,
    errors: { byField: errors, list: [...errorList(errors), ...findingErrors(findings, opts.confirmations ?? [])] },
    fieldError: Object.fromEntries(Object.keys(errors).map((f) => [f, err(f)])),
    findingsByField: Object.fromEntries(findingViews(values, findings, opts.confirmations ?? []).map((g) => [g.field, g])),
    hasFindings: findings.some((f) => !f.confirmed),
    sources: radioItems(v.sources, values.source),
    settings: radioItems(v.settings, values.setting),
    urgencies: optionalRadioItems(v.urgencies, values.urgency),
    alertCategories: optionalRadioItems(v.alertCategories, values.alertCategory),
    harms: radioItems(v.harms, values.harm),
    ageBands: optionalRadioItems(v.ageBands, values.ageBand),
    departments: selectItems(v.departments, values.department, 'Select a department'),
    modalities: selectItems(v.modalities, values.modality, 'Select a modality'),
    bodyAreas: selectItems(v.bodyAreas, values.bodyArea, 'Not recorded'),
    themes: v.themes.map((t, i) => ({
      code: t.code,
      label: `${t.code} ${t.label}`,
      summary: t.summary,
      idPrefix: i === 0 ? 'themes' : `themes-${t.code}`,
      checked: values.themes.includes(t.code) || values.factors.some((f) => f.startsWith(`${t.code}.`)),
      factors: offered(t.factors, values.factors.find((f) => t.factors.some((x) => x.code === f && x.retired)) ?? '').map((f) => ({
        value: f.code,
        text: `${f.code} ${f.label}`,
        ...(values.factors.includes(f.code) ? { checked: true } : {}),
      })),
    })),
    journey: LATER_STAGES.map((s) => ({
      stage: s,
      id: `journey-${s}`,
      name: `journey[${s}]`,
      label: current(v.journeyStages).find((t) => t.code === s)?.label ?? s,
      value: values.journey[s] ?? '',
      error: err(`journey.${s}`),
    })),
  };
}
