import type { SessionUser } from '@storefront/auth';
import { activeUser, type ActiveUserDependencies } from './active-user.js';

/** Revokes every session of the account, this one included: each device has to sign in again. */
export async function signOutEverywhere(
  deps: ActiveUserDependencies,
  session: SessionUser | undefined,
): Promise<{ revoked: number }> {
  const user = await activeUser(deps, session);
  return { revoked: (await deps.sessions.revokeAll(user.id)).length };
}
