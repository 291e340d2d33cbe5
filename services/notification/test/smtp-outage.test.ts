import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  aCustomer,
  deliveriesOf,
  queueDepth,
  startNotificationService,
  untilContactKnown,
  type NotificationService,
} from './support/notification-service.js';

let service: NotificationService;

beforeAll(async () => {
  // Enough back-off for the mail server to come back before the event would be parked.
  service = await startNotificationService({ consumer: { retryDelaysMs: [200, 400, 800, 1600, 3200] } });
});

afterAll(async () => {
  await service?.close();
});

it('when the mail server is down, the mail is retried with back-off and delivered once it is back, exactly once', async () => {
  const customer = await aCustomer(service);
  await service.publish(customer.registered());
  await expect.poll(() => service.smtp.mailsTo(customer.email).length, { timeout: 10_000 }).toBe(1);
  await untilContactKnown(service, customer.userId);
  await service.smtp.stop();
  const order = customer.placedOrder();

  await service.publish(order);

  // The first attempts fail: the customer's log says so, and nothing is marked as sent.
  await expect
    .poll(async () => (await deliveriesOf(service, customer.session))[0], { timeout: 10_000 })
    .toMatchObject({ eventId: order.id, status: 'failed' });
  expect(await service.store.isDelivered(order.id, 'email')).toBe(false);

  await service.smtp.start();

  await expect.poll(() => service.smtp.mailsTo(customer.email).length, { timeout: 15_000 }).toBe(2);
  expect(service.smtp.mailsTo(customer.email)[1]!.subject).toBe(`Order ${order.data.orderId} placed`);
  const log = await deliveriesOf(service, customer.session);
  expect(log.map((d) => [d.template, d.status])).toEqual([
    ['order-placed', 'sent'],
    ['welcome', 'sent'],
  ]);
  expect(await queueDepth(service, 'notification-service.dlq')).toBe(0);
  const metrics = await (await fetch(`${service.url}/metrics`)).text();
  expect(metrics).toMatch(
    /notification_messages_total\{[^}]*channel="email"[^}]*outcome="failed"[^}]*\} [1-9]/,
  );
});
