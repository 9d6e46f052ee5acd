import type { Kysely } from 'kysely';

/**
 * Which user a session is signed in as, so a password reset can end that user's other sessions: an
 * administrator resets a password when an account may be in someone else's hands. Sessions from
 * before have none; they end with their idle limit as before.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sessions').addColumn('user_id', 'integer').execute();
  await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('sessions_user').execute();
  await db.schema.alterTable('sessions').dropColumn('user_id').execute();
}
