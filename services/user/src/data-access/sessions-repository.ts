import type { Models, SessionDocument } from './models.js';

export interface SessionsRepository {
  create(session: { id: string; userId: string; expiresAt: Date }): Promise<void>;
  /** True while the session exists for this user, has not expired and was not signed out. */
  isActive(id: string, userId: string): Promise<boolean>;
  revoke(id: string): Promise<void>;
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
      await Session.updateOne({ _id: String(id), revokedAt: null }, { $set: { revokedAt: new Date() } });
    },
  };
}
