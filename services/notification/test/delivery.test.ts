import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultNotificationPreferences } from '@storefront/contracts';
import {
  MAIL_FROM,
  aCustomer,
  deliveriesOf,
  startNotificationService,
  untilContactKnown,
  type NotificationService,
} from './support/notification-service.js';

let service: NotificationService;

beforeAll(async () => {
  service = await startNotificationService();
});

afterAll(async () => {
  await service?.close();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const PHONE = '+4915112345678';

/** A customer whose registration the service has consumed (their welcome mail is out). */
async function aRegisteredCustomer(name?: string) {
  const customer = await aCustomer(service, name);
  await service.publish(customer.registered());
  await expect.poll(() => service.smtp.mailsTo(customer.email).length, { timeout: 10_000 }).toBe(1);
  return customer;
}

describe('emails go out over SMTP', () => {
  it('when a customer registers, the welcome mail reaches the mail server, from MAIL_FROM', async () => {
    const customer = await aCustomer(service, 'Ada Lovelace');
    const registered = customer.registered();

    await service.publish(registered);

    await expect.poll(() => service.smtp.mailsTo(customer.email).length, { timeout: 10_000 }).toBe(1);
    const [mail] = service.smtp.mailsTo(customer.email);
    expect(mail!.subject).toBe('Welcome to Storefront');
    expect(mail!.from).toMatch(/^"?Storefront"? <no-reply@storefront\.test>$/);
    expect(MAIL_FROM).toBe('Storefront <no-reply@storefront.test>');
    expect(mail!.text).toContain('Hello Ada Lovelace,');
    expect(mail!.messageId).toBe(`<${registered.id}.email@storefront.test>`);
  });

  it('when an order is placed, the mail server receives a mail with the order id in the subject', async () => {
    const customer = await aRegisteredCustomer();
    const order = customer.placedOrder();

    await service.publish(order);

    await expect.poll(() => service.smtp.mailsTo(customer.email).length, { timeout: 10_000 }).toBe(2);
    const mail = service.smtp.mailsTo(customer.email)[1]!;
    expect(mail.subject).toBe(`Order ${order.data.orderId} placed`);
    expect(mail.text).toContain('Total: €74.00');
    expect(mail.text).toContain('2 × Blue Mug at €12.50: €25.00');
    const [logged] = await deliveriesOf(service, customer.session);
    expect(logged).toMatchObject({
      id: `${order.id}.email`,
      eventId: order.id,
      channel: 'email',
      template: 'order-placed',
      to: customer.email,
      subject: `Order ${order.data.orderId} placed`,
      status: 'sent',
    });
  });

  it('when an order is paid, shipped and cancelled, each status mail goes out with the total in its currency', async () => {
    const customer = await aRegisteredCustomer();
    const order = customer.placedOrder({ currency: 'GBP', totalMinor: 5497 });
    await service.publish(order);
    await expect.poll(() => service.smtp.mailsTo(customer.email).length, { timeout: 10_000 }).toBe(2);

    for (const type of ['order.paid', 'order.shipped', 'order.cancelled'] as const) {
      await service.publish(customer.orderStatus(type, order.data.orderId, 5497));
    }

    await expect.poll(() => service.smtp.mailsTo(customer.email).length, { timeout: 10_000 }).toBe(5);
    const subjects = service.smtp.mailsTo(customer.email).map((mail) => mail.subject);
    expect(subjects).toEqual(
      expect.arrayContaining([
        `Payment received for order ${order.data.orderId}`,
        `Order ${order.data.orderId} has shipped`,
        `Order ${order.data.orderId} cancelled`,
      ]),
    );
    const cancelled = service.smtp.mailsTo(customer.email).find((mail) => mail.subject.endsWith('cancelled'));
    expect(cancelled!.text).toContain('Total: £54.97');
  });

  it('when the same event is delivered twice, and five more times at once, exactly one mail goes out', async () => {
    const customer = await aRegisteredCustomer();
    const order = customer.placedOrder();

    await service.publish(order);
    await service.publish(order);
    await Promise.all(Array.from({ length: 5 }, () => service.publish(order)));

    await expect.poll(() => service.smtp.mailsTo(customer.email).length, { timeout: 10_000 }).toBe(2);
    // Let every copy be consumed before counting again.
    await sleep(1500);
    expect(service.smtp.mailsTo(customer.email)).toHaveLength(2);
    expect(
      (await deliveriesOf(service, customer.session)).filter((d) => d.eventId === order.id),
    ).toHaveLength(1);
    const metrics = await (await fetch(`${service.url}/metrics`)).text();
    expect(metrics).toMatch(
      /notification_messages_total\{[^}]*channel="email"[^}]*outcome="duplicate"[^}]*\} [1-9]/,
    );
  });
});

