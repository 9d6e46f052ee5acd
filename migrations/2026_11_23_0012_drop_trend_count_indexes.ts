import type { Kysely } from 'kysely';

/**
 * Trend charts now count from cases held in memory (server/trends/cube.ts), so nothing reads these
 * two wide indexes any more, and every case saved still wrote to both: dropping them makes a save,
 * and an import, cheaper. Filters by status or department and month keep their own indexes.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('cases_journeys').execute();
  await db.schema.dropIndex('cases_trends').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
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
