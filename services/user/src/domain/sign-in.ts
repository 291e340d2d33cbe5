import { problems } from '@storefront/service-kit';
import type { LoginRequest, UserView } from '@storefront/contracts';
import type { UsersRepository } from '../data-access/users-repository.js';
import type { PasswordHasher } from './passwords.js';
import { startSession, type SessionDependencies } from './sessions.js';
import { signInThrottle, type SignInThrottleDependencies } from './sign-in-throttle.js';
import { toUserView } from './user-view.js';

export interface SignInDependencies extends SessionDependencies, SignInThrottleDependencies {
  users: UsersRepository;
  passwords: PasswordHasher;
}

/** `client` is the caller's address (from trusted proxies only): the lockout is per account and client. */
export async function signIn(
  deps: SignInDependencies,
  request: LoginRequest,
  client: string,
): Promise<{ user: UserView; token: string }> {
  const throttle = signInThrottle(deps);
  const attempt = { email: request.email, client };
  await throttle.assertNotLocked(attempt);
  const user = await deps.users.findByEmail(request.email);
  const matches = user
    ? await deps.passwords.verify(user.passwordHash, request.password)
    : await deps.passwords.verifyNothing(request.password);
  if (!user || !matches) {
    await throttle.recordFailure(attempt);
    // One answer for an unknown email and a wrong password: the form must not confirm who has an account.
    throw problems.unauthorized('The email or password is not correct.');
  }
  await throttle.succeeded(attempt);
  return { user: toUserView(user), token: await startSession(deps, user) };
}
