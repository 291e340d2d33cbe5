import type { Redis } from 'ioredis';
import { SESSION_TTL_SECONDS, type Role, type SessionUser } from '@storefront/auth';

/**
 * What every service must know about sessions beyond their signature, kept in Redis by the user service (which
 * owns sessions) and read by every service: which sessions ended before their token expired (signed out, revoked
 * everywhere, rotated, password changed) and each account's current role. Entries live as long as a token could.
 */
export interface SessionRegistry {
  /** Marks sessions as ended: their tokens stop working in every service. */
  revoke(sessionIds: readonly string[]): Promise<void>;
  /** Records an account's role as it is now; tokens that remember another one get this one. */
  setRole(userId: string, role: Role): Promise<void>;
  /** The session's state as the user service last wrote it. */
  state(userId: string, sessionId: string): Promise<{ revoked: boolean; role: Role | null }>;
}

const roles: readonly Role[] = ['customer', 'editor', 'admin'];

/** The registry on a Redis client whose key prefix every service shares (SESSION_REGISTRY_PREFIX). */
export function createSessionRegistry(redis: Redis): SessionRegistry {
  const revokedKey = (sessionId: string) => `revoked:${sessionId}`;
  const roleKey = (userId: string) => `role:${userId}`;
  return {
    async revoke(sessionIds) {
      if (sessionIds.length === 0) return;
      const batch = redis.multi();
      for (const id of sessionIds) batch.set(revokedKey(id), '1', 'EX', SESSION_TTL_SECONDS);
      await batch.exec();
    },
    async setRole(userId, role) {
      await redis.set(roleKey(userId), role, 'EX', SESSION_TTL_SECONDS);
    },
    async state(userId, sessionId) {
      const [revoked, role] = await redis.mget(revokedKey(sessionId), roleKey(userId));
      return { revoked: revoked !== null, role: roles.includes(role as Role) ? (role as Role) : null };
    },
  };
}

/** How long a service may go on trusting a customer session it checked: well inside the promised minute. */
export const SESSION_CHECK_CACHE_MS = 15_000;
const CACHE_LIMIT = 10_000;

/**
 * The session a token stands for now: null once it was revoked, with the account's current role otherwise.
 * Customer sessions are remembered for SESSION_CHECK_CACHE_MS; editor and admin sessions, which can change the
 * catalog or see every order, are checked on every request.
 */
export function sessionChecker(registry: SessionRegistry, now: () => number = Date.now) {
  const cache = new Map<string, { until: number; user: SessionUser | null }>();
  return async (user: SessionUser): Promise<SessionUser | null> => {
    const key = `${user.id}:${user.sessionId}:${user.role}`;
    const cached = cache.get(key);
    if (cached && cached.until > now()) return cached.user;
    const { revoked, role } = await registry.state(user.id, user.sessionId);
    const current = revoked ? null : { ...user, role: role ?? user.role };
    if (user.role === 'customer' && current?.role === 'customer') {
      // A Map keeps insertion order: past the limit, the oldest entry goes.
      if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
      cache.set(key, { until: now() + SESSION_CHECK_CACHE_MS, user: current });
    }
    return current;
  };
}
