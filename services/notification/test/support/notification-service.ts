import { randomUUID } from 'node:crypto';
import amqp from 'amqplib';
import { makeEvent, type EventOf, type StorefrontEvent } from '@storefront/contracts';
import { createBroker } from '@storefront/messaging';
import { createLogger, startAppForTest } from '@storefront/service-kit';
import { createRabbitVhost, createRedisPrefix, createTestAuth, csrf } from '@storefront/testkit';
import { createNotificationApp } from '../../src/app.js';
import { openRedis } from '../../src/data-access/connection.js';
import {
  createNotificationsStore,
  type NotificationsStore,
} from '../../src/data-access/notifications-store.js';
import type { ConsumerSettings } from '../../src/entry-points/messaging/notification-events.consumer.js';

/**
 * The notification service in-process against a throw-away Redis key prefix and RabbitMQ vhost, wired as
 * server.ts wires it. Events reach it the real way: published by another broker client (the "other service")
 * to the storefront.events exchange. Retries are quick here so a failing event reaches the DLQ within a test.
 */
export async function startNotificationService(
  options: {
    consumer?: ConsumerSettings;
    /** Wraps the real Redis store, e.g. to slow it down or watch it. */
    wrapStore?: (store: NotificationsStore) => NotificationsStore;
  } = {},
) {
  const cleanups: (() => Promise<unknown>)[] = [];
  const close = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  };
  try {
    const logger = createLogger('notification-service-test', process.env.TEST_LOG_LEVEL ?? 'silent');
    const vhost = await createRabbitVhost();
    cleanups.push(() => vhost.drop());
    const redisPrefix = await createRedisPrefix();
    cleanups.push(() => redisPrefix.drop());
    const redis = await openRedis(redisPrefix.url, redisPrefix.prefix);
    cleanups.push(() => redis.quit());
    const broker = await createBroker({ url: vhost.url, logger });
    cleanups.push(() => broker.close());
    const auth = await createTestAuth();

    const app = await createNotificationApp({
      logger,
      verifier: auth.verifier,
      notifications: (options.wrapStore ?? ((store) => store))(createNotificationsStore(redis)),
      broker,
      readiness: {
        redis: () => redis.ping(),
        broker: () => broker.check(),
      },
      consumer: { retryDelaysMs: [100, 200], ...options.consumer },
    });
    cleanups.push(() => app.close());
    const server = await startAppForTest(app.handler);
    cleanups.push(() => server.close());

    const publisher = await createBroker({ url: vhost.url, logger });
    cleanups.push(() => publisher.close());

    return {
      url: server.url,
      amqpUrl: vhost.url,
      redis,
      store: createNotificationsStore(redis),
      redisPrefix: redisPrefix.prefix,
      auth,
      app,
      broker,
      publish: (event: StorefrontEvent) => publisher.publish(event),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

export type NotificationService = Awaited<ReturnType<typeof startNotificationService>>;

/** A customer with a session cookie, and the events their registration and orders would publish. */
export async function aCustomer(service: NotificationService, name = 'Ada Lovelace') {
  const userId = randomUUID();
  const email = `${userId}@example.test`;
  const session = await service.auth.sessionCookie({ id: userId, email, name });
  return {
    userId,
    email,
    name,
    session,
    registered: () => makeEvent('user.registered', { userId, email, name }),
    placedOrder: (data: Partial<EventOf<'order.placed'>['data']> = {}) =>
      makeEvent('order.placed', {
        orderId: randomUUID(),
        userId,
        totalMinor: 2 * 1250 + 4900,
        currency: 'EUR',
        lines: [
          { productId: randomUUID(), name: 'Blue Mug', unitPriceMinor: 1250, quantity: 2 },
          { productId: randomUUID(), name: 'Wool Throw Blanket', unitPriceMinor: 4900, quantity: 1 },
        ],
        ...data,
      }),
  };
}

/** A browser-like call: the CSRF pair and, when given, the visitor's session cookie. */
export function call(
  service: NotificationService,
  method: string,
  path: string,
  options: { session?: string; requestId?: string } = {},
) {
  const cookies = [csrf.cookie, options.session].filter(Boolean);
  return fetch(`${service.url}${path}`, {
    method,
    headers: {
      ...csrf.headers,
      cookie: cookies.join('; '),
      ...(options.requestId === undefined ? {} : { 'x-request-id': options.requestId }),
    },
  });
}

/** How many messages wait in a queue of the service's vhost. */
export async function queueDepth(service: NotificationService, queue: string): Promise<number> {
  const connection = await amqp.connect(service.amqpUrl);
  try {
    const channel = await connection.createChannel();
    return (await channel.checkQueue(queue)).messageCount;
  } finally {
    await connection.close();
  }
}

/** Publishes raw bytes to the exchange, as a broken producer might. */
export async function publishRaw(service: NotificationService, routingKey: string, body: string) {
  const connection = await amqp.connect(service.amqpUrl);
  try {
    const channel = await connection.createConfirmChannel();
    channel.publish('storefront.events', routingKey, Buffer.from(body), { persistent: true });
    await channel.waitForConfirms();
  } finally {
    await connection.close();
  }
}
