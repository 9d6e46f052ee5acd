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

/** Only the rows `up` added and nobody has changed since: a trust's own report-to-alert timeframe stays. */
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of REPORT_TO_ALERT) {
    await db
      .deleteFrom('timeframes')
      .where('urgency', '=', t.urgency)
      .where('from_stage', '=', t.fromStage)
      .where('to_stage', '=', t.toStage)
      .where('max_days', '=', t.maxDays)
      .where('source', '=', t.source)
      .execute();
  }
}
