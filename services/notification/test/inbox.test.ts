import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { defaultNotificationPreferences } from '@storefront/contracts';
import { createRedisPrefix } from '@storefront/testkit';
import { openRedis } from '@storefront/service-kit';
import {
  DELIVERY_LOG_TTL_SECONDS,
  PROCESSED_EVENT_TTL_SECONDS,
  createNotificationsStore,
  deliveryId,
  notificationKeys,
  type Delivery,
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

const delivery = (userId: string, subject: string, status: Delivery['status'] = 'sent'): Delivery => {
  const eventId = randomUUID();
  return {
    id: deliveryId(eventId, 'email'),
    eventId,
    userId,
    channel: 'email',
    template: 'welcome',
    to: `${userId}@example.test`,
    subject,
    body: 'Hello',
    createdAt: new Date().toISOString(),
    status,
  };
};

it('when a delivery log is full, the oldest entry falls off (with its data) and the newest comes first', async () => {
  const store = createNotificationsStore(redis, { perUser: 3 });
  const userId = randomUUID();

  for (const subject of ['one', 'two', 'three', 'four', 'five']) {
    expect(await store.completeDelivery(delivery(userId, subject))).toBe('recorded');
  }

  expect((await store.listForUser(userId)).map((n) => n.subject)).toEqual(['five', 'four', 'three']);
  expect(await redis.hlen(notificationKeys.inboxEntries(userId))).toBe(3);
});

it("when a customer gets deliveries, the log expires a year after the last one (Redis prunes quiet customers' logs)", async () => {
  const store = createNotificationsStore(redis);
  const userId = randomUUID();
  await store.completeDelivery(delivery(userId, 'first'));
  await redis.expire(notificationKeys.inbox(userId), 60);

  await store.logDelivery(delivery(userId, 'second', 'failed'));

  for (const key of [notificationKeys.inbox(userId), notificationKeys.inboxEntries(userId)]) {
    const ttl = await redis.ttl(key);
    expect(ttl).toBeGreaterThan(DELIVERY_LOG_TTL_SECONDS - 60);
    expect(ttl).toBeLessThanOrEqual(DELIVERY_LOG_TTL_SECONDS);
  }
});

it('when a delivery is done, its keys carry the service prefix and its marker expires after 30 days', async () => {
  const store = createNotificationsStore(redis);
  const recorded = delivery(randomUUID(), 'prefixed');

  await store.completeDelivery(recorded);

  const raw = new Redis(prefix.url);
  try {
    const marker = `${prefix.prefix}${notificationKeys.processedEvent(recorded.eventId, 'email')}`;
    expect(await raw.get(marker)).toBe(recorded.id);
    const ttl = await raw.ttl(marker);
    expect(ttl).toBeGreaterThan(PROCESSED_EVENT_TTL_SECONDS - 60);
    expect(ttl).toBeLessThanOrEqual(PROCESSED_EVENT_TTL_SECONDS);
    expect(await raw.llen(`${prefix.prefix}${notificationKeys.inbox(recorded.userId)}`)).toBe(1);
    expect(await raw.exists(notificationKeys.inbox(recorded.userId))).toBe(0);
    expect(await store.isDelivered(recorded.eventId, 'email')).toBe(true);
    expect(await store.isDelivered(recorded.eventId, 'sms')).toBe(false);
  } finally {
    await raw.quit();
  }
});

it('when a second completion of the same delivery arrives, it is refused and the first one stays', async () => {
  const store = createNotificationsStore(redis);
  const first = delivery(randomUUID(), 'first');

  const outcomes = await Promise.all([
    store.completeDelivery(first),
    store.completeDelivery({ ...first, subject: 'second' }),
  ]);

  expect(outcomes.sort()).toEqual(['duplicate', 'recorded']);
  expect((await store.listForUser(first.userId)).map((n) => n.subject)).toEqual(['first']);
});

it('when a failed delivery later goes out, its log entry changes to sent in place instead of a second entry', async () => {
  const store = createNotificationsStore(redis);
  const userId = randomUUID();
  const retried = delivery(userId, 'retried', 'failed');

  await store.logDelivery(retried);
  await store.completeDelivery(delivery(userId, 'later'));
  expect(await store.isDelivered(retried.eventId, 'email')).toBe(false);
  await store.completeDelivery({ ...retried, status: 'sent' });

  expect((await store.listForUser(userId)).map((n) => [n.subject, n.status])).toEqual([
    ['later', 'sent'],
    ['retried', 'sent'],
  ]);
});

it('when a delivery is locked, a second lock is refused until the first is released', async () => {
  const store = createNotificationsStore(redis);
  const eventId = randomUUID();

  const first = await store.lockDelivery(eventId, 'email', 10_000);
  expect(first).not.toBeNull();
  expect(await store.lockDelivery(eventId, 'email', 10_000)).toBeNull();
  expect(await store.lockDelivery(eventId, 'sms', 10_000)).not.toBeNull();
  await first!.release();
  expect(await store.lockDelivery(eventId, 'email', 10_000)).not.toBeNull();
});

it('when a customer has used up the window, further slots are refused, a retried one still counts once', async () => {
  const store = createNotificationsStore(redis);
  const userId = randomUUID();
  const now = Date.now();

  expect(await store.takeRateSlot(userId, 'a', 2, 60_000, now)).toBe(true);
  expect(await store.takeRateSlot(userId, 'b', 2, 60_000, now + 1)).toBe(true);
  expect(await store.takeRateSlot(userId, 'c', 2, 60_000, now + 2)).toBe(false);
  expect(await store.takeRateSlot(userId, 'a', 2, 60_000, now + 3)).toBe(true);
  await store.releaseRateSlot(userId, 'b');
  expect(await store.takeRateSlot(userId, 'c', 2, 60_000, now + 4)).toBe(true);
  // A minute after the first two, the window has room again.
  expect(await store.takeRateSlot(userId, 'd', 2, 60_000, now + 60_001)).toBe(true);
});

it('when user events arrive out of order, the older one never overwrites the newer contact', async () => {
  const store = createNotificationsStore(redis);
  const userId = randomUUID();
  const preferences = {
    ...defaultNotificationPreferences,
    'order.shipped': { email: false, sms: true },
  };

  expect(await store.findContact(userId)).toBeNull();
  expect(
    await store.rememberContact(
      userId,
      { email: 'new@example.test', name: 'New', phone: '+4915112345678', preferences },
      2_000,
    ),
  ).toBe(true);
  expect(await store.rememberContact(userId, { email: 'old@example.test', name: 'Old' }, 1_000)).toBe(false);

  expect(await store.findContact(userId)).toEqual({
    email: 'new@example.test',
    name: 'New',
    phone: '+4915112345678',
    preferences,
  });
});

it('when only the registration is known, the contact has no phone and the default preferences', async () => {
  const store = createNotificationsStore(redis);
  const userId = randomUUID();

  await store.rememberContact(userId, { email: 'ada@example.test', name: 'Ada' }, 1_000);

  expect(await store.findContact(userId)).toEqual({
    email: 'ada@example.test',
    name: 'Ada',
    phone: null,
    preferences: defaultNotificationPreferences,
  });
});
