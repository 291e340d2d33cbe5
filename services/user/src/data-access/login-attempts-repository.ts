import type { KnownClientsDocument, LoginAttemptDocument, Models } from './models.js';

/** How many clients an account remembers as its own (the most recent ones). */
const KNOWN_CLIENTS_KEPT = 20;

export interface LoginAttemptsRepository {
  /** The most recent failures under `key` (at most the `keep` of the last record), oldest first. */
  recentFailures(key: string): Promise<Date[]>;
  /** Records a failure, keeping the last `keep`, and answers them oldest first. */
  recordFailure(key: string, at: Date, options: { keep: number; forgetAfterMs: number }): Promise<Date[]>;
  /** Forgets every failure under `key`. */
  reset(key: string): Promise<void>;
  /** Notes that `client` signed in to the account of `email`. */
  rememberClient(email: string, client: string, options: { forgetAfterMs: number }): Promise<void>;
  isKnownClient(email: string, client: string): Promise<boolean>;
}

/**
 * Failed sign-ins per account and per account-and-client, in Mongo so that every replica counts the same
 * failures. One atomic `$push` with `$slice` per failure: concurrent failures on several replicas are all counted.
 */
export function createLoginAttemptsRepository(models: Models): LoginAttemptsRepository {
  const { LoginAttempt, KnownClients } = models;
  return {
    async recentFailures(key) {
      const found = await LoginAttempt.findById(String(key)).lean<LoginAttemptDocument>();
      return found?.failures ?? [];
    },
    async recordFailure(key, at, { keep, forgetAfterMs }) {
      const updated = await LoginAttempt.findOneAndUpdate(
        { _id: String(key) },
        {
          $push: { failures: { $each: [at], $slice: -keep } },
          $set: { expiresAt: new Date(at.getTime() + forgetAfterMs) },
        },
        { upsert: true, returnDocument: 'after' },
      ).lean<LoginAttemptDocument>();
      return updated?.failures ?? [at];
    },
    async reset(key) {
      await LoginAttempt.deleteOne({ _id: String(key) });
    },
    async rememberClient(email, client, { forgetAfterMs }) {
      const expiresAt = new Date(Date.now() + forgetAfterMs);
      // Moved to the end when known already, so the least recently seen client is the one that drops off.
      await KnownClients.updateOne(
        { _id: String(email) },
        { $pull: { clients: String(client) }, $set: { expiresAt } },
        { upsert: true },
      );
      await KnownClients.updateOne(
        { _id: String(email) },
        { $push: { clients: { $each: [String(client)], $slice: -KNOWN_CLIENTS_KEPT } } },
      );
    },
    async isKnownClient(email, client) {
      const found = await KnownClients.findById(String(email)).lean<KnownClientsDocument>();
      return found?.clients.includes(String(client)) ?? false;
    },
  };
}
