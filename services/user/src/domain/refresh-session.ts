import type { SessionUser } from '@storefront/auth';
import type { UserView } from '@storefront/contracts';
import { problems } from '@storefront/service-kit';
import { activeUser, type ActiveUserDependencies } from './active-user.js';
import { startSession, type SessionDependencies } from './sessions.js';
import { toUserView } from './user-view.js';

/**
 * Rotation: the old session is revoked and a new one (new id, fresh expiry, the name and role as stored now) is
 * issued. Revoking is the atomic step, so of two refreshes racing with the same token only one gets a session.
 */
export async function refreshSession(
  deps: ActiveUserDependencies & SessionDependencies,
  session: SessionUser | undefined,
): Promise<{ user: UserView; token: string }> {
  const user = await activeUser(deps, session);
  if (!(await deps.sessions.revoke(session!.sessionId))) {
    throw problems.unauthorized('Your session has ended. Please sign in again.');
  }
  return { user: toUserView(user), token: await startSession(deps, user) };
}
