import type { Actor, AuditService } from '../audit/service.ts';
import type { Db } from '../db/database.ts';
import { type Stage, STAGES } from '../domain/journey.ts';
import * as repo from './admin-repository.ts';
import { listTimeframes } from './repository.ts';

export type TimeframeValues = { maxDays: number; source: string; local: boolean };
type Interval = { fromStage: string; toStage: string; label: string };

const stageIndex = (s: string) => STAGES.indexOf(s as Stage);
const keyId = (k: repo.TimeframeKey) => `${k.urgency}:${k.fromStage}:${k.toStage}`;

/** Expected timeframes as admins see them: one table per urgency, one row per interval. */
export function createTimeframeAdmin(deps: { db: Db; audit: AuditService }) {
  const { db, audit } = deps;

  async function context() {
    const [rows, urgencies, stages] = await Promise.all([listTimeframes(db), repo.termsOf(db, 'urgency'), repo.termsOf(db, 'journey_stage')]);
    const stageLabel = (code: string) => stages.find((s) => s.code === code)?.label ?? code;
    // The intervals are those the seeded table covers; new ones come with new journey logic, by migration.
    const seen = new Map<string, Interval>();
    for (const r of rows) {
      seen.set(`${r.from_stage}:${r.to_stage}`, { fromStage: r.from_stage, toStage: r.to_stage, label: `${stageLabel(r.from_stage)} to ${stageLabel(r.to_stage).toLowerCase()}` });
    }
    const intervals = [...seen.values()].sort((a, b) => stageIndex(a.fromStage) - stageIndex(b.fromStage) || stageIndex(a.toStage) - stageIndex(b.toStage));
    return { rows, urgencies, intervals };
  }

  async function table() {
    const { rows, urgencies, intervals } = await context();
    return urgencies
      .filter((u) => u.retired === 0 || rows.some((r) => r.urgency === u.code))
      .map((u) => ({
        code: u.code,
        label: u.label,
        retired: u.retired === 1,
        rows: intervals.map((i) => {
          const t = rows.find((r) => r.urgency === u.code && r.from_stage === i.fromStage && r.to_stage === i.toStage);
          return {
            ...i,
            href: `/admin/reference-data/timeframes/${u.code}/${i.fromStage}/${i.toStage}`,
            timeframe: t ? { maxDays: t.max_days, source: t.source, local: t.local === 1 } : undefined,
          };
        }),
      }));
  }

  /** Undefined when the urgency or interval is not one the table has. */
  async function find(key: repo.TimeframeKey) {
    const { rows, urgencies, intervals } = await context();
    const urgency = urgencies.find((u) => u.code === key.urgency);
    const interval = intervals.find((i) => i.fromStage === key.fromStage && i.toStage === key.toStage);
    if (!urgency || !interval) return undefined;
    const t = rows.find((r) => r.urgency === key.urgency && r.from_stage === key.fromStage && r.to_stage === key.toStage);
    return { key, urgencyLabel: urgency.label, intervalLabel: interval.label, timeframe: t ? { maxDays: t.max_days, source: t.source, local: t.local === 1 } : undefined };
  }

  async function save(actor: Actor, key: repo.TimeframeKey, values: TimeframeValues): Promise<void> {
    await db.transaction().execute(async (trx) => {
      const row = await repo.findTimeframe(trx, key);
      const before = row ? { maxDays: row.max_days, source: row.source, local: row.local === 1 } : undefined;
      if (before && before.maxDays === values.maxDays && before.source === values.source && before.local === values.local) return;
      await repo.saveTimeframe(trx, key, values, row !== undefined);
      await audit.record(trx, { actor, action: 'reference.timeframe_update', entityType: 'timeframe', entityId: keyId(key), before, after: values });
    });
  }

  return { table, find, save };
}

export type TimeframeAdmin = ReturnType<typeof createTimeframeAdmin>;
