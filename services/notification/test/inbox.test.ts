import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { NotificationView } from '@storefront/contracts';
import { createRedisPrefix } from '@storefront/testkit';
import { openRedis } from '../src/data-access/connection.js';
import {
  PROCESSED_EVENT_TTL_SECONDS,
  createNotificationsStore,
  notificationKeys,
} from '../src/data-access/notifications-store.js';

let prefix: Awaited<ReturnType<typeof createRedisPrefix>>;
let redis: Redis;

beforeAll(async () => {
  prefix = await createRedisPrefix();
  redis = await openRedis(prefix.url, prefix.prefix);
});

afterAll(async () => {
  await redis?.quit();
  await prefix?.drop();
});

const notification = (userId: string, subject: string): NotificationView => ({
  id: randomUUID(),
  eventId: randomUUID(),
  userId,
  channel: 'email',
  template: 'welcome',
  to: `${userId}@example.test`,
  subject,
  body: 'Hello',
  createdAt: new Date().toISOString(),
});

it('when an inbox is full, the oldest notification falls off and the newest comes first', async () => {
  const store = createNotificationsStore(redis, { perUser: 3 });
  const userId = randomUUID();

  for (const subject of ['one', 'two', 'three', 'four', 'five']) {
    expect(await store.record(notification(userId, subject))).toBe('recorded');
  }

  expect((await store.listForUser(userId)).map((n) => n.subject)).toEqual(['five', 'four', 'three']);
});

it('when an event is recorded, its keys carry the service prefix and its marker expires after 30 days', async () => {
  const store = createNotificationsStore(redis);
  const recorded = notification(randomUUID(), 'prefixed');

  await store.record(recorded);

  const raw = new Redis(prefix.url);
  try {
    const marker = `${prefix.prefix}${notificationKeys.processedEvent(recorded.eventId)}`;
    expect(await raw.get(marker)).toBe(recorded.id);
    const ttl = await raw.ttl(marker);
    expect(ttl).toBeGreaterThan(PROCESSED_EVENT_TTL_SECONDS - 60);
    expect(ttl).toBeLessThanOrEqual(PROCESSED_EVENT_TTL_SECONDS);
    expect(await raw.llen(`${prefix.prefix}${notificationKeys.inbox(recorded.userId)}`)).toBe(1);
    expect(await raw.exists(notificationKeys.inbox(recorded.userId))).toBe(0);
  } finally {
    await raw.quit();
  }
});

it('when a second notification for the same event arrives, it is refused and the first one stays', async () => {
  const store = createNotificationsStore(redis);
  const first = notification(randomUUID(), 'first');

  const outcomes = await Promise.all([
    store.record(first),
    store.record({ ...first, id: randomUUID(), subject: 'second' }),
  ]);

  expect(outcomes.sort()).toEqual(['duplicate', 'recorded']);
  expect(await store.listForUser(first.userId)).toHaveLength(1);
});
