import type { SessionUser } from '@storefront/auth';
import type { ProfileView } from '@storefront/contracts';
import { activeUser, type ActiveUserDependencies } from './active-user.js';
import { toProfileView } from './user-view.js';

export async function getCurrentUser(
  deps: ActiveUserDependencies,
  session: SessionUser | undefined,
): Promise<ProfileView> {
  return toProfileView(await activeUser(deps, session));
}
