import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Logger } from '@storefront/service-kit';

/** Short: until writes invalidate entries, a stale price or stock figure lives at most this long. */
export const PRODUCT_CACHE_TTL_SECONDS = 30;

export const productCacheKeys = {
  /** Every write bumps the generation, which retires every cached listing at once. */
  generation: 'products:generation',
  /** One key per distinct query: its canonical JSON (keys sorted), hashed to keep keys short. */
  listing: (generation: string, query: Record<string, unknown>) =>
    `products:list:${generation}:${createHash('sha256').update(canonicalJson(query)).digest('base64url').slice(0, 32)}`,
  detail: (slug: string) => `products:detail:${slug}`,
  categories: (generation: string) => `products:categories:${generation}`,
};

function canonicalJson(query: Record<string, unknown>): string {
  const defined = Object.entries(query).filter(([, value]) => value !== undefined);
  return JSON.stringify(Object.fromEntries(defined.sort(([a], [b]) => a.localeCompare(b))));
}

/**
 * Cache-aside over Redis. Redis is an optimisation here, never a dependency of an answer: when it fails, the
 * value comes from the database and the failure is only logged.
 */
export function createProductCache(redis: Redis, logger: Logger, ttlSeconds = PRODUCT_CACHE_TTL_SECONDS) {
  return {
    async listingGeneration(): Promise<string> {
      try {
        return (await redis.get(productCacheKeys.generation)) ?? '0';
      } catch (error) {
        logger.warn({ err: error }, 'product cache generation read failed');
        return 'unknown';
      }
    },

    /** Drops what a write made stale: the changed products' details and every listing. */
    async invalidate(slugs: string[]): Promise<void> {
      try {
        const transaction = redis.multi().incr(productCacheKeys.generation);
        if (slugs.length > 0) transaction.del(...slugs.map(productCacheKeys.detail));
        await transaction.exec();
      } catch (error) {
        // The TTL bounds how long a stale entry can live when Redis misses an invalidation.
        logger.warn({ err: error, slugs }, 'product cache invalidation failed');
      }
    },

    async remember<T>(key: string, load: () => Promise<T>): Promise<T> {
      try {
        const hit = await redis.get(key);
        if (hit !== null) return JSON.parse(hit) as T;
      } catch (error) {
        logger.warn({ err: error, key }, 'product cache read failed');
      }
      const value = await load();
      // Misses are not remembered: a product published a moment later must not answer 404 for a whole TTL.
      if (value === null || value === undefined) return value;
      try {
        await redis.set(key, JSON.stringify(value), 'EX', ttlSeconds);
      } catch (error) {
        logger.warn({ err: error, key }, 'product cache write failed');
      }
      return value;
    },
  };
}

export type ProductCache = ReturnType<typeof createProductCache>;

/** The cache switched off (PRODUCT_CACHE=off): every read goes to PostgreSQL, to measure what Redis buys. */
export const noProductCache: ProductCache = {
  listingGeneration: async () => 'off',
  invalidate: async () => {},
  remember: <T>(_key: string, load: () => Promise<T>) => load(),
};
