import type { Actor, AuditService } from '../audit/service.ts';
import type { Db } from '../db/database.ts';
import type { CaseRow } from '../db/schema.ts';
import { formatRef } from '../domain/case-ref.ts';
import { checkJourney, type Journey, STAGES } from '../domain/journey.ts';
import { checkEventMonth } from '../domain/months.ts';
import type { Role } from '../domain/roles.ts';
import { loadVocabularies, type Term } from '../vocabularies/service.ts';
import { IdentifierFoundError, scanFields } from './identifier-check.ts';
import * as repo from './repository.ts';
import type { CaseInput } from './schema.ts';

export type FieldProblem = { field: string; message: string };

export class CaseValidationError extends Error {
  constructor(readonly problems: FieldProblem[]) {
    super('The case has problems to fix');
    this.name = 'CaseValidationError';
  }
}

export type CaseView = {
  ref: string;
  version: number;
  status: 'draft' | 'submitted' | 'closed';
  withdrawn: boolean;
  title: string;
  narrative: string;
  learning: string | null;
  source: string;
  department: string;
  modality: string;
  bodyArea: string | null;
  setting: string;
  urgency: string | null;
  alertCategory: string | null;
  harm: string;
  ageBand: string | null;
  eventMonth: string;
  themes: { theme: string; factors: string[] }[];
  journey: Journey;
  repeats: string[];
  repeatedBy: string[];
  createdAt: string;
  updatedAt: string;
};

const MONTH_MESSAGES = {
  format: 'Enter the month of the event as year and month, like 2026-03',
  future: 'The month of the event must be this month or earlier',
  too_early: 'The month of the event must be 1990 or later',
} as const;

/** Who may see drafts: trainers teach from submitted and closed cases only. */
export const canSeeDrafts = (role: Role): boolean => role !== 'trainer';

