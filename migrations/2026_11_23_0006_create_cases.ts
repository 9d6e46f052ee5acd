import { type Kysely, sql } from 'kysely';
import { idColumn } from './support/dialect.ts';

const STAGES = ['request', 'vetting', 'scan', 'report', 'alert', 'acknowledgement', 'action'];

export async function up(db: Kysely<any>): Promise<void> {
  // One row per year hands out reference numbers; an update-then-read in a transaction is safe on both databases.
  await db.schema
    .createTable('case_sequences')
    .addColumn('year', 'integer', (c) => c.primaryKey())
    .addColumn('last', 'integer', (c) => c.notNull())
    .execute();

  let cases = db.schema
    .createTable('cases')
    .addColumn('id', 'integer', idColumn(db))
    .addColumn('ref', 'text', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('narrative', 'text', (c) => c.notNull())
    .addColumn('learning', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('department', 'text', (c) => c.notNull().references('departments.code'))
    .addColumn('modality', 'text', (c) => c.notNull())
    .addColumn('body_area', 'text')
    .addColumn('setting', 'text', (c) => c.notNull())
    .addColumn('urgency', 'text')
    .addColumn('alert_category', 'text')
    .addColumn('harm', 'text', (c) => c.notNull())
    .addColumn('age_band', 'text')
    .addColumn('event_month', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('draft', 'submitted', 'closed')`))
    // Withdrawal keeps the record (nothing is hard-deleted); it only hides the case from use.
    .addColumn('withdrawn_at', 'text')
    .addColumn('withdrawn_reason', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text')
    .addColumn('closed_at', 'text');
  for (const stage of STAGES) cases = cases.addColumn(`day_${stage}`, 'integer');
  await cases.execute();
  await db.schema.createIndex('cases_event_month').on('cases').column('event_month').execute();
  await db.schema.createIndex('cases_status').on('cases').columns(['status', 'event_month']).execute();
  await db.schema.createIndex('cases_department').on('cases').columns(['department', 'event_month']).execute();
  await db.schema.createIndex('cases_created_by').on('cases').columns(['created_by', 'status']).execute();

  await db.schema
    .createTable('case_themes')
    .addColumn('case_id', 'integer', (c) => c.notNull().references('cases.id'))
    .addColumn('theme_code', 'text', (c) => c.notNull().references('themes.code'))
    .addPrimaryKeyConstraint('case_themes_pk', ['case_id', 'theme_code'])
    .execute();
  await db.schema.createIndex('case_themes_theme').on('case_themes').column('theme_code').execute();

  await db.schema
    .createTable('case_factors')
    .addColumn('case_id', 'integer', (c) => c.notNull().references('cases.id'))
    .addColumn('factor_code', 'text', (c) => c.notNull().references('factors.code'))
    .addPrimaryKeyConstraint('case_factors_pk', ['case_id', 'factor_code'])
    .execute();
  await db.schema.createIndex('case_factors_factor').on('case_factors').column('factor_code').execute();

  await db.schema
    .createTable('case_links')
    .addColumn('case_id', 'integer', (c) => c.notNull().references('cases.id'))
    .addColumn('repeats_case_id', 'integer', (c) => c.notNull().references('cases.id'))
    .addPrimaryKeyConstraint('case_links_pk', ['case_id', 'repeats_case_id'])
    .execute();
  await db.schema.createIndex('case_links_repeats').on('case_links').column('repeats_case_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['case_links', 'case_factors', 'case_themes', 'cases', 'case_sequences']) {
    await db.schema.dropTable(table).execute();
  }
}
