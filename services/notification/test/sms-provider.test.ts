import { afterAll, beforeAll, expect, it } from 'vitest';
import { defaultNotificationPreferences } from '@storefront/contracts';
import {
  aCustomer,
  deliveriesOf,
  startNotificationService,
  untilContactKnown,
  type NotificationService,
} from './support/notification-service.js';
import { startSmsProvider } from './support/sms-provider.js';

let provider: Awaited<ReturnType<typeof startSmsProvider>>;
let service: NotificationService;
const TOKEN = 'sms-provider-test-token';
const PHONE = '+447700900123';

beforeAll(async () => {
  provider = await startSmsProvider();
  service = await startNotificationService({ smsProvider: { url: provider.url, token: TOKEN } });
});

afterAll(async () => {
  await service?.close();
  await provider?.close();
});

it('when a customer wants shipping news by SMS, the HTTP provider receives it with the bearer token, retried until it takes it', async () => {
  const customer = await aCustomer(service);
  await service.publish(
    customer.updated({
      phone: PHONE,
      preferences: { ...defaultNotificationPreferences, 'order.shipped': { email: false, sms: true } },
    }),
  );
  await untilContactKnown(service, customer.userId, (contact) => contact?.phone === PHONE);
  provider.answer(503);
  const shipped = customer.orderStatus('order.shipped', 'order-42');

  await service.publish(shipped);

  await expect
    .poll(async () => (await deliveriesOf(service, customer.session))[0]?.status, { timeout: 10_000 })
    .toBe('failed');
  provider.answer(202);
  await expect.poll(() => provider.received.length, { timeout: 10_000 }).toBe(1);
  const [sms] = provider.received;
  expect(sms!.headers.authorization).toBe(`Bearer ${TOKEN}`);
  expect(sms!.headers['content-type']).toBe('application/json');
  expect(sms!.headers['idempotency-key']).toBe(`${shipped.id}.sms`);
  expect(sms!.body).toEqual({
    to: PHONE,
    text: 'Storefront: your order order-42 has shipped.',
    reference: `${shipped.id}.sms`,
  });
  await expect
    .poll(async () => (await deliveriesOf(service, customer.session)).map((d) => [d.channel, d.status]), {
      timeout: 10_000,
    })
    .toEqual([['sms', 'sent']]);
  expect(await service.sink.list('sms')).toEqual([]);
  expect(service.smtp.mailsTo(customer.email)).toEqual([]);
});
