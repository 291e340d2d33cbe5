import { Redis } from 'ioredis';

/**
 * Every key this client writes carries the prefix, so several services or test runs can share one Redis. Commands
 * fail at once while Redis is away instead of queueing: a consumer then fails the event, which the broker retries
 * with back-off, and /readyz reports the outage.
 */
export async function openRedis(url: string, keyPrefix: string): Promise<Redis> {
  const redis = new Redis(url, {
    keyPrefix,
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
  });
  await redis.connect();
  return redis;
}
