import { trusted } from 'mongoose';
import type { SessionRegistry } from '@storefront/service-kit';
import type { Models, SessionDocument } from './models.js';

export interface SessionsRepository {
  create(session: { id: string; userId: string; expiresAt: Date }): Promise<void>;
  /** True while the session exists for this user, has not expired and was not signed out. */
  isActive(id: string, userId: string): Promise<boolean>;
  /** Revokes one session; true if this call did it (false if it was revoked already or never existed). */
  revoke(id: string): Promise<boolean>;
  /** Revokes every session of the user but `except` (if given); answers the ids it revoked. */
  revokeAll(userId: string, options?: { except?: string }): Promise<string[]>;
}

export function createSessionsRepository(models: Models): SessionsRepository {
  const { Session } = models;
  return {
    async create({ id, userId, expiresAt }) {
      await Session.create({ _id: id, userId, createdAt: new Date(), expiresAt, revokedAt: null });
    },
    async isActive(id, userId) {
      const found = await Session.findById(String(id)).lean<SessionDocument>();
      return (
        found !== null && found.userId === userId && found.revokedAt === null && found.expiresAt > new Date()
      );
    },
    async revoke(id) {
      const { modifiedCount } = await Session.updateOne(
        { _id: String(id), revokedAt: null },
        { $set: { revokedAt: new Date() } },
      );
      return modifiedCount === 1;
    },
    async revokeAll(userId, { except } = {}) {
      // The operator is ours around a validated id, hence `trusted` past the connection's filter sanitizing.
      const filter = {
        userId: String(userId),
        revokedAt: null,
        ...(except === undefined ? {} : { _id: trusted({ $ne: String(except) }) }),
      };
      const live = await Session.find(filter, { _id: 1 }).lean<Pick<SessionDocument, '_id'>[]>();
      const ids = live.map((session) => session._id);
      if (ids.length === 0) return [];
      await Session.updateMany({ _id: trusted({ $in: ids }) }, { $set: { revokedAt: new Date() } });
      return ids;
    },
  };
}

/**
 * Every revocation is also written to the session registry, which the other services read: a session signed out
 * here stops working there too. The registry is written after Mongo, and a failure there fails the request, so an
 * answer of "signed out" is never a half-truth.
 */
export function announcingRevocations(
  sessions: SessionsRepository,
  registry: SessionRegistry,
): SessionsRepository {
  return {
    ...sessions,
    async revoke(id) {
      const revoked = await sessions.revoke(id);
      await registry.revoke([id]);
      return revoked;
    },
    async revokeAll(userId, options) {
      const ids = await sessions.revokeAll(userId, options);
      await registry.revoke(ids);
      return ids;
    },
  };
}
