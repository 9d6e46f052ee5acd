import { newestEventId } from '../audit/repository.ts';
import type { Actor, AuditService } from '../audit/service.ts';
import type { Db } from '../db/database.ts';
import type { NewCaseRow } from '../db/schema.ts';
import { formatRef } from '../domain/case-ref.ts';
import { STAGES } from '../domain/journey.ts';
import type { Role } from '../domain/roles.ts';
import { loadVocabularies } from '../vocabularies/service.ts';
import { batchScanner, type BatchScanner } from './batch-scan.ts';
import { checkCase, type FieldProblem } from './checks.ts';
import { type IdentifierConfirmation, type IdentifierFinding, screenFields } from './identifier-check.ts';
import * as repo from './repository.ts';
import type { CaseInput } from './schema.ts';
import { type CaseView, toView } from './view.ts';

export type { CaseView } from './view.ts';
export type { FieldProblem } from './checks.ts';

export class CaseValidationError extends Error {
  constructor(readonly problems: FieldProblem[]) {
    super('The case has problems to fix');
    this.name = 'CaseValidationError';
  }
}

/** Saving over a newer version: nothing is written, and the caller gets the version that won. */
export class VersionConflictError extends Error {
  constructor(readonly current: CaseView) {
    super(`${current.ref} has been changed by someone else since you opened it`);
    this.name = 'VersionConflictError';
  }
}

/** A change the case's status does not allow (editing a closed or withdrawn case, closing a draft…). */
export class CaseStateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CaseStateError';
  }
}

export type SaveOptions = { confirmations?: IdentifierConfirmation[] };
type Confirmed = ReturnType<typeof screenFields>;

/** A batch refused as a whole: each failing row (1-based) with its problems and masked findings. */
export class BatchRejectedError extends Error {
  constructor(readonly rows: { row: number; problems: FieldProblem[]; findings: IdentifierFinding[] }[]) {
    super(`${rows.length} ${rows.length === 1 ? 'row has' : 'rows have'} problems: nothing was imported`);
    this.name = 'BatchRejectedError';
  }
}

/** Who may see drafts: trainers teach from submitted and closed cases only. */
export const canSeeDrafts = (role: Role): boolean => role !== 'trainer';

/** The fields the audit trail compares: the input shape, so history reads like the form. */
function auditShape(c: CaseInput | CaseView): Record<string, unknown> {
  return {
    title: c.title,
    narrative: c.narrative,
    learning: c.learning || null,
    source: c.source,
    department: c.department,
    modality: c.modality,
    bodyArea: c.bodyArea ?? null,
    setting: c.setting,
    urgency: c.urgency ?? null,
    alertCategory: c.alertCategory ?? null,
    harm: c.harm,
    ageBand: c.ageBand ?? null,
    eventMonth: c.eventMonth,
    themes: c.themes.map((t) => ({ theme: t.theme, factors: [...t.factors].sort() })).sort((a, b) => (a.theme < b.theme ? -1 : a.theme > b.theme ? 1 : 0)),
    journey: Object.fromEntries(STAGES.filter((s) => c.journey?.[s] !== undefined).map((s) => [s, c.journey![s]])),
    repeats: [...new Set(c.repeats ?? [])].sort(),
  };
}

function changed(before: Record<string, unknown>, after: Record<string, unknown>) {
  const keys = Object.keys(after).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
  return { before: Object.fromEntries(keys.map((k) => [k, before[k]])), after: Object.fromEntries(keys.map((k) => [k, after[k]])) };
}

/**
 * Rows are built as one literal, then added to with Object.assign, never spread into another literal:
 * on Node 20 each property written after a spread makes a new hidden class, which cost about 35 µs a
 * case on import (a third of the request thread's work per case).
 */
function columnsOf(input: CaseInput): Omit<NewCaseRow, 'ref' | 'status' | 'created_by' | 'created_at' | 'updated_at' | 'version'> {
  const journey = input.journey ?? {};
  return {
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
    day_request: journey.request ?? null,
    day_vetting: journey.vetting ?? null,
    day_scan: journey.scan ?? null,
    day_report: journey.report ?? null,
    day_alert: journey.alert ?? null,
    day_acknowledgement: journey.acknowledgement ?? null,
    day_action: journey.action ?? null,
  };
}

type BatchRejection = BatchRejectedError['rows'][number];

/** The free text an identifier scan reads. */
const scannedText = (input: CaseInput) => ({ title: input.title, narrative: input.narrative, learning: input.learning });

