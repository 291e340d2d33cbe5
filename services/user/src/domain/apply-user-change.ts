import { isDeepStrictEqual } from 'node:util';
import { problems } from '@storefront/service-kit';
import type { StoredUser, UserChanges, UsersRepository } from '../data-access/users-repository.js';
import { userUpdatedEvent } from './user-updated-event.js';

const ATTEMPTS = 5;

/**
 * Applies `change` to the user as stored now and publishes one `user.updated` with the result, both or neither.
 * Should another request change the user between our read and our write, it reads again and re-applies, so the
 * event always describes the state that was written. A change that changes nothing writes and publishes nothing.
 */
export async function applyUserChange(
  users: UsersRepository,
  userId: string,
  change: (current: StoredUser) => UserChanges,
): Promise<{ user: StoredUser; changed: boolean }> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const current = await users.findById(userId);
    if (!current) throw problems.notFound('There is no such user.');
    const changes = Object.fromEntries(
      Object.entries(change(current)).filter(
        ([field, value]) =>
          value !== undefined && !isDeepStrictEqual(current[field as keyof StoredUser], value),
      ),
    ) as UserChanges;
    if (Object.keys(changes).length === 0) return { user: current, changed: false };
    const next: StoredUser = { ...current, ...changes, revision: (current.revision ?? 0) + 1 };
    if (await users.update(userId, current.revision, changes, userUpdatedEvent(next))) {
      return { user: next, changed: true };
    }
  }
  throw problems.conflict('The account is being changed by someone else. Please try again.');
}
