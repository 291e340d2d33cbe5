import type { SessionUser } from '@storefront/auth';
import type { ChangePasswordRequest } from '@storefront/contracts';
import { problems } from '@storefront/service-kit';
import { activeUser, type ActiveUserDependencies } from './active-user.js';
import type { PasswordHasher } from './passwords.js';
import { signInThrottle, type SignInThrottleDependencies } from './sign-in-throttle.js';

export interface ChangePasswordDependencies extends ActiveUserDependencies, SignInThrottleDependencies {
  passwords: PasswordHasher;
}

/**
 * The owner proves the current password and sets a new one; every other session of the account is revoked, this
 * one stays. A wrong current password counts towards the same lockout as a failed sign-in, so a stolen session
 * cannot be used to guess the password either.
 */
export async function changePassword(
  deps: ChangePasswordDependencies,
  session: SessionUser | undefined,
  request: ChangePasswordRequest,
  client: string,
): Promise<void> {
  const user = await activeUser(deps, session);
  const throttle = signInThrottle(deps);
  const attempt = { email: user.email, client };
  await throttle.assertNotLocked(attempt);
  if (!(await deps.passwords.verify(user.passwordHash, request.currentPassword))) {
    await throttle.recordFailure(attempt);
    throw problems.badRequest('The current password is not correct.', [
      { path: 'currentPassword', message: 'is not correct' },
    ]);
  }
  await deps.users.setPasswordHash(user.id, await deps.passwords.hash(request.newPassword));
  await deps.sessions.revokeAll(user.id, { except: session!.sessionId });
  await throttle.succeeded(attempt);
}
