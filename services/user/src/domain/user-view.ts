import type { ProfileView, UserView } from '@storefront/contracts';
import type { ListedUser, StoredUser } from '../data-access/users-repository.js';

/** The only shape a user leaves the service in: never the password hash. */
export function toUserView(user: ListedUser): UserView {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    createdAt: user.createdAt.toISOString(),
  };
}

/** What the account owner sees about themselves. */
export function toProfileView(user: StoredUser): ProfileView {
  return {
    ...toUserView(user),
    phone: user.phone,
    addresses: user.addresses,
    preferences: user.preferences,
  };
}
