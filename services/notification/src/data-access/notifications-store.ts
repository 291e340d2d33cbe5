import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import {
  currencySchema,
  defaultNotificationPreferences,
  notificationPreferencesSchema,
  notificationView,
  type Currency,
  type NotificationPreferences,
  type NotificationView,
} from '@storefront/contracts';

/** How many deliveries a customer's log keeps; older ones fall off the end. */
export const NOTIFICATIONS_PER_USER = 50;
/** How long a delivery is remembered as done: far longer than any redelivery or dead-letter replay. */
export const PROCESSED_EVENT_TTL_SECONDS = 30 * 24 * 60 * 60;
/**
 * How long a customer's delivery log outlives its last delivery: Redis drops a quiet customer's log (and its
 * entries) by itself, so old delivery records do not pile up for accounts nobody uses any more.
 */
export const DELIVERY_LOG_TTL_SECONDS = 365 * 24 * 60 * 60;
/** How long an order's currency is kept for the status mails that follow it (paid, shipped, cancelled). */
export const ORDER_CURRENCY_TTL_SECONDS = 180 * 24 * 60 * 60;

export type Channel = 'email' | 'sms';

export type Delivery = NotificationView;

/** Where and how to reach a customer, as the latest user event told this service. */
export interface Contact {
  email: string;
  name: string;
  phone: string | null;
  /** The customer's choices, or the defaults while no user.updated has said otherwise. */
  preferences: NotificationPreferences;
}

/** What a user event says about the customer; fields it does not carry are left as they are. */
export interface ContactUpdate {
  email: string;
  name: string;
  phone?: string | null;
  preferences?: NotificationPreferences;
}

export interface DeliveryLock {
  release(): Promise<void>;
}

export interface NotificationsStore {
  /**
   * Keeps the contact unless a newer event already wrote it (`version` is the event's time in ms), so a late
   * redelivery of an old user event never undoes a newer change. Resolves whether it was written.
   */
  rememberContact(userId: string, contact: ContactUpdate, version: number): Promise<boolean>;
  findContact(userId: string): Promise<Contact | null>;
  rememberOrderCurrency(orderId: string, currency: Currency): Promise<void>;
  findOrderCurrency(orderId: string): Promise<Currency | null>;

  /** Whether this event's message on this channel was already sent or suppressed. */
  isDelivered(eventId: string, channel: Channel): Promise<boolean>;
  /** Takes the per-delivery lock for `ttlMs`, or null while another consumer holds it. */
  lockDelivery(eventId: string, channel: Channel, ttlMs: number): Promise<DeliveryLock | null>;
  /**
   * Counts the delivery against the customer's sliding window of `windowMs`; false when `limit` deliveries are
   * already in it. Taking the same delivery id again (a retry) is allowed and counts once.
   */
  takeRateSlot(
    userId: string,
    deliveryId: string,
    limit: number,
    windowMs: number,
    nowMs: number,
  ): Promise<boolean>;
  /** Gives a slot back (the send failed and will be retried). */
  releaseRateSlot(userId: string, deliveryId: string): Promise<void>;
  /**
   * Marks the delivery done (sent or suppressed) and writes it to the customer's log in one atomic step;
   * 'duplicate' (and nothing written) when it was already done.
   */
  completeDelivery(delivery: Delivery): Promise<'recorded' | 'duplicate'>;
  /** Writes (or overwrites) the delivery's log entry without marking it done: it is being retried. */
  logDelivery(delivery: Delivery): Promise<void>;
  /** The customer's deliveries, newest first. */
  listForUser(userId: string): Promise<Delivery[]>;
}

// Keys are relative: the client adds REDIS_KEY_PREFIX to each one.
export const notificationKeys = {
  processedEvent: (eventId: string, channel: Channel) => `events:processed:${eventId}:${channel}`,
  lock: (eventId: string, channel: Channel) => `locks:${eventId}:${channel}`,
  /** A list of delivery ids, newest first. */
  inbox: (userId: string) => `inbox:${userId}`,
  /** A hash: delivery id → delivery JSON, so a retried delivery updates its entry in place. */
  inboxEntries: (userId: string) => `inbox-entries:${userId}`,
  contact: (userId: string) => `contacts:${userId}`,
  rate: (userId: string) => `rate:${userId}`,
  orderCurrency: (orderId: string) => `orders:${orderId}:currency`,
};

/** The id of one event's message on one channel: also its Message-ID / provider reference. */
export const deliveryId = (eventId: string, channel: Channel) => `${eventId}.${channel}`;

/**
 * Writes a log entry: appended when new (trimming the oldest, and their JSON, past the cap), overwritten in place
 * when the delivery is already in the log. With ARGV[5] = '1' it first sets the done-marker with SET NX and
 * writes nothing when the marker was there, so Redis holds either both or neither.
 * Each write pushes the log's expiry back to ARGV[6] seconds.
 * KEYS[1] marker, KEYS[2] inbox list, KEYS[3] inbox entries; ARGV[1] delivery id, ARGV[2] delivery JSON,
 * ARGV[3] cap, ARGV[4] marker TTL in seconds, ARGV[5] '1' to mark the delivery done, ARGV[6] log TTL in seconds.
 */
