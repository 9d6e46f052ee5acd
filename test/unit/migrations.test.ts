import { sql } from '../../server/db/kysely.ts';
import { afterEach, describe, expect, it } from 'vitest';
import { type Db, openDatabase } from '../../server/db/database.ts';
import { createMigrator, migrateDownToNothing, migrateToLatest } from '../../server/db/migrator.ts';

const tables = async (db: Db) =>
  (await db.introspection.getTables()).map((t) => t.name).filter((n) => !n.startsWith('kysely_')).sort();

const ALL_TABLES = ['actions', 'api_tokens', 'audit_events', 'case_factors', 'case_links', 'case_notes', 'case_sequences', 'case_themes', 'cases', 'departments', 'factors', 'reviews', 'search_synonyms', 'sessions', 'spc_rebases', 'teaching_set_items', 'teaching_sets', 'themes', 'timeframes', 'users', 'vocabulary_terms'];

describe('migrations', () => {
  let db: Db;
  afterEach(async () => db.destroy());

  it('migrate up, all the way down, and up again on a fresh database', async () => {
    db = openDatabase('sqlite::memory:');
    await migrateToLatest(db);
    expect(await tables(db)).toEqual(ALL_TABLES);
    await migrateDownToNothing(db);
    expect(await tables(db)).toEqual([]);
    await migrateToLatest(db);
    expect(await tables(db)).toEqual(ALL_TABLES);
  });

  it('add report-to-alert timeframes and, going down, take away only those still as added', async () => {
    db = openDatabase('sqlite::memory:');
    await migrateToLatest(db);
    const rows = () => db.selectFrom('timeframes').select(['urgency', 'max_days']).where('from_stage', '=', 'report').where('to_stage', '=', 'alert').orderBy('urgency').execute();
    expect((await rows()).map((r) => r.max_days)).toEqual([1, 1, 1, 1]);
    // A trust sets its own for urgent requests; the down migration leaves that one.
    await db.updateTable('timeframes').set({ max_days: 2, source: 'Trust policy' }).where('urgency', '=', 'urgent').where('from_stage', '=', 'report').where('to_stage', '=', 'alert').execute();
    await createMigrator(db).migrateTo('2026_11_24_0014_index_live_cases');
    expect(await rows()).toEqual([{ urgency: 'urgent', max_days: 2 }]);
  });

  it('refuse to update or delete an audit event', async () => {
    db = openDatabase('sqlite::memory:');
    await migrateToLatest(db);
    await db
      .insertInto('audit_events')
      .values({ at: '2026-11-23T10:00:00.000Z', actor_id: null, actor_label: 'system', action: 'test', entity_type: 'x', entity_id: null, before_json: null, after_json: null })
      .execute();
    await expect(db.updateTable('audit_events').set({ action: 'changed' }).execute()).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom('audit_events').execute()).rejects.toThrow(/append-only/);
    const { n } = (await sql<{ n: number }>`select count(*) as n from audit_events`.execute(db)).rows[0]!;
    expect(Number(n)).toBe(1);
  });
});
