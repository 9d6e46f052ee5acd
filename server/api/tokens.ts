import { createHash, randomBytes } from 'node:crypto';
import type { Actor, AuditService } from '../audit/service.ts';
import type { Db } from '../db/database.ts';

const PREFIX = 'cb_';

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export type TokenInfo = { id: number; userId: number; label: string; createdAt: Date; lastUsedAt: Date | null; revokedAt: Date | null };

/** Bearer tokens for the API: shown once when created, stored only as a hash, revocable. */
export function createTokenService(deps: { db: Db; audit: AuditService; clock: () => Date }) {
  const { db, audit, clock } = deps;

  async function create(actor: Actor, userId: number, label: string): Promise<{ token: string; id: number }> {
    const token = PREFIX + randomBytes(32).toString('base64url');
    return db.transaction().execute(async (trx) => {
      const { id } = await trx
        .insertInto('api_tokens')
        .values({ user_id: userId, token_hash: hashToken(token), label, created_at: clock().toISOString(), last_used_at: null, revoked_at: null })
        .returning('id')
        .executeTakeFirstOrThrow();
      await audit.record(trx, { actor, action: 'token.create', entityType: 'api_token', entityId: id, after: { userId, label } });
      return { token, id: Number(id) };
    });
  }

  /** The active user a token belongs to, or undefined for an unknown, revoked or deactivated one. */
  async function authenticate(token: string): Promise<number | undefined> {
    if (!token.startsWith(PREFIX)) return undefined;
    const row = await db
      .selectFrom('api_tokens')
      .innerJoin('users', 'users.id', 'api_tokens.user_id')
      .select(['api_tokens.id', 'api_tokens.user_id', 'api_tokens.last_used_at'])
      .where('api_tokens.token_hash', '=', hashToken(token))
      .where('api_tokens.revoked_at', 'is', null)
      .where('users.active', '=', 1)
      .executeTakeFirst();
    if (!row) return undefined;
    const now = clock();
    // Recording every use would turn each API read into a write; once a minute is enough to see activity.
    if (!row.last_used_at || now.getTime() - Date.parse(row.last_used_at) > 60_000) {
      await db.updateTable('api_tokens').set({ last_used_at: now.toISOString() }).where('id', '=', row.id).execute();
    }
    return row.user_id;
  }

  async function revoke(actor: Actor, id: number): Promise<boolean> {
    return db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row || row.revoked_at) return false;
      await trx.updateTable('api_tokens').set({ revoked_at: clock().toISOString() }).where('id', '=', id).execute();
      await audit.record(trx, { actor, action: 'token.revoke', entityType: 'api_token', entityId: id, before: { label: row.label } });
      return true;
    });
  }

  async function listFor(userId?: number): Promise<TokenInfo[]> {
    let q = db.selectFrom('api_tokens').selectAll().orderBy('created_at', 'desc');
    if (userId !== undefined) q = q.where('user_id', '=', userId);
    return (await q.execute()).map((r) => ({
      id: r.id,
      userId: r.user_id,
      label: r.label,
      createdAt: new Date(r.created_at),
      lastUsedAt: r.last_used_at ? new Date(r.last_used_at) : null,
      revokedAt: r.revoked_at ? new Date(r.revoked_at) : null,
    }));
  }

  return { create, authenticate, revoke, listFor };
}

export type TokenService = ReturnType<typeof createTokenService>;
