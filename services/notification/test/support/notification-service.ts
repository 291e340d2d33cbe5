import { randomUUID } from 'node:crypto';
import amqp from 'amqplib';
import {
  defaultNotificationPreferences,
  makeEvent,
  notificationList,
  type EventOf,
  type StorefrontEvent,
} from '@storefront/contracts';
import { createBroker } from '@storefront/messaging';
import { createLogger, createSessionRegistry, openRedis, startAppForTest } from '@storefront/service-kit';
import { createRabbitVhost, createRedisPrefix, createTestAuth, csrf } from '@storefront/testkit';
import { createNotificationApp } from '../../src/app.js';
import type { DeliveryChannels } from '../../src/data-access/channels.js';
import { createHttpSmsProvider } from '../../src/data-access/http-sms-provider.js';
import { createLocalSink } from '../../src/data-access/local-sink.js';
import {
  createNotificationsStore,
  type NotificationsStore,
} from '../../src/data-access/notifications-store.js';
import { createSmtpEmailSender } from '../../src/data-access/smtp-email-sender.js';
import type { DeliveryPolicy } from '../../src/domain/deliver-message.js';
import type { ConsumerSettings } from '../../src/entry-points/messaging/notification-events.consumer.js';
import { startSmtpServer } from './smtp-server.js';

export const MAIL_FROM = 'Storefront <no-reply@storefront.test>';

/**
 * The notification service in-process against a throw-away Redis key prefix and RabbitMQ vhost, wired as
 * server.ts wires it. Events reach it the real way: published by another broker client (the "other service")
 * to the storefront.events exchange. Emails go over SMTP to a real SMTP server started here (`smtp`), text
 * messages to the local sink in Redis (`sink`) unless an HTTP provider is given. Retries are quick here so a
 * failing event reaches the DLQ within a test.
 */
/** The shop's address the emails' links point to in these tests. */
export const SHOP_URL = 'https://shop.example.test';

export async function startNotificationService(
  options: {
    consumer?: ConsumerSettings;
    /** Wraps the real Redis store, e.g. to slow it down or watch it. */
    wrapStore?: (store: NotificationsStore) => NotificationsStore;
    /** Wraps the real channels, e.g. to slow a send down. */
    wrapChannels?: (channels: DeliveryChannels) => DeliveryChannels;
    /** Text messages to this HTTP provider instead of the local sink. */
    smsProvider?: { url: string; token: string };
    policy?: Partial<DeliveryPolicy>;
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
    const sessionsRedis = await openRedis(redisPrefix.url, `${redisPrefix.prefix}sessions:`);
    cleanups.push(() => sessionsRedis.quit());
    const sessionRegistry = createSessionRegistry(sessionsRedis);
    const broker = await createBroker({ url: vhost.url, logger });
    cleanups.push(() => broker.close());
    const auth = await createTestAuth();
    const smtp = await startSmtpServer();
    cleanups.push(() => smtp.stop());
    const sink = createLocalSink(redis, logger);
    const email = createSmtpEmailSender({ url: smtp.url, from: MAIL_FROM, timeoutMs: 5_000 });
    cleanups.push(async () => email.close?.());
    const channels: DeliveryChannels = {
      email,
      sms: options.smsProvider ? createHttpSmsProvider(options.smsProvider) : sink.sms,
    };

    const app = await createNotificationApp({
      logger,
      verifier: auth.verifier,
      sessionRegistry,
      notifications: (options.wrapStore ?? ((store) => store))(createNotificationsStore(redis)),
      broker,
      deadLetters: broker,
      channels: (options.wrapChannels ?? ((given) => given))(channels),
      shopUrl: SHOP_URL,
      ...(options.policy ? { policy: options.policy } : {}),
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
      sessionRegistry,
      app,
      smtp,
      sink,
      broker,
      deadLetters: broker,
      publish: (event: StorefrontEvent) => publisher.publish(event),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

export type NotificationService = Awaited<ReturnType<typeof startNotificationService>>;

/** A customer with a session cookie, and the events their registration, profile and orders would publish. */
export async function aCustomer(
  service: NotificationService,
  name = 'Ada Lovelace',
  role: 'customer' | 'editor' | 'admin' = 'customer',
) {
  const userId = randomUUID();
  const email = `${userId}@example.test`;
  const session = await service.auth.sessionCookie({ id: userId, email, name, role });
  return {
    userId,
    email,
    name,
    session,
    registered: () => makeEvent('user.registered', { userId, email, name }),
    updated: (data: Partial<EventOf<'user.updated'>['data']> = {}) =>
      makeEvent('user.updated', {
        userId,
        email,
        name,
        role,
        phone: null,
        preferences: defaultNotificationPreferences,
        ...data,
      }),
    orderStatus: (
      type: 'order.paid' | 'order.shipped' | 'order.cancelled',
      orderId: string,
      totalMinor = 7400,
    ) => makeEvent(type, { orderId, userId, totalMinor }),
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

/** The customer's delivery log, as GET /notifications answers it. */
export async function deliveriesOf(service: NotificationService, session: string) {
  const response = await call(service, 'GET', '/notifications', { session });
  if (response.status !== 200) throw new Error(`GET /notifications answered ${response.status}`);
  return notificationList.parse(await response.json()).items;
}

/** Resolves once the service knows the customer's contact (their user event was consumed). */
export async function untilContactKnown(
  service: NotificationService,
  userId: string,
  check: (contact: Awaited<ReturnType<NotificationsStore['findContact']>>) => boolean = (contact) =>
    contact !== null,
) {
  for (let waited = 0; waited < 10_000; waited += 50) {
    if (check(await service.store.findContact(userId))) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`the contact of ${userId} never arrived`);
}
