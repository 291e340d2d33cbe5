import { HttpProblem } from '@storefront/service-kit';
import type { LoginAttemptsRepository } from '../data-access/login-attempts-repository.js';

/** After this many failed password checks within the window, the account refuses sign-ins for a while. */
export const MAX_FAILURES = 5;
export const FAILURE_WINDOW_MS = 15 * 60 * 1000;

/** 429 with the seconds until the oldest counted failure leaves the window (sent as `Retry-After`). */
export class AccountLockedProblem extends HttpProblem {
  constructor(readonly retryAfterSeconds: number) {
    super(
      429,
      'Too Many Requests',
      'Too many failed sign-ins for this account. Please wait before trying again.',
    );
  }
}

export interface SignInThrottleDependencies {
  loginAttempts: LoginAttemptsRepository;
  now?: () => Date;
}

function lockedUntil(failures: Date[]): Date | null {
  if (failures.length < MAX_FAILURES) return null;
  const oldest = failures[failures.length - MAX_FAILURES]!;
  return new Date(oldest.getTime() + FAILURE_WINDOW_MS);
}

/**
 * A sliding window per account (the normalised email, whether or not it has an account, so the answer never
 * tells the two apart): five failures within fifteen minutes lock it until the oldest of them is fifteen minutes
 * old. A locked account is refused before any password is checked, so guessing on gains nothing.
 */
export function signInThrottle(deps: SignInThrottleDependencies) {
  const now = deps.now ?? (() => new Date());
  const refuseIfLocked = (failures: Date[], at: Date) => {
    const until = lockedUntil(failures);
    if (until && until > at) {
      throw new AccountLockedProblem(Math.max(1, Math.ceil((until.getTime() - at.getTime()) / 1000)));
    }
  };
  return {
    async assertNotLocked(email: string): Promise<void> {
      refuseIfLocked(await deps.loginAttempts.recentFailures(email), now());
    },
    /** Counts a failure; throws the 429 when it was the one that locked the account. */
    async recordFailure(email: string): Promise<void> {
      const at = now();
      const failures = await deps.loginAttempts.recordFailure(email, at, {
        keep: MAX_FAILURES,
        forgetAfterMs: FAILURE_WINDOW_MS,
      });
      refuseIfLocked(failures, at);
    },
    async reset(email: string): Promise<void> {
      await deps.loginAttempts.reset(email);
    },
  };
}
