import { Redis } from 'ioredis';

/**
 * A Redis client for a service. Every key it writes carries the prefix, so several services or test runs can share
 * one Redis. Commands fail at once while Redis is away instead of queueing: a cache then degrades to its database
 * and a consumer fails its event (retried with back-off), rather than stalling, and /readyz reports the outage.
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
