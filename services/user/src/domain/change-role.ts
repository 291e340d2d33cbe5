import type { SessionUser } from '@storefront/auth';
import type { ChangeRoleRequest, UserView } from '@storefront/contracts';
import { problems, type SessionRegistry } from '@storefront/service-kit';
import { activeUserWithRole, type ActiveUserDependencies } from './active-user.js';
import { applyUserChange } from './apply-user-change.js';
import { toUserView } from './user-view.js';

export interface ChangeRoleDependencies extends ActiveUserDependencies {
  sessionRegistry: SessionRegistry;
}

/**
 * An admin gives an account another role. Every service learns the new role from the session registry, and the
 * account's sessions are revoked, since their tokens still carry the old role: the user signs in again and gets the
 * new one. Admins cannot change their own role, so the last admin cannot lock everyone out by accident.
 */
export async function changeRole(
  deps: ChangeRoleDependencies,
  session: SessionUser | undefined,
  userId: string,
  request: ChangeRoleRequest,
): Promise<UserView> {
  const admin = await activeUserWithRole(deps, session, 'admin');
  if (admin.id === userId) throw problems.conflict('Admins cannot change their own role.');
  const { user, changed } = await applyUserChange(deps.users, userId, () => ({ role: request.role }));
  if (changed) {
    await deps.sessionRegistry.setRole(user.id, user.role);
    await deps.sessions.revokeAll(user.id);
  }
  return toUserView(user);
}