describe("each customer's preferences decide the channels", () => {
  it('when a customer turned email off and SMS on for placed orders, no mail goes out and an SMS lands in the sink', async () => {
    const customer = await aRegisteredCustomer();
    await service.publish(
      customer.updated({
        phone: PHONE,
        preferences: { ...defaultNotificationPreferences, 'order.placed': { email: false, sms: true } },
      }),
    );
    await untilContactKnown(service, customer.userId, (contact) => contact?.phone === PHONE);
    const order = customer.placedOrder();

    await service.publish(order);

    await expect
      .poll(
        async () =>
          (await service.sink.list('sms')).filter(
            (sms) => sms.to === PHONE && sms.reference === `${order.id}.sms`,
          ).length,
        {
          timeout: 10_000,
        },
      )
      .toBe(1);
    const sms = (await service.sink.list('sms')).find((entry) => entry.reference === `${order.id}.sms`)!;
    expect(sms.text).toContain(order.data.orderId);
    expect(sms.text).toContain('€74.00');
    await sleep(500);
    expect(service.smtp.mailsTo(customer.email)).toHaveLength(1); // the welcome mail only
    const [logged] = await deliveriesOf(service, customer.session);
    expect(logged).toMatchObject({ eventId: order.id, channel: 'sms', to: PHONE, status: 'sent' });
  });

  it('when the preferences cover only some events, the others keep their own setting (shipped: email)', async () => {
    const customer = await aRegisteredCustomer();
    await service.publish(
      customer.updated({
        phone: PHONE,
        preferences: { ...defaultNotificationPreferences, 'order.placed': { email: false, sms: false } },
      }),
    );
    await untilContactKnown(service, customer.userId, (contact) => contact?.phone === PHONE);
    const order = customer.placedOrder();

    await service.publish(order);
    await service.publish(customer.orderStatus('order.shipped', order.data.orderId));

    await expect.poll(() => service.smtp.mailsTo(customer.email).length, { timeout: 10_000 }).toBe(2);
    expect(service.smtp.mailsTo(customer.email)[1]!.subject).toBe(`Order ${order.data.orderId} has shipped`);
    await sleep(300);
    expect(service.smtp.mailsTo(customer.email)).toHaveLength(2);
    expect((await deliveriesOf(service, customer.session)).some((d) => d.eventId === order.id)).toBe(false);
  });

  it('when a customer wants SMS but has no phone number, the mail still goes out and no SMS is attempted', async () => {
    const customer = await aRegisteredCustomer();
    await service.publish(
      customer.updated({
        phone: null,
        preferences: { ...defaultNotificationPreferences, 'order.paid': { email: true, sms: true } },
      }),
    );
    await untilContactKnown(
      service,
      customer.userId,
      (contact) => contact?.preferences['order.paid'].sms === true,
    );

    await service.publish(customer.orderStatus('order.paid', 'order-without-phone'));

    await expect.poll(() => service.smtp.mailsTo(customer.email).length, { timeout: 10_000 }).toBe(2);
    expect((await deliveriesOf(service, customer.session)).map((d) => d.channel)).toEqual(['email', 'email']);
  });

  it('when a customer changes their email address, the next mail goes to the new one', async () => {
    const customer = await aRegisteredCustomer();
    const newAddress = `new-${customer.email}`;
    await service.publish(customer.updated({ email: newAddress }));
    await untilContactKnown(service, customer.userId, (contact) => contact?.email === newAddress);

    await service.publish(customer.placedOrder());

    await expect.poll(() => service.smtp.mailsTo(newAddress).length, { timeout: 10_000 }).toBe(1);
  });
});
