import type { Redis } from 'ioredis';
import type { Logger } from '@storefront/service-kit';

/** Short: until writes invalidate entries, a stale price or stock figure lives at most this long. */
export const PRODUCT_CACHE_TTL_SECONDS = 30;

export const productCacheKeys = {
  listing: (page: number, pageSize: number, category: string | undefined) =>
    `products:list:${category ?? '*'}:${page}:${pageSize}`,
  detail: (slug: string) => `products:detail:${slug}`,
};

/**
 * Cache-aside over Redis. Redis is an optimisation here, never a dependency of an answer: when it fails, the
 * value comes from the database and the failure is only logged.
 */
export function createProductCache(redis: Redis, logger: Logger, ttlSeconds = PRODUCT_CACHE_TTL_SECONDS) {
  return {
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
