import type { Actor, AuditService } from '../audit/service.ts';
import type { Db } from '../db/database.ts';
import type { Role } from '../domain/roles.ts';
import { screenFields } from './identifier-check.ts';
import { CaseStateError, CaseValidationError } from './service.ts';

export type Note = { body: string; authorRole: Role; createdAt: string };

export const NOTE_MAX = 5000;

/** The running notes log on a case: dated entries by role, added and never edited. */
export function createNoteService(deps: { db: Db; audit: AuditService; clock: () => Date; onChange?: (refs: string[]) => Promise<void> }) {
  const { db, audit, clock } = deps;

  async function list(caseId: number): Promise<Note[]> {
    const rows = await db.selectFrom('case_notes').select(['body', 'author_role', 'created_at']).where('case_id', '=', caseId).orderBy('created_at').orderBy('id').execute();
    return rows.map((r) => ({ body: r.body, authorRole: r.author_role, createdAt: r.created_at }));
  }

  async function add(actor: Actor & { role: Role }, ref: string, text: string): Promise<void> {
    const body = text.trim();
    if (!body) throw new CaseValidationError([{ field: 'note', message: 'Enter a note' }]);
    if (body.length > NOTE_MAX) throw new CaseValidationError([{ field: 'note', message: `A note must be ${NOTE_MAX.toLocaleString('en-GB')} characters or fewer` }]);
    // Notes are short and cannot carry a confirmed date or name: any finding refuses the note.
    screenFields({ note: body });
    await db.transaction().execute(async (trx) => {
      const c = await trx.selectFrom('cases').select(['id', 'withdrawn_at']).where('ref', '=', ref).executeTakeFirst();
      if (!c) throw new CaseStateError(`There is no case ${ref}`);
      const at = clock().toISOString();
      await trx.insertInto('case_notes').values({ case_id: c.id, body, author_id: actor.id ?? 0, author_role: actor.role, created_at: at }).execute();
      await audit.record(trx, { actor, action: 'case.note', entityType: 'case', entityId: ref, after: { note: body } });
    });
    // Notes are searched, so the index hears of them before the request answers.
    await deps.onChange?.([ref]);
  }

  return { list, add };
}

export type NoteService = ReturnType<typeof createNoteService>;
