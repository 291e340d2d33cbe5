import type { Redis } from 'ioredis';
import { notificationView, type NotificationView } from '@storefront/contracts';

/** How many notifications a customer's inbox keeps; older ones fall off the end. */
export const NOTIFICATIONS_PER_USER = 50;
/** How long an event id is remembered as handled: far longer than any redelivery or dead-letter replay. */
export const PROCESSED_EVENT_TTL_SECONDS = 30 * 24 * 60 * 60;

export interface Contact {
  email: string;
  name: string;
}

export type RecordOutcome = 'recorded' | 'duplicate';

export interface NotificationsStore {
  /** Writes the notification unless its event was already handled; the check and the write are one atomic step. */
  record(notification: NotificationView): Promise<RecordOutcome>;
  /** The customer's notifications, newest first. */
  listForUser(userId: string): Promise<NotificationView[]>;
  rememberContact(userId: string, contact: Contact): Promise<void>;
  findContact(userId: string): Promise<Contact | null>;
}

// Keys are relative: the client adds REDIS_KEY_PREFIX to each one.
export const notificationKeys = {
  processedEvent: (eventId: string) => `events:processed:${eventId}`,
  inbox: (userId: string) => `inbox:${userId}`,
  contact: (userId: string) => `contacts:${userId}`,
};

/**
 * SET NX marks the event as handled and the push happens in the same script, so Redis holds either both or
 * neither: a crash in between can never mark an event handled without its notification, and two deliveries of
 * one event racing each other record it once.
 * KEYS[1] processed-event marker, KEYS[2] inbox; ARGV[1] notification id, ARGV[2] notification JSON,
 * ARGV[3] inbox cap, ARGV[4] marker TTL in seconds.
 */
const recordScript = `
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'EX', tonumber(ARGV[4])) then
  redis.call('LPUSH', KEYS[2], ARGV[2])
  redis.call('LTRIM', KEYS[2], 0, tonumber(ARGV[3]) - 1)
  return 1
end
return 0
`;

export function createNotificationsStore(
  redis: Redis,
  options: { perUser?: number; processedTtlSeconds?: number } = {},
): NotificationsStore {
  const perUser = options.perUser ?? NOTIFICATIONS_PER_USER;
  const processedTtl = options.processedTtlSeconds ?? PROCESSED_EVENT_TTL_SECONDS;

  return {
    async record(notification) {
      const stored = await redis.eval(
        recordScript,
        2,
        notificationKeys.processedEvent(notification.eventId),
        notificationKeys.inbox(notification.userId),
        notification.id,
        JSON.stringify(notificationView.parse(notification)),
        perUser,
        processedTtl,
      );
      return stored === 1 ? 'recorded' : 'duplicate';
    },

    async listForUser(userId) {
      const entries = await redis.lrange(notificationKeys.inbox(userId), 0, perUser - 1);
      return entries.map((entry) => notificationView.parse(JSON.parse(entry)));
    },

    async rememberContact(userId, contact) {
      await redis.hset(notificationKeys.contact(userId), { email: contact.email, name: contact.name });
    },

    async findContact(userId) {
      const fields = await redis.hgetall(notificationKeys.contact(userId));
      if (typeof fields.email !== 'string' || fields.email === '') return null;
      return { email: fields.email, name: fields.name ?? '' };
    },
  };
}
