import { afterAll, beforeAll, expect, it } from 'vitest';
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
  expect(await service.broker.replayDeadLetters('notification-service')).toBe(1);

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
