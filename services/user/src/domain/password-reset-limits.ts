import { problems } from '@storefront/service-kit';
import type { LoginAttemptsRepository } from '../data-access/login-attempts-repository.js';

/** Links one address is sent per window; asking again within it sends nothing (and answers the same). */
export const RESET_LINKS_PER_ADDRESS = 3;
/** Requests one visitor may make per window, whatever the addresses; past them, 429. */
export const RESET_REQUESTS_PER_CLIENT = 10;
export const RESET_WINDOW_MS = 15 * 60 * 1000;

export interface PasswordResetLimitDependencies {
  loginAttempts: LoginAttemptsRepository;
  now?: () => Date;
}

/**
 * Two limits on "Forgot password?", counted in the store every replica shares (the sign-in records' collection):
 * - per visitor address: a flood from one client answers 429 (which tells nothing about any account);
 * - per email address, known or not: a mailbox gets a few links per window, the rest are silently not sent, so
 *   nobody can bomb a customer's inbox, and the answer still cannot tell who has an account.
 * The gateway limits the route per visitor address too (x-storefront-rate-limit), before any of this runs.
 */
export async function admitResetRequest(
  deps: PasswordResetLimitDependencies,
  request: { email: string; client: string },
): Promise<{ mayEmail: boolean }> {
  const at = (deps.now ?? (() => new Date()))();
  const count = { keep: RESET_REQUESTS_PER_CLIENT + 1, forgetAfterMs: RESET_WINDOW_MS };
  const byClient = await deps.loginAttempts.recordFailure(`reset-client:${request.client}`, at, count);
  const recent = (seen: Date[]) => seen.filter((time) => at.getTime() - time.getTime() < RESET_WINDOW_MS);
  if (recent(byClient).length > RESET_REQUESTS_PER_CLIENT) {
    throw problems.tooManyRequests('Too many reset requests from here. Please wait before trying again.');
  }
  const byAddress = await deps.loginAttempts.recordFailure(`reset-address:${request.email}`, at, count);
  return { mayEmail: recent(byAddress).length <= RESET_LINKS_PER_ADDRESS };
}
