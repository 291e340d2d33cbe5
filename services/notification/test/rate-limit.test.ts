import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  aCustomer,
  deliveriesOf,
  startNotificationService,
  untilContactKnown,
  type NotificationService,
} from './support/notification-service.js';

let service: NotificationService;

beforeAll(async () => {
  service = await startNotificationService({ policy: { ratePerWindow: 3, rateWindowMs: 60_000 } });
});

afterAll(async () => {
  await service?.close();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

it('when a customer would get more messages in a minute than the limit, the excess is logged as suppressed, not sent', async () => {
  const customer = await aCustomer(service);
  await service.publish(customer.registered());
  await untilContactKnown(service, customer.userId);
  const orders = Array.from({ length: 4 }, () => customer.placedOrder());

  for (const order of orders) await service.publish(order);

  // Welcome + 4 orders = 5 messages against a limit of 3 a minute.
  await expect
    .poll(async () => (await deliveriesOf(service, customer.session)).length, { timeout: 10_000 })
    .toBe(5);
  const log = await deliveriesOf(service, customer.session);
  expect(log.filter((d) => d.status === 'sent')).toHaveLength(3);
  expect(log.filter((d) => d.status === 'suppressed')).toHaveLength(2);
  await sleep(300);
  expect(service.smtp.mailsTo(customer.email)).toHaveLength(3);
  const sentSubjects = log.filter((d) => d.status === 'sent').map((d) => d.subject);
  expect(
    service.smtp
      .mailsTo(customer.email)
      .map((mail) => mail.subject)
      .sort(),
  ).toEqual(sentSubjects.sort());
  const metrics = await (await fetch(`${service.url}/metrics`)).text();
  expect(metrics).toMatch(/notification_messages_total\{[^}]*outcome="suppressed"[^}]*\} 2/);
});

it('when one customer is over the limit, another customer still gets their mail', async () => {
  const busy = await aCustomer(service);
  const other = await aCustomer(service);
  await service.publish(busy.registered());
  await service.publish(other.registered());
  await untilContactKnown(service, busy.userId);
  for (let i = 0; i < 4; i += 1) await service.publish(busy.placedOrder());

  await service.publish(other.placedOrder());

  await expect.poll(() => service.smtp.mailsTo(other.email).length, { timeout: 10_000 }).toBe(2);
});

it('when a suppressed event is delivered again, it stays suppressed and is not sent after all', async () => {
  const customer = await aCustomer(service);
  await service.publish(customer.registered());
  await untilContactKnown(service, customer.userId);
  const orders = Array.from({ length: 3 }, () => customer.placedOrder());
  for (const order of orders) await service.publish(order);
  await expect
    .poll(async () => (await deliveriesOf(service, customer.session)).length, { timeout: 10_000 })
    .toBe(4);
  const suppressed = (await deliveriesOf(service, customer.session)).find((d) => d.status === 'suppressed')!;

  await service.publish(orders.find((order) => order.id === suppressed.eventId)!);

  await sleep(500);
  expect(service.smtp.mailsTo(customer.email)).toHaveLength(3);
  expect(await deliveriesOf(service, customer.session)).toHaveLength(4);
});
