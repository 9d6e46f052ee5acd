import { type Kysely, sql } from 'kysely';
import { idColumn } from './support/dialect.ts';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('reviews')
    .addColumn('id', 'integer', idColumn(db))
    .addColumn('quarter', 'text', (c) => c.notNull())
    // The departments the review covers, as sorted codes joined by ","; empty means the whole organisation.
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('draft', 'signed_off')`))
    // A correction is a new version of the same review: version 2 points at version 1, both stay readable.
    .addColumn('version_no', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('corrects_id', 'integer', (c) => c.references('reviews.id'))
    .addColumn('correction_reason', 'text')
    .addColumn('findings_json', 'text', (c) => c.notNull())
    .addColumn('attendance_json', 'text', (c) => c.notNull())
    .addColumn('discussions_json', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('signed_off_by', 'integer', (c) => c.references('users.id'))
    .addColumn('signed_off_at', 'text')
    // Frozen at sign-off: every section's data and text, and the SHA-256 of exactly that JSON.
    .addColumn('snapshot_json', 'text')
    .addColumn('content_hash', 'text')
    .execute();
  await db.schema.createIndex('reviews_quarter').on('reviews').columns(['quarter', 'scope']).execute();

  // Actions agreed at a review are tracked like case actions, in the same table.
  await db.schema.alterTable('actions').addColumn('review_id', 'integer', (c) => c.references('reviews.id')).execute();
  await db.schema.createIndex('actions_review').on('actions').column('review_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('actions_review').execute();
  await db.schema.alterTable('actions').dropColumn('review_id').execute();
  await db.schema.dropTable('reviews').execute();
}
