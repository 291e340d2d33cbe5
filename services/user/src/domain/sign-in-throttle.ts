import { HttpProblem } from '@storefront/service-kit';
import type { LoginAttemptsRepository } from '../data-access/login-attempts-repository.js';

/** Failures from one client for one account that cost nothing; each one after them doubles the wait. */
export const FREE_FAILURES_PER_CLIENT = 5;
export const FIRST_BACKOFF_MS = 30 * 1000;
export const MAX_BACKOFF_MS = 15 * 60 * 1000;
/** How long a client's failures are remembered: past it, the client starts again from nothing. */
export const CLIENT_MEMORY_MS = 60 * 60 * 1000;
/** Failures for one account across every client within the window that pause it for clients it has not seen. */
export const MAX_FAILURES_PER_ACCOUNT = 50;
export const ACCOUNT_WINDOW_MS = 15 * 60 * 1000;
/** A client that signed in to an account is known to it this long, and is not held back by others' failures. */
export const KNOWN_CLIENT_MS = 30 * 24 * 60 * 60 * 1000;

/** 429 with the seconds until the client may try again (sent as `Retry-After`). */
export class AccountLockedProblem extends HttpProblem {
  constructor(readonly retryAfterSeconds: number) {
    super(429, 'Too Many Requests', 'Too many failed sign-ins. Please wait before trying again.');
  }
}

export interface SignInThrottleDependencies {
  loginAttempts: LoginAttemptsRepository;
  now?: () => Date;
}

/** Who is trying: the account (its normalised email, whether or not it exists) and the client's address. */
export interface SignInAttempt {
  email: string;
  client: string;
}

const clientKey = ({ email, client }: SignInAttempt) => `client:${email}|${client}`;
const accountKey = ({ email }: SignInAttempt) => `account:${email}`;

/** After the free failures, the client waits 30 s, then 1, 2, 4, 8 minutes … at most 15, from its last failure. */
function clientWaitUntil(failures: Date[], at: Date): Date | null {
  const recent = failures.filter((failure) => at.getTime() - failure.getTime() < CLIENT_MEMORY_MS);
  if (recent.length < FREE_FAILURES_PER_CLIENT) return null;
  const backoff = Math.min(
    MAX_BACKOFF_MS,
    FIRST_BACKOFF_MS * 2 ** (recent.length - FREE_FAILURES_PER_CLIENT),
  );
  return new Date(recent[recent.length - 1]!.getTime() + backoff);
}

/** The account pauses for unknown clients until the oldest of its last MAX failures leaves the window. */
function accountPausedUntil(failures: Date[]): Date | null {
  if (failures.length < MAX_FAILURES_PER_ACCOUNT) return null;
  return new Date(failures[failures.length - MAX_FAILURES_PER_ACCOUNT]!.getTime() + ACCOUNT_WINDOW_MS);
}

/**
 * Two limits, neither of which a stranger can turn against the owner:
 * - per account and client, exponential backoff: one client guessing gets five tries, then waits ever longer. It
 *   holds back that client only; the owner signing in from elsewhere is not affected.
 * - per account across clients: fifty failures within fifteen minutes (a spray from many addresses) pause the
 *   account, but only for clients that never signed in to it: the owner's known devices still get in.
 * Checks come before any password is hashed, so guessing on gains nothing and costs the service nothing.
 */
export function signInThrottle(deps: SignInThrottleDependencies) {
  const now = deps.now ?? (() => new Date());
  const refuseUntil = (until: Date | null, at: Date) => {
    if (until && until > at) {
      throw new AccountLockedProblem(Math.max(1, Math.ceil((until.getTime() - at.getTime()) / 1000)));
    }
  };
  return {
    async assertNotLocked(attempt: SignInAttempt): Promise<void> {
      const at = now();
      refuseUntil(clientWaitUntil(await deps.loginAttempts.recentFailures(clientKey(attempt)), at), at);
      if (await deps.loginAttempts.isKnownClient(attempt.email, attempt.client)) return;
      refuseUntil(accountPausedUntil(await deps.loginAttempts.recentFailures(accountKey(attempt))), at);
    },
    /** Counts a failure; throws the 429 when it was the one that made the client wait. */
    async recordFailure(attempt: SignInAttempt): Promise<void> {
      const at = now();
      const [clientFailures] = await Promise.all([
        deps.loginAttempts.recordFailure(clientKey(attempt), at, {
          keep: FREE_FAILURES_PER_CLIENT + 10,
          forgetAfterMs: CLIENT_MEMORY_MS,
        }),
        deps.loginAttempts.recordFailure(accountKey(attempt), at, {
          keep: MAX_FAILURES_PER_ACCOUNT,
          forgetAfterMs: ACCOUNT_WINDOW_MS,
        }),
      ]);
      refuseUntil(clientWaitUntil(clientFailures, at), at);
    },
    /** A success forgets this client's failures and remembers it as one of the account's own. */
    async succeeded(attempt: SignInAttempt): Promise<void> {
      await deps.loginAttempts.reset(clientKey(attempt));
      await deps.loginAttempts.rememberClient(attempt.email, attempt.client, {
        forgetAfterMs: KNOWN_CLIENT_MS,
      });
    },
  };
}
