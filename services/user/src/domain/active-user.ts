import type { Role, SessionUser } from '@storefront/auth';
import { problems } from '@storefront/service-kit';
import type { SessionsRepository } from '../data-access/sessions-repository.js';
import type { StoredUser, UsersRepository } from '../data-access/users-repository.js';

export interface ActiveUserDependencies {
  users: UsersRepository;
  sessions: SessionsRepository;
}

/**
 * The account behind a request's session. A valid signature is not enough: the session may have been signed out,
 * revoked everywhere or rotated since, or the account removed.
 */
export async function activeUser(
  deps: ActiveUserDependencies,
  session: SessionUser | undefined,
): Promise<StoredUser> {
  if (!session) throw problems.unauthorized();
  // Both reads are keyed by the token alone: asked together, a request waits for one round trip, not two.
  const [active, user] = await Promise.all([
    deps.sessions.isActive(session.sessionId, session.id),
    deps.users.findById(session.id),
  ]);
  if (!active || !user) throw problems.unauthorized('Your session has ended. Please sign in again.');
  return user;
}

/** As `activeUser`, and the account's role (as stored now, not as the token remembers it) is one of `roles`. */
export async function activeUserWithRole(
  deps: ActiveUserDependencies,
  session: SessionUser | undefined,
  ...roles: Role[]
): Promise<StoredUser> {
  const user = await activeUser(deps, session);
  if (!roles.includes(user.role)) throw problems.forbidden();
  return user;
}