export function createCaseService(deps: { db: Db; audit: AuditService; clock: () => Date }) {
  const { db, audit, clock } = deps;

  /** Every rule the schema cannot know: codes exist and are current, factors match themes, months, journeys, links. */
  async function check(input: CaseInput): Promise<{ problems: FieldProblem[]; repeatIds: number[] }> {
    const v = await loadVocabularies(db);
    const problems: FieldProblem[] = [];
    const pick = (field: string, value: string | undefined, terms: Term[], message: string, optional = false) => {
      if (value === undefined && optional) return;
      if (!terms.some((t) => t.code === value && !t.retired)) problems.push({ field, message });
    };
    pick('source', input.source, v.sources, 'Select a source from the list');
    pick('department', input.department, v.departments, 'Select a department from the list');
    pick('modality', input.modality, v.modalities, 'Select a modality from the list');
    pick('bodyArea', input.bodyArea, v.bodyAreas, 'Select a body area from the list', true);
    pick('setting', input.setting, v.settings, 'Select a care setting from the list');
    pick('urgency', input.urgency, v.urgencies, 'Select an urgency from the list', true);
    pick('alertCategory', input.alertCategory, v.alertCategories, 'Select an alert category from the list', true);
    pick('harm', input.harm, v.harms, 'Select the level of harm from the list');
    pick('ageBand', input.ageBand, v.ageBands, 'Select an age band from the list', true);

    const monthProblem = checkEventMonth(input.eventMonth, clock());
    if (monthProblem) problems.push({ field: 'eventMonth', message: MONTH_MESSAGES[monthProblem] });

    const seen = new Set<string>();
    for (const t of input.themes) {
      const theme = v.themes.find((x) => x.code === t.theme);
      if (!theme) {
        problems.push({ field: 'themes', message: `${t.theme} is not a theme: use T1, T2, T3 or T4` });
        continue;
      }
      if (seen.has(t.theme)) problems.push({ field: 'themes', message: `${t.theme} is selected more than once` });
      seen.add(t.theme);
      for (const f of t.factors) {
        const factor = theme.factors.find((x) => x.code === f);
        if (!factor) problems.push({ field: 'themes', message: `${f} is not a contributory factor of ${t.theme}` });
        else if (factor.retired) problems.push({ field: 'themes', message: `${f} has been retired: choose a current factor` });
      }
    }

    for (const p of checkJourney(input.journey ?? {})) problems.push({ field: `journey.${p.stage}`, message: p.message });

    const refs = [...new Set(input.repeats ?? [])];
    const found = await repo.idsByRef(db, refs);
    const repeatIds: number[] = [];
    for (const ref of refs) {
      const target = found.get(ref);
      if (!target) problems.push({ field: 'repeats', message: `There is no case ${ref}` });
      else repeatIds.push(target.id);
    }
    return { problems, repeatIds };
  }

  async function create(actor: Actor, input: CaseInput): Promise<CaseView> {
    const { problems, repeatIds } = await check(input);
    if (problems.length) throw new CaseValidationError(problems);
    const findings = scanFields({ title: input.title, narrative: input.narrative, learning: input.learning });
    if (findings.length) throw new IdentifierFoundError(findings);

    const now = clock();
    const at = now.toISOString();
    const status = input.submit ? 'submitted' : 'draft';
    const journey = input.journey ?? {};
    const ref = await db.transaction().execute(async (trx) => {
      const ref = formatRef(now.getUTCFullYear(), await repo.nextSequence(trx, now.getUTCFullYear()));
      const id = await repo.insertCase(trx, {
        ref,
        title: input.title,
        narrative: input.narrative,
        learning: input.learning || null,
        source: input.source,
        department: input.department,
        modality: input.modality,
        body_area: input.bodyArea ?? null,
        setting: input.setting,
        urgency: input.urgency ?? null,
        alert_category: input.alertCategory ?? null,
        harm: input.harm,
        age_band: input.ageBand ?? null,
        event_month: input.eventMonth,
        status,
        withdrawn_at: null,
        withdrawn_reason: null,
        version: 1,
        created_by: actor.id ?? 0,
        created_at: at,
        updated_at: at,
        submitted_at: status === 'submitted' ? at : null,
        closed_at: null,
        ...Object.fromEntries(STAGES.map((s) => [`day_${s}`, journey[s] ?? null])),
      });
      const themes = input.themes.map((t) => t.theme);
      const factors = [...new Set(input.themes.flatMap((t) => t.factors))];
      await repo.insertTags(trx, id, themes, factors, repeatIds);
      await audit.record(trx, { actor, action: 'case.create', entityType: 'case', entityId: ref, after: { ...input, status } });
      return ref;
    });
    return (await get(ref))!;
  }

  async function get(ref: string): Promise<CaseView | undefined> {
    const row = await repo.findByRef(db, ref);
    return row ? toView(row, await repo.tagsOf(db, row.id)) : undefined;
  }

  /** A case as this role may see it: drafts are hidden from trainers. */
  async function getFor(role: Role, ref: string): Promise<CaseView | undefined> {
    const c = await get(ref);
    return c && (c.status !== 'draft' || canSeeDrafts(role)) ? c : undefined;
  }

  /** Submitted → closed: the case's learning has been captured. Bumps the version like any change. */
  async function close(actor: Actor, ref: string): Promise<CaseView> {
    await db.transaction().execute(async (trx) => {
      const row = await repo.findByRef(trx, ref);
      if (!row) throw new CaseValidationError([{ field: 'ref', message: `There is no case ${ref}` }]);
      if (row.status !== 'submitted') throw new CaseValidationError([{ field: 'status', message: 'Only a submitted case can be closed' }]);
      const at = clock().toISOString();
      await repo.setStatus(trx, row.id, { status: 'closed', closed_at: at, updated_at: at, version: row.version + 1 });
      await audit.record(trx, { actor, action: 'case.close', entityType: 'case', entityId: ref, before: { status: row.status }, after: { status: 'closed' } });
    });
    return (await get(ref))!;
  }

  async function draftsOf(userId: number) {
    return (await repo.draftsBy(db, userId, 50)).map((r) => ({ ref: r.ref, title: r.title, eventMonth: r.event_month, updatedAt: r.updated_at }));
  }

  return { check, create, get, getFor, close, draftsOf };
}

function toView(r: CaseRow, tags: Awaited<ReturnType<typeof repo.tagsOf>>): CaseView {
  const journey: Journey = {};
  for (const s of STAGES) {
    const d = r[`day_${s}`];
    if (d !== null) journey[s] = d;
  }
  return {
    ref: r.ref,
    version: r.version,
    status: r.status,
    withdrawn: r.withdrawn_at !== null,
    title: r.title,
    narrative: r.narrative,
    learning: r.learning,
    source: r.source,
    department: r.department,
    modality: r.modality,
    bodyArea: r.body_area,
    setting: r.setting,
    urgency: r.urgency,
    alertCategory: r.alert_category,
    harm: r.harm,
    ageBand: r.age_band,
    eventMonth: r.event_month,
    themes: tags.themes.map((theme) => ({ theme, factors: tags.factors.filter((f) => f.startsWith(`${theme}.`)) })),
    journey,
    repeats: tags.repeats,
    repeatedBy: tags.repeatedBy,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export type CaseService = ReturnType<typeof createCaseService>;
