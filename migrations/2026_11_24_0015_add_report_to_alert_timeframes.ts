import type { Kysely } from 'kysely';
import { REPORT_TO_ALERT } from '../seed/reference/2026-11-24-alert-timeframes.ts';

/**
 * The journey had timeframes into and out of the acknowledgement but none from report to alert, so
 * a delayed alert showed nowhere. A trust that has set its own keeps it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db
    .insertInto('timeframes')
    .values(REPORT_TO_ALERT.map((t) => ({ urgency: t.urgency, from_stage: t.fromStage, to_stage: t.toStage, max_days: t.maxDays, source: t.source, local: t.local ? 1 : 0 })))
    .onConflict((oc) => oc.columns(['urgency', 'from_stage', 'to_stage']).doNothing())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.deleteFrom('timeframes').where('from_stage', '=', 'report').where('to_stage', '=', 'alert').execute();
}
