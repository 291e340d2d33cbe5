import { trusted, type Connection } from 'mongoose';
import type { StorefrontEvent } from '@storefront/contracts';
import type { Models, PasswordResetDocument } from './models.js';
import { outboxRow } from './outbox-rows.js';

export interface PasswordResetsRepository {
  /**
   * Keeps the link's token hash and the event that emails the link. With a replica set both land in one transaction;
   * without one the hash is written first: a crash between the two leaves a link nobody received, which is harmless
   * (the customer asks again), never a mail whose link does not work.
   */
  issue(reset: { tokenHash: string; userId: string; expiresAt: Date }, event: StorefrontEvent): Promise<void>;
  /**
   * Takes the link out of the store if it is still good at `now`: the one caller that gets it back may use it, any
   * later or concurrent one gets null. Single use rests on this one atomic delete.
   */
  consume(tokenHash: string, now: Date): Promise<{ userId: string } | null>;
  /** Whether the link would still open, without using it (following the link, before the form). */
  isUsable(tokenHash: string, now: Date): Promise<boolean>;
  /** Ends every link of the account (its password changed). */
  revokeAll(userId: string): Promise<void>;
}

export function createPasswordResetsRepository(
  connection: Connection,
  models: Models,
  options: { transactions: boolean },
): PasswordResetsRepository {
  const { PasswordReset, Outbox } = models;
  const usable = (tokenHash: string, now: Date) => ({
    _id: String(tokenHash),
    // The operator is ours around a Date we made, hence `trusted` past the connection's filter sanitizing.
    expiresAt: trusted({ $gt: now }),
  });
  return {
    async issue({ tokenHash, userId, expiresAt }, event) {
      const document: PasswordResetDocument = { _id: tokenHash, userId, createdAt: new Date(), expiresAt };
      if (options.transactions) {
        await connection.transaction(async (session) => {
          await PasswordReset.create([document], { session });
          await Outbox.create([outboxRow(event)], { session });
        });
        return;
      }
      await PasswordReset.create(document);
      await Outbox.create(outboxRow(event));
    },
    async consume(tokenHash, now) {
      const found = await PasswordReset.findOneAndDelete(
        usable(tokenHash, now),
      ).lean<PasswordResetDocument>();
      return found ? { userId: found.userId } : null;
    },
    async isUsable(tokenHash, now) {
      return (await PasswordReset.countDocuments(usable(tokenHash, now))) === 1;
    },
    async revokeAll(userId) {
      await PasswordReset.deleteMany({ userId: String(userId) });
    },
  };
}
