import type { Connection } from 'mongoose';
import type { Role } from '@storefront/auth';
import type { StorefrontEvent } from '@storefront/contracts';
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
}

export interface UsersRepository {
  findByEmail(email: string): Promise<StoredUser | null>;
  findById(id: string): Promise<StoredUser | null>;
  /** Stores the user and the event announcing it, so the event is published if and only if the user exists. */
  insert(user: StoredUser, event?: StorefrontEvent): Promise<void>;
}

function toStored(document: UserDocument): StoredUser {
  const { _id, email, name, role, passwordHash, createdAt } = document;
  return { id: _id, email, name, role, passwordHash, createdAt };
}

async function rethrowDuplicate(write: Promise<unknown>): Promise<void> {
  try {
    await write;
  } catch (error) {
    if (isDuplicateKey(error)) throw new DuplicateEmailError();
    throw error;
  }
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
      const document: UserDocument = { _id: id, ...fields };
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
  };
}
