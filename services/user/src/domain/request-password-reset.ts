import { setTimeout as sleep } from 'node:timers/promises';
import { PASSWORD_RESET_TTL_MS } from '@storefront/auth';
import { makeEvent, type ForgotPasswordRequest } from '@storefront/contracts';
import type { PasswordResetsRepository } from '../data-access/password-resets-repository.js';
import type { UsersRepository } from '../data-access/users-repository.js';
import { admitResetRequest, type PasswordResetLimitDependencies } from './password-reset-limits.js';
import { hashResetToken, newResetToken } from './password-reset-tokens.js';

/**
 * Every answer takes at least this long, known address or not: issuing a link (two writes) must not be told apart
 * from doing nothing by the clock.
 */
export const FORGOT_ANSWER_MIN_MS = 300;

export interface RequestPasswordResetDependencies extends PasswordResetLimitDependencies {
  users: UsersRepository;
  passwordResets: PasswordResetsRepository;
}

/**
 * "Forgot password?": when the address has an account (and has not had too many links lately), a single-use link
 * valid for 30 minutes is emailed to it through the `user.password-reset-requested` event (the outbox, as every
 * event). The caller learns nothing either way: same answer, same time.
 */
export async function requestPasswordReset(
  deps: RequestPasswordResetDependencies,
  request: ForgotPasswordRequest,
  client: string,
): Promise<void> {
  const started = Date.now();
  const { mayEmail } = await admitResetRequest(deps, { email: request.email, client });
  const user = mayEmail ? await deps.users.findByEmail(request.email) : null;
  if (user) {
    const token = newResetToken();
    const expiresAt = new Date((deps.now?.() ?? new Date()).getTime() + PASSWORD_RESET_TTL_MS);
    const event = makeEvent('user.password-reset-requested', {
      userId: user.id,
      email: user.email,
      name: user.name,
      token,
      expiresAt: expiresAt.toISOString(),
    });
    await deps.passwordResets.issue({ tokenHash: hashResetToken(token), userId: user.id, expiresAt }, event);
  }
  await sleep(Math.max(0, FORGOT_ANSWER_MIN_MS - (Date.now() - started)));
}
