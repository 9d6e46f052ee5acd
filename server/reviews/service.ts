import { createHash } from 'node:crypto';
import type { Actor, AuditService } from '../audit/service.ts';
import { scanFields } from '../cases/identifier-check.ts';
import type { Db } from '../db/database.ts';
import { monthsOf, quarterLabel } from '../domain/quarters.ts';
import type { SearchService } from '../search/service.ts';
import type { TrendService } from '../trends/service.ts';
import { assemblePack } from './assemble.ts';
import { type Cadence, cadenceOf, type SignedReview } from './cadence.ts';
import { gatherInputs } from './data.ts';
import type { ActionLine, Attendance, Discussions, Findings, ReviewPack, ReviewSnapshot } from './types.ts';

export const ATTENDANCE_ROLES = [
  'Clinical directors',
  'Consultant radiologists',
  'Reporting radiographers',
  'Radiology trainees',
  'Patient safety team',
  'Imaging services managers',
  'Referring clinicians',
  'Other',
] as const;

export class ReviewError extends Error {
  constructor(
    message: string,
    readonly field = 'review',
  ) {
    super(message);
    this.name = 'ReviewError';
  }
}

export type ReviewRow = Awaited<ReturnType<typeof findReview>>;

const findReview = (db: Db, id: number) => db.selectFrom('reviews').selectAll().where('id', '=', id).executeTakeFirst();

