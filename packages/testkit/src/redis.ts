import { Redis } from 'ioredis';
import { uniqueName } from './names.js';

export async function createRedisPrefix(): Promise<{ url: string; prefix: string; drop(): Promise<void> }> {
  const url = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
  const prefix = `${uniqueName()}:`;
  return {
    url,
    prefix,
    async drop() {
      const redis = new Redis(url, { lazyConnect: true });
      await redis.connect();
      const keys = await keysUnder(redis, prefix);
      for (let at = 0; at < keys.length; at += 500) await redis.unlink(...keys.slice(at, at + 500));
      await redis.quit();
    },
  };
}

/**
 * Every key under `prefix`, whatever prefix the client itself adds (SCAN's pattern is never prefixed). Test runs share
 * one Redis, so a count of a test's own keys must look here, not at DBSIZE.
 */
export async function keysUnder(redis: Redis, prefix: string): Promise<string[]> {
  const keys = new Set<string>();
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
    cursor = next;
    for (const key of batch) keys.add(key);
  } while (cursor !== '0');
  return [...keys];
}