const writeEntryScript = `
if ARGV[5] == '1' then
  if not redis.call('SET', KEYS[1], ARGV[1], 'NX', 'EX', tonumber(ARGV[4])) then return 0 end
end
if redis.call('HEXISTS', KEYS[3], ARGV[1]) == 0 then
  redis.call('LPUSH', KEYS[2], ARGV[1])
  local cap = tonumber(ARGV[3])
  local dropped = redis.call('LRANGE', KEYS[2], cap, -1)
  if #dropped > 0 then
    redis.call('LTRIM', KEYS[2], 0, cap - 1)
    redis.call('HDEL', KEYS[3], unpack(dropped))
  end
end
redis.call('HSET', KEYS[3], ARGV[1], ARGV[2])
redis.call('EXPIRE', KEYS[2], tonumber(ARGV[6]))
redis.call('EXPIRE', KEYS[3], tonumber(ARGV[6]))
return 1
`;

/** KEYS[1] contact hash; ARGV[1] version; ARGV[2..] field, value pairs. */
const writeContactScript = `
local current = tonumber(redis.call('HGET', KEYS[1], 'version') or '-1')
if tonumber(ARGV[1]) < current then return 0 end
redis.call('HSET', KEYS[1], 'version', ARGV[1], unpack(ARGV, 2))
return 1
`;

/** KEYS[1] the customer's window (sorted set); ARGV[1] now ms, ARGV[2] window ms, ARGV[3] limit, ARGV[4] id. */
const takeRateSlotScript = `
local now = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZSCORE', KEYS[1], ARGV[4]) then return 1 end
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then return 0 end
redis.call('ZADD', KEYS[1], now, ARGV[4])
redis.call('PEXPIRE', KEYS[1], window)
return 1
`;

/** Deletes the lock only while it is still ours (it may have expired and been taken by another consumer). */
const releaseLockScript = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

function parsePreferences(raw: string | undefined): NotificationPreferences {
  if (!raw) return defaultNotificationPreferences;
  try {
    return notificationPreferencesSchema.parse(JSON.parse(raw));
  } catch {
    return defaultNotificationPreferences;
  }
}

export function createNotificationsStore(
  redis: Redis,
  options: { perUser?: number; processedTtlSeconds?: number } = {},
): NotificationsStore {
  const perUser = options.perUser ?? NOTIFICATIONS_PER_USER;
  const processedTtl = options.processedTtlSeconds ?? PROCESSED_EVENT_TTL_SECONDS;

  const writeEntry = async (delivery: Delivery, markDone: boolean) =>
    redis.eval(
      writeEntryScript,
      3,
      notificationKeys.processedEvent(delivery.eventId, delivery.channel),
      notificationKeys.inbox(delivery.userId),
      notificationKeys.inboxEntries(delivery.userId),
      delivery.id,
      JSON.stringify(notificationView.parse(delivery)),
      perUser,
      processedTtl,
      markDone ? '1' : '0',
      DELIVERY_LOG_TTL_SECONDS,
    );

  return {
    async rememberContact(userId, contact, version) {
      const fields: string[] = ['email', contact.email, 'name', contact.name];
      if (contact.phone !== undefined) fields.push('phone', contact.phone ?? '');
      if (contact.preferences !== undefined) fields.push('preferences', JSON.stringify(contact.preferences));
      const written = await redis.eval(
        writeContactScript,
        1,
        notificationKeys.contact(userId),
        version,
        ...fields,
      );
      return written === 1;
    },

    async findContact(userId) {
      const fields = await redis.hgetall(notificationKeys.contact(userId));
      if (typeof fields.email !== 'string' || fields.email === '') return null;
      return {
        email: fields.email,
        name: fields.name ?? '',
        phone: fields.phone ? fields.phone : null,
        preferences: parsePreferences(fields.preferences),
      };
    },

    async rememberOrderCurrency(orderId, currency) {
      await redis.set(notificationKeys.orderCurrency(orderId), currency, 'EX', ORDER_CURRENCY_TTL_SECONDS);
    },

    async findOrderCurrency(orderId) {
      const parsed = currencySchema.safeParse(await redis.get(notificationKeys.orderCurrency(orderId)));
      return parsed.success ? parsed.data : null;
    },

    async isDelivered(eventId, channel) {
      return (await redis.exists(notificationKeys.processedEvent(eventId, channel))) === 1;
    },

    async lockDelivery(eventId, channel, ttlMs) {
      const key = notificationKeys.lock(eventId, channel);
      const token = randomUUID();
      const taken = await redis.set(key, token, 'PX', ttlMs, 'NX');
      if (taken !== 'OK') return null;
      return {
        async release() {
          await redis.eval(releaseLockScript, 1, key, token);
        },
      };
    },

    async takeRateSlot(userId, id, limit, windowMs, nowMs) {
      const allowed = await redis.eval(
        takeRateSlotScript,
        1,
        notificationKeys.rate(userId),
        nowMs,
        windowMs,
        limit,
        id,
      );
      return allowed === 1;
    },

    async releaseRateSlot(userId, id) {
      await redis.zrem(notificationKeys.rate(userId), id);
    },

    async completeDelivery(delivery) {
      return (await writeEntry(delivery, true)) === 1 ? 'recorded' : 'duplicate';
    },

    async logDelivery(delivery) {
      await writeEntry(delivery, false);
    },

    async listForUser(userId) {
      const ids = await redis.lrange(notificationKeys.inbox(userId), 0, perUser - 1);
      if (ids.length === 0) return [];
      const entries = await redis.hmget(notificationKeys.inboxEntries(userId), ...ids);
      return entries
        .filter((entry): entry is string => entry !== null)
        .map((entry) => notificationView.parse(JSON.parse(entry)));
    },
  };
}
