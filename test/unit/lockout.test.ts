import { describe, expect, it } from 'vitest';
import { afterFailedAttempt, afterSuccessfulSignIn, isLocked, type LockState, minutesRemaining } from '../../server/domain/lockout.ts';

const t0 = new Date('2026-11-23T10:00:00Z');
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

describe('account lockout', () => {
  it('locks on the fifth failure in a row, for 15 minutes', () => {
    let s: LockState = { failedAttempts: 0, lockedUntil: null };
    for (let i = 1; i <= 4; i++) {
      s = afterFailedAttempt(s, t0);
      expect(isLocked(s, t0)).toBe(false);
      expect(s.failedAttempts).toBe(i);
    }
    s = afterFailedAttempt(s, t0);
    expect(isLocked(s, t0)).toBe(true);
    expect(s.lockedUntil).toEqual(at(15));
    expect(minutesRemaining(s, at(0.5))).toBe(15);
    expect(minutesRemaining(s, at(14.5))).toBe(1);
    expect(isLocked(s, at(15))).toBe(false);
  });

  it('starts counting afresh once a lock has expired', () => {
    const expired: LockState = { failedAttempts: 5, lockedUntil: at(15) };
    const s = afterFailedAttempt(expired, at(16));
    expect(s).toEqual({ failedAttempts: 1, lockedUntil: null });
  });

  it('clears the count on a successful sign-in', () => {
    expect(afterSuccessfulSignIn()).toEqual({ failedAttempts: 0, lockedUntil: null });
  });
});
