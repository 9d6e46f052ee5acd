import type { Db } from '../db/database.ts';
import * as repo from './repository.ts';

export type Actor = { id: number | null; label: string };
export const SYSTEM_ACTOR: Actor = { id: null, label: 'system' };

export type AuditInput = {
  actor: Actor;
  action: string;
  entityType: string;
  entityId?: string | number | null;
  before?: unknown;
  after?: unknown;
};

export type AuditEvent = {
  id: number;
  at: Date;
  actorId: number | null;
  actorLabel: string;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
};

const json = (v: unknown): string | null => (v === undefined || v === null ? null : JSON.stringify(v));
const parse = (s: string | null): unknown => (s === null ? null : JSON.parse(s));

const toEvent = (r: Awaited<ReturnType<typeof repo.eventsFor>>[number]): AuditEvent => ({
  id: r.id,
  at: new Date(r.at),
  actorId: r.actor_id,
  actorLabel: r.actor_label,
  action: r.action,
  entityType: r.entity_type,
  entityId: r.entity_id,
  before: parse(r.before_json),
  after: parse(r.after_json),
});

const rowOf = (e: AuditInput, at: Date) => ({
  at: at.toISOString(),
  actor_id: e.actor.id,
  actor_label: e.actor.label,
  action: e.action,
  entity_type: e.entityType,
  entity_id: e.entityId === undefined || e.entityId === null ? null : String(e.entityId),
  before_json: json(e.before),
  after_json: json(e.after),
});

/** The audit trail: written in the same transaction as the change it records, never updated or deleted. */
export function createAuditService(clock: () => Date) {
  return {
    async record(db: Db, e: AuditInput): Promise<void> {
      await repo.insertEvent(db, rowOf(e, clock()));
    },

    /** Many events at once (a batch import), in the caller's transaction. */
    async recordMany(db: Db, events: AuditInput[]): Promise<void> {
      const at = clock();
      await repo.insertEvents(db, events.map((e) => rowOf(e, at)));
    },

    async list(db: Db, filter: repo.AuditFilter, page: number, pageSize: number) {
      const [rows, total] = await Promise.all([
        repo.listEvents(db, filter, pageSize, (page - 1) * pageSize),
        repo.countEvents(db, filter),
      ]);
      return { events: rows.map(toEvent), total };
    },

    /** One thing's history, with that of the things that belong to it (a case's actions). */
    async historyOf(db: Db, entityType: string, entityId: string, belonging?: { entityType: string; ids: string[] }): Promise<AuditEvent[]> {
      return (await repo.eventsFor(db, entityType, entityId, belonging)).map(toEvent);
    },

    actions: (db: Db) => repo.distinctActions(db),
  };
}

export type AuditService = ReturnType<typeof createAuditService>;
