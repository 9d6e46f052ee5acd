import type { Kysely } from 'kysely';

/**
 * Trend charts count cases by month and by their coded columns. With these indexes the counting
 * reads only the index, never the wide case rows with their narratives: about twice as fast at
 * 100,000 cases. The first serves the counts, the second the journey (delay) measures.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('cases_trends')
    .on('cases')
    .columns(['status', 'event_month', 'withdrawn_at', 'department', 'source', 'setting', 'modality', 'harm'])
    .execute();
  await db.schema
    .createIndex('cases_journeys')
    .on('cases')
    .columns(['status', 'event_month', 'withdrawn_at', 'day_report', 'urgency', 'day_request', 'day_vetting', 'day_scan', 'department', 'source', 'setting'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('cases_journeys').execute();
  await db.schema.dropIndex('cases_trends').execute();
}
