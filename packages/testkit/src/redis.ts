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
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
        cursor = next;
        if (keys.length > 0) await redis.unlink(...keys);
      } while (cursor !== '0');
      await redis.quit();
    },
  };
}
