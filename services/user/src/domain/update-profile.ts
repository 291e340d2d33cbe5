import type { SessionUser } from '@storefront/auth';
import type { ProfileView, UpdateProfileRequest } from '@storefront/contracts';
import { activeUser, type ActiveUserDependencies } from './active-user.js';
import { applyUserChange } from './apply-user-change.js';
import { toProfileView } from './user-view.js';

/** The owner edits their name, phone, addresses and notification preferences; the email stays as registered. */
export async function updateProfile(
  deps: ActiveUserDependencies,
  session: SessionUser | undefined,
  request: UpdateProfileRequest,
): Promise<ProfileView> {
  const user = await activeUser(deps, session);
  const { user: updated } = await applyUserChange(deps.users, user.id, () => ({
    name: request.name,
    phone: request.phone,
    addresses: request.addresses,
    preferences: request.preferences,
  }));
  return toProfileView(updated);
}
