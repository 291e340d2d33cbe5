import type { SessionUser } from '@storefront/auth';
import type { SessionsRepository } from '../data-access/sessions-repository.js';

/** Revokes the session so its token is refused even before it expires; signing out twice is harmless. */
export async function signOut(deps: { sessions: SessionsRepository }, user: SessionUser | undefined) {
  if (user) await deps.sessions.revoke(user.sessionId);
}
