/** Account lockout after repeated failed sign-ins. Pure: the caller supplies the time. */

export const MAX_FAILED_ATTEMPTS = 5;
export const LOCK_MINUTES = 15;

export type LockState = { failedAttempts: number; lockedUntil: Date | null };

export function isLocked(state: LockState, now: Date): boolean {
  return state.lockedUntil !== null && state.lockedUntil.getTime() > now.getTime();
}

/** The state after a failed attempt: the fifth failure in a row locks the account for 15 minutes. */
export function afterFailedAttempt(state: LockState, now: Date): LockState {
  // An expired lock starts a fresh count, so one more mistake does not lock again at once.
  const previous = state.lockedUntil && !isLocked(state, now) ? 0 : state.failedAttempts;
  const failedAttempts = previous + 1;
  if (failedAttempts >= MAX_FAILED_ATTEMPTS) {
    return { failedAttempts, lockedUntil: new Date(now.getTime() + LOCK_MINUTES * 60_000) };
  }
  return { failedAttempts, lockedUntil: null };
}

export const afterSuccessfulSignIn = (): LockState => ({ failedAttempts: 0, lockedUntil: null });

/** "14 minutes", "1 minute": how long until the lock lifts, rounded up. */
export function minutesRemaining(state: LockState, now: Date): number {
  if (!state.lockedUntil) return 0;
  return Math.max(0, Math.ceil((state.lockedUntil.getTime() - now.getTime()) / 60_000));
}
