import { trusted, type Connection } from 'mongoose';
import type { Role } from '@storefront/auth';
import {
  defaultNotificationPreferences,
  type Address,
  type NotificationPreferences,
  type StorefrontEvent,
} from '@storefront/contracts';
import { DuplicateEmailError, isDuplicateKey } from './errors.js';
import type { Models, UserDocument } from './models.js';
import { movePendingEvent, outboxRow } from './outbox-rows.js';

export interface StoredUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  passwordHash: string;
  createdAt: Date;
  phone: string | null;
  addresses: Address[];
  preferences: NotificationPreferences;
  /** null for an account no change has touched yet (and for those made before revisions existed). */
  revision: number | null;
}

/** What a profile or role change may set. */
export type UserChanges = Partial<Pick<StoredUser, 'name' | 'phone' | 'addresses' | 'preferences' | 'role'>>;

/** A position in the listing: the last user of the previous page. */
export interface UserListPosition {
  createdAt: Date;
  id: string;
}

export interface UsersRepository {
  findByEmail(email: string): Promise<StoredUser | null>;
  findById(id: string): Promise<StoredUser | null>;
  /** Stores the user and the event announcing it, so the event is published if and only if the user exists. */
  insert(
    user: Omit<StoredUser, 'phone' | 'addresses' | 'preferences' | 'revision'> & Partial<StoredUser>,
    event?: StorefrontEvent,
  ): Promise<void>;
  /**
   * Applies the changes and stores the event describing them, both or neither, if the user is still at
   * `revision` (the one the caller read). False when someone else changed the user meanwhile (or it is gone).
   */
  update(id: string, revision: number | null, changes: UserChanges, event: StorefrontEvent): Promise<boolean>;
  setPasswordHash(id: string, passwordHash: string): Promise<void>;
  /** Users in sign-up order, starting after `after`: only what the admins' list shows of each. */
  list(options: { after?: UserListPosition; limit: number }): Promise<ListedUser[]>;
}

function toStored(document: UserDocument): StoredUser {
  const { _id, email, name, role, passwordHash, createdAt } = document;
  return {
    id: _id,
    email,
    name,
    role,
    passwordHash,
    createdAt,
    phone: document.phone ?? null,
    addresses: document.addresses ?? [],
    preferences: document.preferences ?? defaultNotificationPreferences,
    revision: document.revision ?? null,
  };
}

async function rethrowDuplicate(write: Promise<unknown>): Promise<void> {
  try {
    await write;
  } catch (error) {
    if (isDuplicateKey(error)) throw new DuplicateEmailError();
    throw error;
  }
}

/** The admin listing's keyset page: users in sign-up order after a position (the `created` index). */
export const USER_PAGE_ORDER = { createdAt: 1, _id: 1 } as const;

export type ListedUser = Pick<StoredUser, 'id' | 'email' | 'name' | 'role' | 'createdAt'>;
// A page of the admins' list reads these alone: not each account's password hash, addresses and preferences.
const LISTED_FIELDS = { email: 1, name: 1, role: 1, createdAt: 1 } as const;

export function userPageFilter(after: UserListPosition | undefined) {
  // The operators are ours, built from a decoded and validated cursor, hence `trusted`.
  return after
    ? {
        $or: [
          { createdAt: trusted({ $gt: after.createdAt }) },
          { createdAt: after.createdAt, _id: trusted({ $gt: String(after.id) }) },
        ],
      }
    : {};
}

export function createUsersRepository(
  connection: Connection,
  models: Models,
  options: { transactions: boolean },
): UsersRepository {
  const { User, Outbox } = models;

  async function insertInTransaction(user: UserDocument, event: StorefrontEvent) {
    await connection.transaction(async (session) => {
      await User.create([user], { session });
      await Outbox.create([outboxRow(event)], { session });
    });
  }

  // `revision: null` also matches a document without the field, as in mongod.
  const atRevision = (id: string, revision: number | null) => ({ _id: String(id), revision });
  const nextRevision = (revision: number | null) => (revision ?? 0) + 1;

  return {
    async findByEmail(email) {
      const found = await User.findOne({ email: String(email) }).lean<UserDocument>();
      return found ? toStored(found) : null;
    },
    async findById(id) {
      const found = await User.findById(String(id)).lean<UserDocument>();
      return found ? toStored(found) : null;
    },
    async insert(user, event) {
      const { id, ...fields } = user;
      const document: UserDocument = {
        _id: id,
        ...fields,
        phone: user.phone ?? null,
        addresses: user.addresses ?? [],
        preferences: user.preferences ?? defaultNotificationPreferences,
        revision: user.revision ?? 0,
      };
      if (event && options.transactions) {
        await rethrowDuplicate(insertInTransaction(document, event));
        return;
      }
      // Without a replica set there is no transaction, but one document is written atomically: the user carries
      // its event until the outbox row exists, and should the process die in between, the outbox store finds
      // the event on the user and finishes the move (see outbox-store.ts). A duplicate email writes nothing.
      await rethrowDuplicate(User.create(event ? { ...document, pendingEvent: event } : document));
      if (event) await movePendingEvent(models, id, event);
    },
    async update(id, revision, changes, event) {
      const set = { ...changes, revision: nextRevision(revision) };
      if (options.transactions) {
        let applied = false;
        await connection.transaction(async (session) => {
          const { matchedCount } = await User.updateOne(atRevision(id, revision), { $set: set }, { session });
          applied = matchedCount === 1;
          if (applied) await Outbox.create([outboxRow(event)], { session });
        });
        return applied;
      }
      // As for insert: the change and its event land in one document write, then the event moves to the outbox.
      // The event is a snapshot of the state after the change, so should a later change replace an event that a
      // crash left unmoved, the later one still tells consumers the latest state.
      const { matchedCount } = await User.updateOne(atRevision(id, revision), {
        $set: { ...set, pendingEvent: event },
      });
      if (matchedCount === 0) return false;
      await movePendingEvent(models, id, event);
      return true;
    },
    async setPasswordHash(id, passwordHash) {
      await User.updateOne({ _id: String(id) }, { $set: { passwordHash: String(passwordHash) } });
    },
    async list({ after, limit }) {
      const found = await User.find(userPageFilter(after), LISTED_FIELDS)
        .sort(USER_PAGE_ORDER)
        .limit(limit)
        .lean<Pick<UserDocument, '_id' | 'email' | 'name' | 'role' | 'createdAt'>[]>();
      return found.map(({ _id, email, name, role, createdAt }) => ({
        id: _id,
        email,
        name,
        role,
        createdAt,
      }));
    },
  };
}
