import type { Kysely } from 'kysely';
import { idColumn } from './support/dialect.ts';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('teaching_sets')
    .addColumn('id', 'integer', idColumn(db))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('audience', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    // Archived sets stay readable; nothing is hard-deleted.
    .addColumn('archived_at', 'text')
    .execute();

  await db.schema
    .createTable('teaching_set_items')
    .addColumn('set_id', 'integer', (c) => c.notNull().references('teaching_sets.id'))
    .addColumn('case_id', 'integer', (c) => c.notNull().references('cases.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('added_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('teaching_set_items_pk', ['set_id', 'case_id'])
    .execute();
  await db.schema.createIndex('teaching_set_items_case').on('teaching_set_items').column('case_id').execute();

  // Admin-added synonym groups, on top of the built-in imaging list: one group per row, terms separated by "|".
  await db.schema
    .createTable('search_synonyms')
    .addColumn('id', 'integer', idColumn(db))
    .addColumn('terms', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('retired_at', 'text')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('search_synonyms').execute();
  await db.schema.dropTable('teaching_set_items').execute();
  await db.schema.dropTable('teaching_sets').execute();
}
