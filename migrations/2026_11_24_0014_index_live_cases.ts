import type { Kysely } from 'kysely';

/**
 * The case list without a status filter (the default) asks for cases not withdrawn, newest first.
 * No index began with `withdrawn_at`, so SQLite walked the month index and read every case row to
 * check it: 80 ms for a page 50,000 cases deep at 100,000 cases, and 120 ms for the first page of one
 * theme. These lead with `withdrawn_at` and hold the sort, the id and the status, so pages and status
 * counts come from the index alone: 1-2 ms and 11 ms. The month index they replace served only
 * queries that also ask about `withdrawn_at`, as every query of the cases does.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('cases_live_event').on('cases').columns(['withdrawn_at', 'event_month', 'id', 'status']).execute();
  await db.schema.createIndex('cases_live_updated').on('cases').columns(['withdrawn_at', 'updated_at', 'id', 'status']).execute();
  await db.schema.dropIndex('cases_event_month').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('cases_event_month').on('cases').column('event_month').execute();
  await db.schema.dropIndex('cases_live_updated').execute();
  await db.schema.dropIndex('cases_live_event').execute();
}