/** Same input, same bytes: keys sorted at every level, so the hash depends only on the content. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value as object)
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

export const scopeKey = (departments: string[]) => [...new Set(departments)].sort().join(',');

export function createReviewService(deps: { db: Db; audit: AuditService; clock: () => Date; trends: TrendService; search: SearchService }) {
  const { db, audit, clock } = deps;

  async function get(id: number) {
    const row = await findReview(db, id);
    if (!row) return undefined;
    return {
      ...row,
      departments: row.scope ? row.scope.split(',') : [],
      findings: JSON.parse(row.findings_json) as Findings,
      attendance: JSON.parse(row.attendance_json) as Attendance,
      discussions: JSON.parse(row.discussions_json) as Discussions,
      snapshot: row.snapshot_json ? (JSON.parse(row.snapshot_json) as ReviewSnapshot) : undefined,
    };
  }

  /** When the last review of this scope was signed off: "done since last review" counts from then. */
  async function since(quarter: string, scope: string): Promise<string> {
    const last = await db.selectFrom('reviews').select('signed_off_at').where('scope', '=', scope).where('status', '=', 'signed_off').where('quarter', '<', quarter).orderBy('quarter', 'desc').executeTakeFirst();
    return last?.signed_off_at ?? `${monthsOf(quarter)[0]}-01`;
  }

  /** The pack: assembled live while a draft, read from the frozen snapshot once signed off. */
  async function pack(review: NonNullable<Awaited<ReturnType<typeof get>>>): Promise<ReviewPack> {
    if (review.snapshot) return review.snapshot.pack;
    return assemblePack(await gatherInputs(deps, review.quarter, review.departments, review.scope, await since(review.quarter, review.scope)));
  }

  async function agreedActions(reviewId: number): Promise<ActionLine[]> {
    const rows = await db.selectFrom('actions').selectAll().where('review_id', '=', reviewId).orderBy('id').execute();
    return rows.map((r) => ({ id: r.id, description: r.description, owner: r.owner, dueDate: r.due_date, status: r.status, overdue: false, evidence: r.evidence, caseRef: null, fromReview: true }));
  }

  async function start(actor: Actor, quarter: string, departments: string[]): Promise<number> {
    const scope = scopeKey(departments);
    const existing = await db.selectFrom('reviews').select('id').where('quarter', '=', quarter).where('scope', '=', scope).where('corrects_id', 'is', null).executeTakeFirst();
    if (existing) throw new ReviewError(`There is already a review of ${quarterLabel(quarter)} for ${departments.length ? 'these departments' : 'the whole organisation'}: open it from the list of reviews`, 'quarter');
    const at = clock().toISOString();
    return db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('reviews')
        .values({ quarter, scope, status: 'draft', version_no: 1, corrects_id: null, correction_reason: null, findings_json: '{}', attendance_json: '[]', discussions_json: '{}', created_by: actor.id ?? 0, created_at: at, updated_at: at, signed_off_by: null, signed_off_at: null, snapshot_json: null, content_hash: null })
        .returning('id')
        .executeTakeFirstOrThrow();
      await audit.record(trx, { actor, action: 'review.create', entityType: 'review', entityId: String(row.id), after: { quarter, scope } });
      return Number(row.id);
    });
  }

  async function draft(id: number, version?: number) {
    const review = await get(id);
    if (!review) throw new ReviewError('There is no such review');
    if (review.status !== 'draft') throw new ReviewError('This review has been signed off and cannot be changed: correct it to make a new version');
    if (version !== undefined && version !== review.version) throw new ReviewError('Someone else saved this review since you opened it: check their changes and save again', 'version');
    return review;
  }

  /** Findings, attendance and discussion notes: free text, so scanned like every case field. */
  async function saveNotes(actor: Actor, id: number, notes: { findings: Findings; attendance: Attendance; discussions: Discussions }, version: number): Promise<void> {
    const review = await draft(id, version);
    const texts: Record<string, string> = {};
    for (const [k, t] of Object.entries(notes.findings)) if (t) texts[`findings-${k}`] = t;
    for (const [ref, d] of Object.entries(notes.discussions)) if (d.note) texts[`note-${ref}`] = d.note;
    const findings = scanFields(texts);
    if (findings.length) {
      const f = findings[0]!;
      throw new ReviewError(`This contains what may identify someone (${f.kind.replace('_', ' ')} at character ${f.start + 1}, ${f.masked}): remove it before saving`, f.field);
    }
    await db.transaction().execute(async (trx) => {
      const result = await trx
        .updateTable('reviews')
        .set({ findings_json: JSON.stringify(notes.findings), attendance_json: JSON.stringify(notes.attendance), discussions_json: JSON.stringify(notes.discussions), updated_at: clock().toISOString(), version: review.version + 1 })
        .where('id', '=', id)
        .where('version', '=', review.version)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) throw new ReviewError('Someone else saved this review since you opened it: check their changes and save again', 'version');
      await audit.record(trx, { actor, action: 'review.update', entityType: 'review', entityId: String(id), before: { findings: review.findings, attendance: review.attendance, discussions: review.discussions }, after: { findings: notes.findings, attendance: notes.attendance, discussions: notes.discussions } });
    });
  }

  /** Who took the pack away, and in what form: it holds every case of the quarter. */
  const recordExport = (actor: Actor, id: number, format: 'pdf' | 'csv', draft = false) =>
    audit.record(db, { actor, action: 'review.export', entityType: 'review', entityId: String(id), after: { format, ...(draft ? { draft } : {}) } });

  async function agreeAction(actor: Actor, id: number, input: { description: string; owner: string; dueDate: string }): Promise<void> {
    await draft(id);
    const found = scanFields({ description: input.description });
    if (found.length) throw new ReviewError(`The action contains what may identify someone (${found[0]!.kind.replace('_', ' ')}, ${found[0]!.masked}): remove it`, 'description');
    const at = clock().toISOString();
    await db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('actions')
        .values({ case_id: null, review_id: id, description: input.description, owner: input.owner, due_date: input.dueDate, status: 'open', dropped_reason: null, evidence: null, version: 1, created_by: actor.id ?? 0, created_at: at, updated_at: at, completed_at: null })
        .returning('id')
        .executeTakeFirstOrThrow();
      await audit.record(trx, { actor, action: 'action.create', entityType: 'action', entityId: String(row.id), after: { review: id, ...input } });
    });
  }

  /** The review as it stands, with the pack assembled now: what sign-off freezes, or a draft to print. */
  async function snapshotOf(review: NonNullable<Awaited<ReturnType<typeof get>>>, by: Actor): Promise<ReviewSnapshot> {
    return {
      review: { id: review.id, quarter: review.quarter, scope: review.scope, versionNo: review.version_no, correctsId: review.corrects_id, correctionReason: review.correction_reason },
      pack: await pack(review),
      findings: review.findings,
      attendance: review.attendance,
      discussions: review.discussions,
      agreedActions: await agreedActions(review.id),
      signedOff: { by: by.label, at: clock().toISOString() },
    };
  }

  /** Freezes the review: the assembled pack and every word, stored with the SHA-256 of exactly that JSON. */
  async function signOff(actor: Actor, id: number, version: number): Promise<string> {
    const review = await draft(id, version);
    const snapshot = await snapshotOf(review, actor);
    const json = canonicalJson(snapshot);
    const hash = sha256(json);
    await db.transaction().execute(async (trx) => {
      const result = await trx
        .updateTable('reviews')
        .set({ status: 'signed_off', signed_off_by: actor.id, signed_off_at: snapshot.signedOff.at, snapshot_json: json, content_hash: hash, version: review.version + 1, updated_at: snapshot.signedOff.at })
        .where('id', '=', id)
        .where('version', '=', review.version)
        .where('status', '=', 'draft')
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) throw new ReviewError('Someone else changed this review since you opened it', 'version');
      await audit.record(trx, { actor, action: 'review.sign_off', entityType: 'review', entityId: String(id), after: { quarter: review.quarter, scope: review.scope, versionNo: review.version_no, contentHash: hash } });
    });
    return hash;
  }

  /** A correction never edits the signed-off version: it starts version N+1 with the words carried over. */
  async function correct(actor: Actor, id: number, reason: string): Promise<number> {
    const review = await get(id);
    if (!review || review.status !== 'signed_off') throw new ReviewError('Only a signed-off review can be corrected');
    const newer = await db.selectFrom('reviews').select('id').where('corrects_id', '=', id).executeTakeFirst();
    if (newer) throw new ReviewError('This version has already been corrected: correct the latest version');
    const at = clock().toISOString();
    return db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('reviews')
        .values({ quarter: review.quarter, scope: review.scope, status: 'draft', version_no: review.version_no + 1, corrects_id: id, correction_reason: reason, findings_json: review.findings_json, attendance_json: review.attendance_json, discussions_json: review.discussions_json, created_by: actor.id ?? 0, created_at: at, updated_at: at, signed_off_by: null, signed_off_at: null, snapshot_json: null, content_hash: null })
        .returning('id')
        .executeTakeFirstOrThrow();
      // The actions agreed go on with the review: tracked under the version that is now current. The
      // corrected version's own record keeps them as they were, in its signed-off snapshot.
      await trx.updateTable('actions').set({ review_id: Number(row.id) }).where('review_id', '=', id).execute();
      await audit.record(trx, { actor, action: 'review.correct', entityType: 'review', entityId: String(row.id), after: { corrects: id, versionNo: review.version_no + 1, reason } });
      return Number(row.id);
    });
  }

  async function list() {
    return db.selectFrom('reviews').selectAll().orderBy('quarter', 'desc').orderBy('scope').orderBy('version_no', 'desc').execute();
  }

  /** Every version of the review this one belongs to, oldest first. */
  async function versions(id: number) {
    const all = await list();
    const chain = new Set<number>([id]);
    let grew = true;
    while (grew) {
      grew = false;
      for (const r of all) {
        if ((r.corrects_id !== null && chain.has(r.corrects_id) && !chain.has(r.id)) || (chain.has(r.id) && r.corrects_id !== null && !chain.has(r.corrects_id))) {
          chain.add(r.id);
          if (r.corrects_id !== null) chain.add(r.corrects_id);
          grew = true;
        }
      }
    }
    return all.filter((r) => chain.has(r.id)).sort((a, b) => a.version_no - b.version_no);
  }

  /** Signed-off reviews for the cadence page: any version counts once per quarter and scope. */
  async function signed(): Promise<SignedReview[]> {
    const rows = await db.selectFrom('reviews').select(['quarter', 'scope', 'signed_off_at']).where('status', '=', 'signed_off').execute();
    return rows.map((r) => ({ quarter: r.quarter, departments: r.scope ? r.scope.split(',') : [], signedOffAt: r.signed_off_at! }));
  }

  /** Each department (and the organisation as a whole) against the four-a-year standard. */
  async function cadence(units: { code: string; label: string }[]): Promise<Cadence[]> {
    const reviews = await signed();
    const today = clock().toISOString().slice(0, 10);
    return [{ code: '', label: 'Whole organisation' }, ...units].map((u) => cadenceOf(u, reviews, today));
  }

  /** Who did what to this version of the review, oldest first: started, saved, printed, signed off. */
  const history = async (id: number) => (await audit.historyOf(db, 'review', String(id))).map((e) => ({ at: e.at.toISOString(), who: e.actorLabel, what: e.action }));

  return { get, pack, agreedActions, start, saveNotes, agreeAction, signOff, snapshotOf, correct, list, versions, cadence, recordExport, history };
}

export type ReviewService = ReturnType<typeof createReviewService>;
