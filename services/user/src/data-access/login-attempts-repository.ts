import type { LoginAttemptDocument, Models } from './models.js';

export interface LoginAttemptsRepository {
  /** The most recent failures of this account (at most `keep`), oldest first. */
  recentFailures(email: string): Promise<Date[]>;
  /** Records a failure, keeping the last `keep`, and answers them oldest first. */
  recordFailure(email: string, at: Date, options: { keep: number; forgetAfterMs: number }): Promise<Date[]>;
  /** Forgets every failure: a successful sign-in starts the count again. */
  reset(email: string): Promise<void>;
}

/**
 * Failed sign-ins per account, in Mongo so that every replica counts the same failures. One atomic `$push`
 * with `$slice` per failure: concurrent failures on several replicas are all counted.
 */
export function createLoginAttemptsRepository(models: Models): LoginAttemptsRepository {
  const { LoginAttempt } = models;
  return {
    async recentFailures(email) {
      const found = await LoginAttempt.findById(String(email)).lean<LoginAttemptDocument>();
      return found?.failures ?? [];
    },
    async recordFailure(email, at, { keep, forgetAfterMs }) {
      const updated = await LoginAttempt.findOneAndUpdate(
        { _id: String(email) },
        {
          $push: { failures: { $each: [at], $slice: -keep } },
          $set: { expiresAt: new Date(at.getTime() + forgetAfterMs) },
        },
        { upsert: true, returnDocument: 'after' },
      ).lean<LoginAttemptDocument>();
      return updated?.failures ?? [at];
    },
    async reset(email) {
      await LoginAttempt.deleteOne({ _id: String(email) });
    },
  };
}
