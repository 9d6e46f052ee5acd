import session from 'express-session';
import type { Db } from '../db/database.ts';

type Callback<T = void> = (err?: unknown, value?: T) => void;

const TOUCH_GRANULARITY_MS = 60_000;
const MAX_REMEMBERED = 10_000;

/**
 * express-session's store over our database, so sessions survive restarts and (with PostgreSQL)
 * are shared by every instance. Expired rows are ignored on read and pruned as new ones are written.
 */
export class DatabaseSessionStore extends session.Store {
  private lastPrune = 0;
  /** The expiry last read or written per session, so a touch can skip a write that changes little. */
  private readonly knownExpiry = new Map<string, number>();

  constructor(
    private readonly db: Db,
    private readonly ttlMs: number,
    private readonly clock: () => Date = () => new Date(),
  ) {
    super();
  }

  private expiry(sess: session.SessionData): string {
    const cookieExpiry = sess.cookie?.expires ? new Date(sess.cookie.expires).getTime() : 0;
    return new Date(cookieExpiry || this.clock().getTime() + this.ttlMs).toISOString();
  }

  override get(sid: string, cb: Callback<session.SessionData | null>): void {
    this.db
      .selectFrom('sessions')
      .select(['sess', 'expires_at'])
      .where('sid', '=', sid)
      .where('expires_at', '>', this.clock().toISOString())
      .executeTakeFirst()
      .then((row) => {
        if (row) this.remember(sid, row.expires_at);
        cb(null, row ? (JSON.parse(row.sess) as session.SessionData) : null);
      }, cb);
  }

  override set(sid: string, sess: session.SessionData, cb?: Callback): void {
    const row = { sid, sess: JSON.stringify(sess), expires_at: this.expiry(sess), user_id: sess.userId ?? null };
    this.db
      .insertInto('sessions')
      .values(row)
      .onConflict((oc) => oc.column('sid').doUpdateSet({ sess: row.sess, expires_at: row.expires_at, user_id: row.user_id }))
      .execute()
      .then(() => this.remember(sid, row.expires_at))
      .then(() => this.pruneNow())
      .then(() => cb?.(), (err) => cb?.(err));
  }

  /**
   * Rolling sessions touch on every request. Moving the expiry by less than a minute is not worth a
   * write, so a session may end up to a minute before its idle limit.
   */
  override touch(sid: string, sess: session.SessionData, cb?: Callback): void {
    const expiresAt = this.expiry(sess);
    const known = this.knownExpiry.get(sid);
    if (known !== undefined && Date.parse(expiresAt) - known < TOUCH_GRANULARITY_MS) {
      cb?.();
      return;
    }
    this.db
      .updateTable('sessions')
      .set({ expires_at: expiresAt })
      .where('sid', '=', sid)
      .execute()
      .then(() => this.remember(sid, expiresAt))
      .then(() => cb?.(), (err) => cb?.(err));
  }

  private remember(sid: string, expiresAt: string): void {
    // Oldest first out: a bounded memory, and a forgotten session only costs one write.
    if (this.knownExpiry.size >= MAX_REMEMBERED && !this.knownExpiry.has(sid)) this.knownExpiry.delete(this.knownExpiry.keys().next().value!);
    this.knownExpiry.set(sid, Date.parse(expiresAt));
  }

  override destroy(sid: string, cb?: Callback): void {
    this.knownExpiry.delete(sid);
    this.db
      .deleteFrom('sessions')
      .where('sid', '=', sid)
      .execute()
      .then(() => cb?.(), (err) => cb?.(err));
  }

  /** At most once a minute: cheap enough to do inline, and no timer keeps the process alive. */
  private async pruneNow(): Promise<void> {
    const now = this.clock().getTime();
    if (now - this.lastPrune < 60_000) return;
    this.lastPrune = now;
    await this.db.deleteFrom('sessions').where('expires_at', '<=', new Date(now).toISOString()).execute();
  }
}
