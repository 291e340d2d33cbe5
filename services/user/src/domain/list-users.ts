import type { SessionUser } from '@storefront/auth';
import type { UserList } from '@storefront/contracts';
import { activeUserWithRole, type ActiveUserDependencies } from './active-user.js';
import { encodeUserListCursor, type ListUsersQuery } from './user-list-cursor.js';
import { toUserView } from './user-view.js';

/** Admins page through every account in sign-up order; a page ends with the cursor of the next, or null. */
export async function listUsers(
  deps: ActiveUserDependencies,
  session: SessionUser | undefined,
  query: ListUsersQuery,
): Promise<UserList> {
  await activeUserWithRole(deps, session, 'admin');
  // One more than asked tells whether another page exists without a count.
  const found = await deps.users.list({ after: query.cursor, limit: query.limit + 1 });
  const page = found.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    items: page.map(toUserView),
    nextCursor: found.length > query.limit && last ? encodeUserListCursor(last) : null,
  };
}
