import type { AuditService, Actor } from '../audit/service.ts';
import type { Db } from '../db/database.ts';
import type { UserRow } from '../db/schema.ts';
import { afterFailedAttempt, afterSuccessfulSignIn, isLocked, type LockState, minutesRemaining } from '../domain/lockout.ts';
import type { Role } from '../domain/roles.ts';
import { hashPassword, UNUSABLE_HASH, verifyPassword } from './passwords.ts';
import * as repo from './repository.ts';

export type User = {
  id: number;
  email: string;
  role: Role;
  active: boolean;
  lockedUntil: Date | null;
  createdAt: Date;
};

export const toUser = (r: UserRow): User => ({
  id: r.id,
  email: r.email,
  role: r.role,
  active: r.active === 1,
  lockedUntil: r.locked_until ? new Date(r.locked_until) : null,
  createdAt: new Date(r.created_at),
});

const lockState = (r: UserRow): LockState => ({
  failedAttempts: r.failed_attempts,
  lockedUntil: r.locked_until ? new Date(r.locked_until) : null,
});

/** What the audit trail keeps of a user: never the password hash. */
const auditView = (u: Pick<User, 'email' | 'role' | 'active'>) => ({ email: u.email, role: u.role, active: u.active });

export type SignInResult =
  | { ok: true; user: User }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'locked'; minutes: number }
  | { ok: false; reason: 'inactive' };

export class UserError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'UserError';
  }
}

export const normaliseEmail = (email: string): string => email.trim().toLowerCase();

