import type { ResetPasswordRequest, UserView } from '@storefront/contracts';
import { problems } from '@storefront/service-kit';
import type { PasswordResetsRepository } from '../data-access/password-resets-repository.js';
import type { SessionsRepository } from '../data-access/sessions-repository.js';
import type { UsersRepository } from '../data-access/users-repository.js';
import type { PasswordHasher } from './passwords.js';
import { hashResetToken, readResetToken } from './password-reset-tokens.js';
import { startSession, type SessionDependencies } from './sessions.js';
import { signInThrottle, type SignInThrottleDependencies } from './sign-in-throttle.js';
import { toUserView } from './user-view.js';

export interface ResetPasswordDependencies extends SessionDependencies, SignInThrottleDependencies {
  users: UsersRepository;
  sessions: SessionsRepository;
  passwordResets: PasswordResetsRepository;
  passwords: PasswordHasher;
}

/** One answer for a link that never existed, expired, or was used: nothing to tell apart. */
export const linkGone = () =>
  problems.gone('This password reset link has expired or was already used. Please ask for a new one.');

/** Whether a link still opens (following it, before the form): does not use it. */
export async function isResetLinkUsable(
  deps: Pick<ResetPasswordDependencies, 'passwordResets' | 'now'>,
  token: unknown,
): Promise<boolean> {
  const valid = readResetToken(token);
  return (
    valid !== undefined && deps.passwordResets.isUsable(hashResetToken(valid), deps.now?.() ?? new Date())
  );
}

/**
 * The customer followed the emailed link and chose a new password. The link is used up first (one atomic take:
 * a second use, concurrent or later, finds nothing); then the password is replaced, every session of the account
 * ends (each service learns it from the session registry) and every other link with them, and the customer is
 * signed in afresh on this device.
 */
export async function resetPassword(
  deps: ResetPasswordDependencies,
  token: unknown,
  request: ResetPasswordRequest,
  client: string,
): Promise<{ user: UserView; token: string }> {
  const valid = readResetToken(token);
  const reset = valid
    ? await deps.passwordResets.consume(hashResetToken(valid), deps.now?.() ?? new Date())
    : null;
  const user = reset ? await deps.users.findById(reset.userId) : null;
  if (!user) throw linkGone();
  await deps.users.setPasswordHash(user.id, await deps.passwords.hash(request.password));
  await deps.sessions.revokeAll(user.id);
  await deps.passwordResets.revokeAll(user.id);
  // Proving the mailbox is as good as a sign-in: this device's earlier failures no longer hold it back.
  await signInThrottle(deps).succeeded({ email: user.email, client });
  return { user: toUserView(user), token: await startSession(deps, user) };
}
