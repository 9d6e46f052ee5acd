import { type Kysely, sql } from 'kysely';
import { ACTION_OWNERS } from '../seed/reference/2026-11-23-action-owners.ts';
import { idColumn } from './support/dialect.ts';

export async function up(db: Kysely<any>): Promise<void> {
  // A running log: notes are added, never edited, so the table has no updated_at.
  await db.schema
    .createTable('case_notes')
    .addColumn('id', 'integer', idColumn(db))
    .addColumn('case_id', 'integer', (c) => c.notNull().references('cases.id'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('author_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('author_role', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('case_notes_case').on('case_notes').columns(['case_id', 'created_at']).execute();

  // case_id is nullable so the quarterly review can own actions through the same table later.
  await db.schema
    .createTable('actions')
    .addColumn('id', 'integer', idColumn(db))
    .addColumn('case_id', 'integer', (c) => c.references('cases.id'))
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('open', 'done', 'dropped')`))
    .addColumn('dropped_reason', 'text')
    .addColumn('evidence', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('completed_at', 'text')
    .execute();
  await db.schema.createIndex('actions_case').on('actions').column('case_id').execute();
  await db.schema.createIndex('actions_status_due').on('actions').columns(['status', 'due_date']).execute();

  await db
    .insertInto('vocabulary_terms')
    .values(ACTION_OWNERS.map((t, i) => ({ vocabulary: 'action_owner', code: t.code, label: t.label, position: i + 1, retired: 0 })))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.deleteFrom('vocabulary_terms').where('vocabulary', '=', 'action_owner').execute();
  await db.schema.dropTable('actions').execute();
  await db.schema.dropTable('case_notes').execute();
}
