import type { Connection } from 'mongoose';
import { connectMongo, pingMongo, supportsTransactions } from './connection.js';
import { migrate } from './migrations/index.js';
import { registerModels } from './models.js';
import { createLoginAttemptsRepository } from './login-attempts-repository.js';
import { createOutboxStore } from './outbox-store.js';
import { createPasswordResetsRepository } from './password-resets-repository.js';
import { createSessionsRepository } from './sessions-repository.js';
import { createUsersRepository } from './users-repository.js';
import { bulkInsertCustomers } from './bulk-seed.js';

export type { UsersRepository, StoredUser, UserChanges, UserListPosition } from './users-repository.js';
export type { SessionsRepository } from './sessions-repository.js';
export { announcingRevocations } from './sessions-repository.js';
export type { LoginAttemptsRepository } from './login-attempts-repository.js';
export type { PasswordResetsRepository } from './password-resets-repository.js';

export type UserDatabase = Awaited<ReturnType<typeof openUserDatabase>>;

/** Connects, brings collections and indexes up to date, and hands out the repositories built on them. */
export async function openUserDatabase(url: string, options: { dbName?: string } = {}) {
  const connection: Connection = await connectMongo(url, options.dbName);
  try {
    const models = registerModels(connection);
    await migrate(models);
    const transactions = await supportsTransactions(connection);
    return {
      connection,
      /** Whether the user and its outbox row are written in one transaction (replica set) or one after another. */
      transactions,
      users: createUsersRepository(connection, models, { transactions }),
      sessions: createSessionsRepository(models),
      loginAttempts: createLoginAttemptsRepository(models),
      passwordResets: createPasswordResetsRepository(connection, models, { transactions }),
      outbox: createOutboxStore(models),
      /** `npm run seed`: customers `from` to `to` (exclusive) in bulk; answers how many were new. */
      seedCustomers: (from: number, to: number, passwordHash: string) =>
        bulkInsertCustomers(models, from, to, passwordHash),
      ping: () => pingMongo(connection),
      close: () => connection.close(),
    };
  } catch (error) {
    await connection.close();
    throw error;
  }
}
