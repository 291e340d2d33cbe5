import type { SessionUser } from '@storefront/auth';
import type { Address, ProfileView } from '@storefront/contracts';
import { problems } from '@storefront/service-kit';
import { activeUser, type ActiveUserDependencies } from './active-user.js';
import { applyUserChange } from './apply-user-change.js';
import { toProfileView } from './user-view.js';

/** The most addresses an account keeps (as `updateProfileRequest` allows). */
export const MAX_ADDRESSES = 10;

/** One change to the address book, as one form sends it. */
export type AddressEdit =
  | { kind: 'add'; address: Address }
  | { kind: 'replace'; index: number; address: Address }
  | { kind: 'remove'; index: number };

function edited(addresses: Address[], edit: AddressEdit): Address[] {
  if (edit.kind === 'add') {
    if (addresses.length >= MAX_ADDRESSES) {
      throw problems.conflict(
        `You have ${MAX_ADDRESSES} addresses, the most you can keep. Remove one first.`,
      );
    }
    return [...addresses, edit.address];
  }
  if (edit.index >= addresses.length) throw problems.notFound('There is no such address.');
  return edit.kind === 'replace'
    ? addresses.map((address, at) => (at === edit.index ? edit.address : address))
    : addresses.filter((_, at) => at !== edit.index);
}

/**
 * The owner adds, changes or removes one address. The edit applies to the list as stored when it is written (not
 * as the form last showed it), so two tabs adding an address each keep both.
 */
export async function editAddresses(
  deps: ActiveUserDependencies,
  session: SessionUser | undefined,
  edit: AddressEdit,
): Promise<ProfileView> {
  const user = await activeUser(deps, session);
  const { user: updated } = await applyUserChange(deps.users, user.id, (current) => ({
    addresses: edited(current.addresses, edit),
  }));
  return toProfileView(updated);
}
