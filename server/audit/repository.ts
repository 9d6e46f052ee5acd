import type { Db } from '../db/database.ts';
import { chunks } from '../db/chunks.ts';
import type { AuditEventRow, NewAuditEventRow } from '../db/schema.ts';

/**
 * The newest event's id, 0 when there is none. Every change to a case writes an event in the same
 * transaction, so what is worked out from cases holds until this moves on.
 */
export async function newestEventId(db: Db): Promise<number> {
  const row = await db.selectFrom('audit_events').select((eb) => eb.fn.max('id').as('last')).executeTakeFirst();
  return Number(row?.last ?? 0);
}

export async function insertEvent(db: Db, event: NewAuditEventRow): Promise<void> {
  await db.insertInto('audit_events').values(event).execute();
}

export async function insertEvents(db: Db, events: NewAuditEventRow[]): Promise<void> {
  for (const chunk of chunks(events, 200)) await db.insertInto('audit_events').values(chunk).execute();
}

export type AuditFilter = { actorId?: number; action?: string; from?: string; to?: string };

function filtered(db: Db, f: AuditFilter) {
  let q = db.selectFrom('audit_events');
  if (f.actorId !== undefined) q = q.where('actor_id', '=', f.actorId);
  if (f.action) q = q.where('action', '=', f.action);
  if (f.from) q = q.where('at', '>=', f.from);
  if (f.to) q = q.where('at', '<', f.to);
  return q;
}

export async function listEvents(db: Db, f: AuditFilter, limit: number, offset: number): Promise<AuditEventRow[]> {
  return filtered(db, f).selectAll().orderBy('at', 'desc').orderBy('id', 'desc').limit(limit).offset(offset).execute();
}

export async function countEvents(db: Db, f: AuditFilter): Promise<number> {
  const row = await filtered(db, f).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function distinctActions(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('audit_events').select('action').distinct().orderBy('action').execute();
  return rows.map((r) => r.action);
}

/** Every event about one thing, and about things of another type that belong to it, oldest first. */
export async function eventsFor(db: Db, entityType: string, entityId: string, belonging?: { entityType: string; ids: string[] }): Promise<AuditEventRow[]> {
  return db
    .selectFrom('audit_events')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb.and([eb('entity_type', '=', entityType), eb('entity_id', '=', entityId)]),
        ...(belonging?.ids.length ? [eb.and([eb('entity_type', '=', belonging.entityType), eb('entity_id', 'in', belonging.ids)])] : []),
      ]),
    )
    .orderBy('at')
    .orderBy('id')
    .execute();
}
