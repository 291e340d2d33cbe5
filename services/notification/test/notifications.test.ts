import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { problemSchema } from '@storefront/contracts';
import { notificationList } from '@storefront/contracts';
import {
  aCustomer,
  call,
  startNotificationService,
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

async function notificationsOf(session: string) {
  const response = await call(service, 'GET', '/notifications', { session });
  expect(response.status).toBe(200);
  return notificationList.parse(await response.json()).items;
}

async function expectProblem(response: Response, status: number) {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  return problemSchema.parse(await response.json());
}

describe('a customer hears from the storefront', () => {
  it('when a customer registers, a welcome email to their address appears in their notifications', async () => {
    const customer = await aCustomer(service, 'Ada Lovelace');
    const registered = customer.registered();

    await service.publish(registered);

    await expect
      .poll(async () => (await notificationsOf(customer.session)).length, { timeout: 10_000 })
      .toBe(1);
    const [welcome] = await notificationsOf(customer.session);
    expect(welcome).toMatchObject({
      eventId: registered.id,
      userId: customer.userId,
      channel: 'email',
      template: 'welcome',
      to: customer.email,
      subject: 'Welcome to Storefront',
      status: 'sent',
    });
    expect(welcome!.body).toContain('Hello Ada Lovelace,');
    expect(welcome!.body).toContain(customer.email);
    expect(Date.parse(welcome!.createdAt)).not.toBeNaN();
  });

  it('when the customer then places an order, "Order <id> placed" with its total comes first in the list', async () => {
    const customer = await aCustomer(service);
    await service.publish(customer.registered());
    await expect
      .poll(async () => (await notificationsOf(customer.session)).length, { timeout: 10_000 })
      .toBe(1);
    const order = customer.placedOrder();

    await service.publish(order);

    await expect
      .poll(async () => (await notificationsOf(customer.session)).length, { timeout: 10_000 })
      .toBe(2);
    const [newest, oldest] = await notificationsOf(customer.session);
    expect(oldest!.template).toBe('welcome');
    expect(newest).toMatchObject({
      eventId: order.id,
      template: 'order-placed',
      to: customer.email,
      subject: `Order ${order.data.orderId} placed`,
    });
    expect(newest!.body).toContain('Total: €74.00');
    expect(newest!.body).toContain('2 × Blue Mug at €12.50: €25.00');
  });

  it('when the same event is delivered again, even five times at once, it is recorded once', async () => {
    const customer = await aCustomer(service);
    const registered = customer.registered();

    await service.publish(registered);
    await Promise.all(Array.from({ length: 5 }, () => service.publish(registered)));

    await expect
      .poll(async () => (await notificationsOf(customer.session)).length, { timeout: 10_000 })
      .toBe(1);
    // Let every copy be consumed before counting again.
    await sleep(1000);
    expect(await notificationsOf(customer.session)).toHaveLength(1);
    const metrics = await (await fetch(`${service.url}/metrics`)).text();
    expect(metrics).toMatch(
      /notification_events_total\{[^}]*type="user.registered"[^}]*outcome="duplicate"[^}]*\} [1-9]/,
    );
  });

  it('when two customers have notifications, each sees only their own', async () => {
    const ada = await aCustomer(service, 'Ada');
    const grace = await aCustomer(service, 'Grace');

    await service.publish(ada.registered());
    await service.publish(grace.registered());

    await expect.poll(async () => (await notificationsOf(grace.session)).length, { timeout: 10_000 }).toBe(1);
    await expect.poll(async () => (await notificationsOf(ada.session)).length, { timeout: 10_000 }).toBe(1);
    expect((await notificationsOf(ada.session))[0]!.to).toBe(ada.email);
    expect((await notificationsOf(grace.session))[0]!.to).toBe(grace.email);
  });

  it('when a signed-in customer has no notifications yet, the list is empty and never cached by a proxy', async () => {
    const customer = await aCustomer(service);

    const response = await call(service, 'GET', '/notifications', { session: customer.session });

    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    expect(await response.json()).toEqual({ items: [] });
  });
});

describe('reading notifications is refused with 401 problem+json', () => {
  it('when nobody is signed in', async () => {
    const problem = await expectProblem(await call(service, 'GET', '/notifications'), 401);
    expect(problem).toMatchObject({ status: 401, title: 'Unauthorized', instance: '/notifications' });
  });

  it('when the session cookie is forged', async () => {
    const customer = await aCustomer(service);
    const [header, payload] = customer.session.split('=')[1]!.split('.');
    const forged = `sf_session=${header}.${payload}.${'A'.repeat(86)}`;

    await expectProblem(await call(service, 'GET', '/notifications', { session: forged }), 401);
  });
});
