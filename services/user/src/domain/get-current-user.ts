import type { SessionUser } from '@storefront/auth';
import type { UserView } from '@storefront/contracts';
import { problems } from '@storefront/service-kit';
import type { SessionsRepository } from '../data-access/sessions-repository.js';
import type { UsersRepository } from '../data-access/users-repository.js';
import { toUserView } from './user-view.js';

export async function getCurrentUser(
  deps: { users: UsersRepository; sessions: SessionsRepository },
  session: SessionUser,
): Promise<UserView> {
  // A valid signature is not enough: the session may have been signed out or the account removed since.
  const active = await deps.sessions.isActive(session.sessionId, session.id);
  const user = active ? await deps.users.findById(session.id) : null;
  if (!user) throw problems.unauthorized('Your session has ended. Please sign in again.');
  return toUserView(user);
}
