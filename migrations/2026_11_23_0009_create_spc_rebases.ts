import type { Kysely } from 'kysely';
import { idColumn } from './support/dialect.ts';

export async function up(db: Kysely<any>): Promise<void> {
  // A rebase belongs to one measure seen through one set of filters (its scope): a new reporting
  // contract at one department changes that department's process, not everyone's.
  await db.schema
    .createTable('spc_rebases')
    .addColumn('id', 'integer', idColumn(db))
    .addColumn('measure', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('removed_at', 'text')
    .addColumn('removed_reason', 'text')
    .execute();
  await db.schema.createIndex('spc_rebases_measure').on('spc_rebases').columns(['measure', 'scope']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('spc_rebases').execute();
}
