import { makeEvent } from '@storefront/contracts';
import type { StoredUser } from '../data-access/users-repository.js';

/** `user.updated` carries the state after the change, so a consumer keeps whatever copy it needs. */
export function userUpdatedEvent(user: StoredUser) {
  return makeEvent('user.updated', {
    userId: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    phone: user.phone,
    preferences: user.preferences,
  });
}
