import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type session from 'express-session';
import { DatabaseSessionStore } from '../../server/auth/session-store.ts';
import { type Db, openDatabase } from '../../server/db/database.ts';
import { migrateToLatest } from '../../server/db/migrator.ts';

const TTL = 30 * 60_000;
let db: Db;
let now: Date;
let store: DatabaseSessionStore;

const call = <T>(fn: (cb: (err?: unknown, value?: T) => void) => void) =>
  new Promise<T | undefined>((resolve, reject) => fn((err, value) => (err ? reject(err) : resolve(value))));
const sessionAt = (at: Date, extra: Record<string, unknown> = {}) => ({ cookie: { expires: new Date(at.getTime() + TTL) }, ...extra }) as unknown as session.SessionData;
const storedExpiry = async (sid: string) => (await db.selectFrom('sessions').select('expires_at').where('sid', '=', sid).executeTakeFirst())?.expires_at;

beforeEach(async () => {
  db = openDatabase('sqlite::memory:');
  await migrateToLatest(db);
  now = new Date('2026-11-23T10:00:00.000Z');
  store = new DatabaseSessionStore(db, TTL, () => now);
});
afterEach(() => db.destroy());

describe('DatabaseSessionStore', () => {
  it('stores, reads back and destroys a session', async () => {
    await call((cb) => store.set('a', sessionAt(now, { userId: 7 }), cb));
    expect(await call<session.SessionData | null>((cb) => store.get('a', cb))).toMatchObject({ userId: 7 });
    await call((cb) => store.destroy('a', cb));
    expect(await call<session.SessionData | null>((cb) => store.get('a', cb))).toBeNull();
  });

  it('does not hand out an expired session', async () => {
    await call((cb) => store.set('a', sessionAt(now), cb));
    now = new Date(now.getTime() + TTL + 1);
    expect(await call((cb) => store.get('a', cb))).toBeNull();
  });

  it('skips a touch that moves the expiry by less than a minute, and writes one that moves it more', async () => {
    await call((cb) => store.set('a', sessionAt(now), cb));
    const first = await storedExpiry('a');
    await call((cb) => store.touch('a', sessionAt(new Date(now.getTime() + 59_000)), cb));
    expect(await storedExpiry('a')).toBe(first);
    const later = new Date(now.getTime() + 61_000);
    await call((cb) => store.touch('a', sessionAt(later), cb));
    expect(await storedExpiry('a')).toBe(new Date(later.getTime() + TTL).toISOString());
  });

  it('writes a touch for a session it has not seen (another instance may have written it)', async () => {
    await call((cb) => store.set('a', sessionAt(now), cb));
    const fresh = new DatabaseSessionStore(db, TTL, () => now);
    const soon = new Date(now.getTime() + 1000);
    await call((cb) => fresh.touch('a', sessionAt(soon), cb));
    expect(await storedExpiry('a')).toBe(new Date(soon.getTime() + TTL).toISOString());
  });
});