export function createCaseService(deps: { db: Db; audit: AuditService; clock: () => Date; onChange?: (refs: string[]) => Promise<void>; scanner?: BatchScanner }) {
  const { db, audit, clock } = deps;
  const scanner = deps.scanner ?? batchScanner;
  // Whatever mirrors cases (the search index) hears of each change before the request answers.
  const notify = async (...refs: string[]) => deps.onChange?.(refs);

  async function validate(input: CaseInput, options: SaveOptions, previous?: CaseView) {
    const { problems, repeatIds } = await checkCase(db, input, clock(), previous);
    if (problems.length) throw new CaseValidationError(problems);
    const confirmed = screenFields(scannedText(input), options.confirmations);
    return { repeatIds, confirmed };
  }

  function newRow(input: CaseInput, ref: string, actor: Actor, at: string): NewCaseRow {
    const status: NewCaseRow['status'] = input.submit ? 'submitted' : 'draft';
    return Object.assign(columnsOf(input), {
      ref,
      status,
      withdrawn_at: null,
      withdrawn_reason: null,
      version: 1,
      created_by: actor.id ?? 0,
      created_at: at,
      updated_at: at,
      submitted_at: status === 'submitted' ? at : null,
      closed_at: null,
    });
  }

  const createdEvent = (actor: Actor, ref: string, input: CaseInput, confirmed: Confirmed, via?: 'import') => ({
    actor,
    action: 'case.create',
    entityType: 'case',
    entityId: ref,
    after: Object.assign(auditShape(input), { status: input.submit ? 'submitted' : 'draft' }, via ? { via } : {}, confirmed.length ? { identifiersConfirmed: confirmed } : {}),
  });

  /** Inserts one checked case, its tags and its audit event, inside the caller's transaction. */
  async function insert(trx: Db, actor: Actor, input: CaseInput, repeatIds: number[], confirmed: Confirmed, now: Date): Promise<string> {
    const ref = formatRef(now.getUTCFullYear(), await repo.nextSequence(trx, now.getUTCFullYear()));
    const id = await repo.insertCase(trx, newRow(input, ref, actor, now.toISOString()));
    await repo.replaceTags(trx, id, input, repeatIds);
    await audit.record(trx, createdEvent(actor, ref, input, confirmed));
    return ref;
  }

  async function create(actor: Actor, input: CaseInput, options: SaveOptions = {}): Promise<CaseView> {
    const { repeatIds, confirmed } = await validate(input, options);
    const ref = await db.transaction().execute((trx) => insert(trx, actor, input, repeatIds, confirmed, clock()));
    await notify(ref);
    return (await get(ref))!;
  }

  /** Every problem of every row of a batch, without writing anything: what an import shows before it runs. */
  async function checkMany(inputs: CaseInput[]): Promise<BatchRejection[]> {
    const scanning = scanner.scan(inputs.map(scannedText));
    const { problems } = await checkRules(inputs);
    return rejections(problems, await scanning);
  }

  /** The rules every row must meet (vocabularies, months, repeats), each row's problems in order. */
  async function checkRules(inputs: CaseInput[]) {
    const v = await loadVocabularies(db);
    const now = clock();
    const problems: FieldProblem[][] = [];
    const repeatIds: number[][] = [];
    for (const input of inputs) {
      const checked = await checkCase(db, input, now, undefined, v);
      problems.push(checked.problems);
      repeatIds.push(checked.repeatIds);
    }
    return { problems, repeatIds };
  }

  const rejections = (problems: FieldProblem[][], findings: IdentifierFinding[][]): BatchRejection[] =>
    problems.flatMap((p, i) => (p.length || findings[i]!.length ? [{ row: i + 1, problems: p, findings: findings[i]! }] : []));

  /**
   * Creates a batch in one transaction: all of it or none of it. Any problem in any row refuses the
   * whole batch (imports carry no identifier confirmations: their text must be clean). Rows, tags
   * and audit events are written many to a statement: an import of years of cases is one click.
   * The identifier scan runs on its own thread while the rows are written, and a finding rolls the
   * whole transaction back: nothing of the batch is ever committed before its scan is clean.
   */
  async function createMany(actor: Actor, inputs: CaseInput[]): Promise<string[]> {
    const scanning = scanner.scan(inputs.map(scannedText));
    // Awaited below; until then a failed scan must not count as unhandled.
    scanning.catch(() => undefined);
    const { problems, repeatIds } = await checkRules(inputs);
    if (problems.some((p) => p.length)) throw new BatchRejectedError(rejections(problems, await scanning));
    if (inputs.length === 0) return [];
    const now = clock();
    const at = now.toISOString();
    const year = now.getUTCFullYear();
    const created = await db.transaction().execute(async (trx) => {
      const first = await repo.reserveSequence(trx, year, inputs.length);
      const refs = inputs.map((_, i) => formatRef(year, first + i));
      await repo.insertCasesWithTags(
        trx,
        inputs.map((input, i) => ({
          row: newRow(input, refs[i]!, actor, at),
          themes: input.themes.map((t) => t.theme),
          factors: [...new Set(input.themes.flatMap((t) => t.factors))],
          repeats: repeatIds[i]!,
        })),
      );
      await audit.recordMany(trx, [
        ...inputs.map((input, i) => createdEvent(actor, refs[i]!, input, [], 'import')),
        { actor, action: 'case.import', entityType: 'case', after: { count: refs.length, first: refs[0] ?? null, last: refs.at(-1) ?? null } },
      ]);
      const findings = await scanning;
      if (findings.some((f) => f.length)) throw new BatchRejectedError(rejections(problems, findings));
      return refs;
    });
    await notify(...created);
    return created;
  }

  /**
   * Replaces a case's fields if nobody has saved it since `expectedVersion`. A draft becomes
   * submitted when `input.submit`; a submitted case never goes back to draft.
   */
  async function update(actor: Actor, ref: string, input: CaseInput, expectedVersion: number, options: SaveOptions = {}): Promise<CaseView> {
    const previous = await get(ref);
    if (!previous) throw new CaseStateError(`There is no case ${ref}`);
    if (previous.version !== expectedVersion) throw new VersionConflictError(previous);
    if (previous.withdrawn) throw new CaseStateError(`${ref} has been withdrawn and cannot be changed`);
    if (previous.status === 'closed') throw new CaseStateError(`${ref} is closed: a clinical director must reopen it before it can be changed`);
    if ((input.repeats ?? []).includes(ref)) throw new CaseValidationError([{ field: 'repeats', message: 'A case cannot repeat itself' }]);
    const { repeatIds, confirmed } = await validate(input, options, previous);

    const at = clock().toISOString();
    const status = previous.status === 'draft' && input.submit ? 'submitted' : previous.status;
    const diff = changed({ ...auditShape(previous), status: previous.status }, { ...auditShape(input), status });
    // Saving what is already there is not a change: no new version, nothing in the history. Any
    // confirmation it carries was recorded when the same text was saved.
    if (!Object.keys(diff.after).length) return previous;
    await db.transaction().execute(async (trx) => {
      const row = await repo.findByRef(trx, ref);
      // A second check inside the transaction closes the gap between reading and writing.
      const ok = row && (await repo.updateCase(trx, row.id, expectedVersion, { ...columnsOf(input), status, updated_at: at, version: expectedVersion + 1, ...(status !== previous.status ? { submitted_at: at } : {}) }));
      if (!row || !ok) throw new VersionConflictError((await get(ref))!);
      await repo.replaceTags(trx, row.id, input, repeatIds);
      if (confirmed.length) diff.after.identifiersConfirmed = confirmed;
      await audit.record(trx, { actor, action: status !== previous.status ? 'case.submit' : 'case.update', entityType: 'case', entityId: ref, ...diff });
    });
    await notify(ref);
    return (await get(ref))!;
  }

  async function get(ref: string): Promise<CaseView | undefined> {
    const row = await repo.findByRef(db, ref);
    return row ? toView(row, await repo.tagsOf(db, row.id)) : undefined;
  }

  /** A case as this role may see it: drafts are hidden from trainers. */
  /** The case as `role` may see it: no drafts for those who never see drafts, nor links to them. */
  async function getFor(role: Role, ref: string): Promise<CaseView | undefined> {
    const c = await get(ref);
    if (!c || canSeeDrafts(role)) return c;
    if (c.status === 'draft') return undefined;
    const linked = [...c.repeats, ...c.repeatedBy];
    if (!linked.length) return c;
    const found = await repo.idsByRef(db, linked);
    const shown = (r: string) => found.get(r)?.status !== 'draft';
    return { ...c, repeats: c.repeats.filter(shown), repeatedBy: c.repeatedBy.filter(shown) };
  }

  /** One status change, checked against the version the user saw, audited with its reason. */
  async function transition(
    actor: Actor,
    ref: string,
    expectedVersion: number | undefined,
    decide: (c: CaseView) => { changes: Parameters<typeof repo.updateCase>[3]; action: string; before: object; after: object },
  ): Promise<CaseView> {
    const current = await get(ref);
    if (!current) throw new CaseStateError(`There is no case ${ref}`);
    if (expectedVersion !== undefined && current.version !== expectedVersion) throw new VersionConflictError(current);
    const { changes, action, before, after } = decide(current);
    await db.transaction().execute(async (trx) => {
      const row = await repo.findByRef(trx, ref);
      const ok = row && (await repo.updateCase(trx, row.id, current.version, { ...changes, updated_at: clock().toISOString(), version: current.version + 1 }));
      if (!row || !ok) throw new VersionConflictError((await get(ref))!);
      await audit.record(trx, { actor, action, entityType: 'case', entityId: ref, before, after });
    });
    await notify(ref);
    return (await get(ref))!;
  }

  const notWithdrawn = (c: CaseView) => {
    if (c.withdrawn) throw new CaseStateError(`${c.ref} has been withdrawn`);
  };

  /** Submitted → closed: the case's learning has been captured. */
  const close = (actor: Actor, ref: string, expectedVersion?: number) =>
    transition(actor, ref, expectedVersion, (c) => {
      notWithdrawn(c);
      if (c.status !== 'submitted') throw new CaseStateError('Only a submitted case can be closed');
      return { changes: { status: 'closed', closed_at: clock().toISOString() }, action: 'case.close', before: { status: c.status }, after: { status: 'closed' } };
    });

  /** Closed → submitted, by a clinical director, with a reason kept in the audit trail. */
  const reopen = (actor: Actor, ref: string, reason: string, expectedVersion?: number) =>
    transition(actor, ref, expectedVersion, (c) => {
      notWithdrawn(c);
      if (c.status !== 'closed') throw new CaseStateError('Only a closed case can be reopened');
      return { changes: { status: 'submitted', closed_at: null }, action: 'case.reopen', before: { status: c.status }, after: { status: 'submitted', reason } };
    });

  /** Takes a case out of use without deleting it: lists, trends and teaching sets leave it out. */
  const withdraw = (actor: Actor, ref: string, reason: string, expectedVersion?: number) =>
    transition(actor, ref, expectedVersion, (c) => {
      notWithdrawn(c);
      const at = clock().toISOString();
      return { changes: { withdrawn_at: at, withdrawn_reason: reason }, action: 'case.withdraw', before: { withdrawn: false }, after: { withdrawn: true, reason } };
    });

  /** A page of cases, whole (with tags), in the given order. */
  async function list(filter: repo.CaseFilter, sort: repo.CaseSort, limit: number, offset = 0): Promise<CaseView[]> {
    const rows = await repo.listCases(db, filter, sort, limit, offset);
    const tags = await repo.tagsOfMany(db, rows.map((r) => r.id), { hideDrafts: filter.hideDraftLinks ?? false });
    return rows.map((r) => toView(r, tags.get(r.id)!));
  }

  /** Every case a filter matches, a page at a time so the id lists stay within the database's limits. */
  async function all(filter: repo.CaseFilter, sort: repo.CaseSort, max: number): Promise<CaseView[]> {
    const out: CaseView[] = [];
    for (let offset = 0; offset < max; offset += 500) {
      const page = await list(filter, sort, Math.min(500, max - offset), offset);
      out.push(...page);
      if (page.length < 500) break;
    }
    return out;
  }

  /** For the API's cursor: views with their row ids, in id order. */
  async function listWithIds(filter: repo.CaseFilter, limit: number): Promise<{ id: number; view: CaseView }[]> {
    const rows = await repo.listCases(db, filter, 'id_asc', limit);
    const tags = await repo.tagsOfMany(db, rows.map((r) => r.id), { hideDrafts: filter.hideDraftLinks ?? false });
    return rows.map((r) => ({ id: r.id, view: toView(r, tags.get(r.id)!) }));
  }

  // The list counts its filter's cases by status on every view: at 100,000 cases that reads 100,000
  // index entries, about 5 ms. The counts change only with a case, and so with a newer audit event
  // (read first: a change committed meanwhile clears them on the next view).
  const counts = { marker: -1, byFilter: new Map<string, Record<string, number>>() };
  async function countByStatus(filter: repo.CaseFilter): Promise<Record<string, number>> {
    const marker = await newestEventId(db);
    if (marker !== counts.marker) {
      counts.byFilter.clear();
      counts.marker = marker;
    }
    const key = JSON.stringify(filter);
    let found = counts.byFilter.get(key);
    if (!found) {
      if (counts.byFilter.size >= 1000) counts.byFilter.clear();
      found = await repo.countByStatus(db, filter);
      // Kept only if no newer event was seen meanwhile: these counts may predate it.
      if (counts.marker === marker) counts.byFilter.set(key, found);
    }
    return { ...found };
  }

  async function draftsOf(userId: number) {
    return (await repo.draftsBy(db, userId, 50)).map((r) => ({ ref: r.ref, title: r.title, eventMonth: r.event_month, updatedAt: r.updated_at }));
  }

  return { create, createMany, checkMany, update, get, getFor, close, reopen, withdraw, draftsOf, list, all, listWithIds, countByStatus };
}

export type CaseService = ReturnType<typeof createCaseService>;
