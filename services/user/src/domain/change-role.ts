import type { SessionUser } from '@storefront/auth';
import type { ChangeRoleRequest, UserView } from '@storefront/contracts';
import { problems } from '@storefront/service-kit';
import { activeUserWithRole, type ActiveUserDependencies } from './active-user.js';
import { applyUserChange } from './apply-user-change.js';
import { toUserView } from './user-view.js';

/**
 * An admin gives an account another role. The account's sessions are revoked, since their tokens still carry the
 * old role: the user signs in again and gets the new one. Admins cannot change their own role, so the last admin
 * cannot lock everyone out by accident.
 */
export async function changeRole(
  deps: ActiveUserDependencies,
  session: SessionUser | undefined,
  userId: string,
  request: ChangeRoleRequest,
): Promise<UserView> {
  const admin = await activeUserWithRole(deps, session, 'admin');
  if (admin.id === userId) throw problems.conflict('Admins cannot change their own role.');
  const { user, changed } = await applyUserChange(deps.users, userId, () => ({ role: request.role }));
  if (changed) await deps.sessions.revokeAll(user.id);
  return toUserView(user);
}
