import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { problemSchema } from '@storefront/contracts';
import { notificationList } from '@storefront/contracts';
import {
  aCustomer,
  call,
  publishRaw,
  queueDepth,
  startNotificationService,
  type NotificationService,
} from './support/notification-service.js';

let service: NotificationService;

beforeAll(async () => {
  service = await startNotificationService({ consumer: { retryDelaysMs: [100, 200] } });
});

afterAll(async () => {
  await service?.close();
});

async function notificationsOf(session: string) {
  const response = await call(service, 'GET', '/notifications', { session });
  return notificationList.parse(await response.json()).items;
}

it('when an order arrives for a customer the service has never heard of, it is retried, parked, and recorded once replayed after they register', async () => {
  const customer = await aCustomer(service);
  const order = customer.placedOrder();

  await service.publish(order);

  await expect.poll(() => queueDepth(service, 'notification-service.dlq'), { timeout: 10_000 }).toBe(1);
  expect(await notificationsOf(customer.session)).toEqual([]);

  await service.publish(customer.registered());
  await expect
    .poll(async () => (await notificationsOf(customer.session)).length, { timeout: 10_000 })
    .toBe(1);
  expect(await service.deadLetters.replayDeadLetters('notification-service')).toBe(1);

  await expect
    .poll(async () => (await notificationsOf(customer.session)).length, { timeout: 10_000 })
    .toBe(2);
  expect((await notificationsOf(customer.session))[0]).toMatchObject({
    eventId: order.id,
    subject: `Order ${order.data.orderId} placed`,
  });
  expect(await queueDepth(service, 'notification-service.dlq')).toBe(0);
});

it('when a message is not a storefront event, it is parked and the events behind it still arrive', async () => {
  const before = await queueDepth(service, 'notification-service.dlq');
  const customer = await aCustomer(service);

  await publishRaw(service, 'user.registered', '{"not":"an event"');
  await service.publish(customer.registered());

  await expect
    .poll(async () => (await notificationsOf(customer.session)).length, { timeout: 10_000 })
    .toBe(1);
  await expect
    .poll(() => queueDepth(service, 'notification-service.dlq'), { timeout: 10_000 })
    .toBe(before + 1);
});

describe('replaying the dead-letter queue over HTTP', () => {
  it('when an admin asks, parked events go back to the queue: a fixable one is delivered, poison is parked again', async () => {
    const admin = await aCustomer(service, 'Grace Admin', 'admin');
    const customer = await aCustomer(service);
    const order = customer.placedOrder();
    const before = await queueDepth(service, 'notification-service.dlq');
    await publishRaw(service, 'order.placed', 'not json at all');
    await service.publish(order);
    await expect
      .poll(() => queueDepth(service, 'notification-service.dlq'), { timeout: 10_000 })
      .toBe(before + 2);
    // The consumer keeps going: the registration behind the parked events is delivered.
    await service.publish(customer.registered());
    await expect.poll(() => service.smtp.mailsTo(customer.email).length, { timeout: 10_000 }).toBe(1);

    const response = await call(service, 'POST', '/notifications/dead-letters/replay', {
      session: admin.session,
    });

    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({ replayed: before + 2 });
    await expect.poll(() => service.smtp.mailsTo(customer.email).length, { timeout: 10_000 }).toBe(2);
    expect(service.smtp.mailsTo(customer.email)[1]!.subject).toBe(`Order ${order.data.orderId} placed`);
    // The unreadable message is parked again, the order is not.
    await expect
      .poll(() => queueDepth(service, 'notification-service.dlq'), { timeout: 10_000 })
      .toBe(before + 1);
    const metrics = await (await fetch(`${service.url}/metrics`)).text();
    expect(metrics).toMatch(/notification_dead_letters_replayed_total\{[^}]*\} [1-9]/);
  });

  it('when a customer or an editor asks, the answer is 403 problem+json and nothing moves', async () => {
    await publishRaw(service, 'order.placed', '{}');
    await expect
      .poll(() => queueDepth(service, 'notification-service.dlq'), { timeout: 10_000 })
      .toBeGreaterThan(0);
    const parked = await queueDepth(service, 'notification-service.dlq');

    for (const role of ['customer', 'editor'] as const) {
      const someone = await aCustomer(service, 'Not An Admin', role);
      const response = await call(service, 'POST', '/notifications/dead-letters/replay', {
        session: someone.session,
      });
      expect(response.status).toBe(403);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(problemSchema.parse(await response.json())).toMatchObject({ status: 403 });
    }
    expect(await queueDepth(service, 'notification-service.dlq')).toBe(parked);
  });

  it('when nobody is signed in, the answer is 401; without the CSRF token, 403', async () => {
    const admin = await aCustomer(service, 'Grace Admin', 'admin');

    expect((await call(service, 'POST', '/notifications/dead-letters/replay')).status).toBe(401);
    const noCsrf = await fetch(`${service.url}/notifications/dead-letters/replay`, {
      method: 'POST',
      headers: { cookie: admin.session },
    });
    expect(noCsrf.status).toBe(403);
  });
});