export function createUserService(deps: { db: Db; audit: AuditService; clock: () => Date }) {
  const { db, audit, clock } = deps;
  const actorFor = (u: User): Actor => ({ id: u.id, label: u.email });

  async function signIn(emailInput: string, password: string): Promise<SignInResult> {
    const email = normaliseEmail(emailInput);
    const now = clock();
    const row = await repo.findByEmail(db, email);
    if (!row) {
      // Spend the same time as a real check so response times do not reveal which accounts exist.
      await verifyPassword(password, UNUSABLE_HASH);
      await audit.record(db, { actor: { id: null, label: email.slice(0, 254) }, action: 'auth.sign_in_failed', entityType: 'user', after: { reason: 'unknown_account' } });
      return { ok: false, reason: 'invalid' };
    }
    const user = toUser(row);
    const state = lockState(row);
    if (isLocked(state, now)) {
      await audit.record(db, { actor: actorFor(user), action: 'auth.sign_in_failed', entityType: 'user', entityId: user.id, after: { reason: 'locked' } });
      return { ok: false, reason: 'locked', minutes: minutesRemaining(state, now) };
    }
    if (!(await verifyPassword(password, row.password_hash))) {
      // Counted from the row as it is inside the transaction, not as read before the slow password
      // check: attempts sent at once would otherwise each write the same count, and never lock.
      const next = await db.transaction().execute(async (trx) => {
        const current = await repo.findById(trx, user.id);
        const next = afterFailedAttempt(current ? lockState(current) : state, now);
        await repo.update(trx, user.id, { failed_attempts: next.failedAttempts, locked_until: next.lockedUntil?.toISOString() ?? null, updated_at: now.toISOString() });
        await audit.record(trx, { actor: actorFor(user), action: 'auth.sign_in_failed', entityType: 'user', entityId: user.id, after: { reason: 'wrong_password', failedAttempts: next.failedAttempts } });
        if (next.lockedUntil) {
          await audit.record(trx, { actor: actorFor(user), action: 'auth.account_locked', entityType: 'user', entityId: user.id, after: { lockedUntil: next.lockedUntil.toISOString() } });
        }
        return next;
      });
      return next.lockedUntil ? { ok: false, reason: 'locked', minutes: minutesRemaining(next, now) } : { ok: false, reason: 'invalid' };
    }
    if (!user.active) {
      await audit.record(db, { actor: actorFor(user), action: 'auth.sign_in_failed', entityType: 'user', entityId: user.id, after: { reason: 'inactive' } });
      return { ok: false, reason: 'inactive' };
    }
    const reset = afterSuccessfulSignIn();
    await db.transaction().execute(async (trx) => {
      await repo.update(trx, user.id, { failed_attempts: reset.failedAttempts, locked_until: null, updated_at: now.toISOString() });
      await audit.record(trx, { actor: actorFor(user), action: 'auth.sign_in', entityType: 'user', entityId: user.id });
    });
    return { ok: true, user: { ...user, lockedUntil: null } };
  }

  async function recordSignOut(user: User): Promise<void> {
    await audit.record(db, { actor: actorFor(user), action: 'auth.sign_out', entityType: 'user', entityId: user.id });
  }

  async function findActive(id: number): Promise<User | undefined> {
    const row = await repo.findById(db, id);
    return row && row.active === 1 ? toUser(row) : undefined;
  }

  async function get(id: number): Promise<User | undefined> {
    const row = await repo.findById(db, id);
    return row ? toUser(row) : undefined;
  }

  async function list(): Promise<User[]> {
    return (await repo.listAll(db)).map(toUser);
  }

  async function create(actor: Actor, input: { email: string; role: Role; password: string }): Promise<User> {
    const email = normaliseEmail(input.email);
    const now = clock().toISOString();
    const passwordHash = await hashPassword(input.password);
    return db.transaction().execute(async (trx) => {
      if (await repo.findByEmail(trx, email)) throw new UserError('email', 'A user with this email address already exists');
      const id = await repo.insert(trx, { email, role: input.role, password_hash: passwordHash, active: 1, failed_attempts: 0, locked_until: null, created_at: now, updated_at: now });
      const user = toUser((await repo.findById(trx, id))!);
      await audit.record(trx, { actor, action: 'user.create', entityType: 'user', entityId: id, after: auditView(user) });
      return user;
    });
  }

  /** Changes role and active flag; an admin cannot lock themselves out. */
  async function update(actor: Actor, id: number, changes: { role: Role; active: boolean }): Promise<User> {
    return db.transaction().execute(async (trx) => {
      const row = await repo.findById(trx, id);
      if (!row) throw new UserError('id', 'User not found');
      const before = toUser(row);
      if (actor.id === id && changes.role !== 'admin') throw new UserError('role', 'You cannot remove your own administrator role');
      if (actor.id === id && !changes.active) throw new UserError('active', 'You cannot deactivate your own account');
      if (before.role === changes.role && before.active === changes.active) return before;
      await repo.update(trx, id, { role: changes.role, active: changes.active ? 1 : 0, updated_at: clock().toISOString() });
      const after = { ...before, ...changes };
      // One event per kind of change, so the audit log's filter by action finds each of them.
      if (before.role !== changes.role) {
        await audit.record(trx, { actor, action: 'user.role_change', entityType: 'user', entityId: id, before: { role: before.role }, after: { role: changes.role } });
      }
      if (before.active !== changes.active) {
        await audit.record(trx, { actor, action: changes.active ? 'user.reactivate' : 'user.deactivate', entityType: 'user', entityId: id, before: auditView(before), after: auditView(after) });
      }
      return after;
    });
  }

  /** `keepSession`: the session making the reset, when users reset their own password. */
  async function resetPassword(actor: Actor, id: number, password: string, keepSession?: string): Promise<void> {
    const passwordHash = await hashPassword(password);
    await db.transaction().execute(async (trx) => {
      const row = await repo.findById(trx, id);
      if (!row) throw new UserError('id', 'User not found');
      // A reset also lifts any lock: the administrator has just confirmed who the user is.
      await repo.update(trx, id, { password_hash: passwordHash, failed_attempts: 0, locked_until: null, updated_at: clock().toISOString() });
      // The user's other sessions end: a reset is what an administrator does when an account may be
      // in someone else's hands.
      await trx.deleteFrom('sessions').where('user_id', '=', id).$if(keepSession !== undefined, (q) => q.where('sid', '!=', keepSession!)).execute();
      await audit.record(trx, { actor, action: 'user.password_reset', entityType: 'user', entityId: id, after: { email: row.email } });
    });
  }

  return { signIn, recordSignOut, findActive, get, list, create, update, resetPassword, actorFor };
}

export type UserService = ReturnType<typeof createUserService>;
