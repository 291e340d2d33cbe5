import type { UserView } from '@storefront/contracts';
import type { StoredUser } from '../data-access/users-repository.js';

/** The only shape a user leaves the service in: never the password hash. */
export function toUserView(user: StoredUser): UserView {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    createdAt: user.createdAt.toISOString(),
  };
}
