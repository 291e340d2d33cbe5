import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeEvent, notificationList } from '@storefront/contracts';
import {
  aCustomer,
  call,
  SHOP_URL,
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

const token = () => randomUUID().replaceAll('-', '') + 'abcdefghijk';

function resetRequested(customer: Awaited<ReturnType<typeof aCustomer>>, secret: string) {
  return makeEvent('user.password-reset-requested', {
    userId: customer.userId,
    email: customer.email,
    name: customer.name,
    token: secret,
    expiresAt: new Date(Date.now() + 30 * 60 * 1000).toISOString(),
  });
}

describe('a customer who forgot the password gets the reset link by email', () => {
  it('when a reset is requested, one email with the link to the shop arrives, even for a customer never heard of', async () => {
    const customer = await aCustomer(service, 'Grace Hopper');
    const secret = token();

    await service.publish(resetRequested(customer, secret));

    await expect.poll(() => service.smtp.mailsTo(customer.email).length, { timeout: 10_000 }).toBe(1);
    const [mail] = service.smtp.mailsTo(customer.email);
    expect(mail!.subject).toBe('Reset your Storefront password');
    expect(mail!.text).toContain('Hello Grace Hopper,');
    expect(mail!.text).toContain(`${SHOP_URL}/api/users/password/reset/${secret}`);
    expect(mail!.text).toMatch(/works once, for 30 minutes/);
  });

  it('when the delivery log is read, the reset email is listed without its link', async () => {
    const customer = await aCustomer(service);
    const secret = token();

    await service.publish(resetRequested(customer, secret));

    await expect.poll(() => service.smtp.mailsTo(customer.email).length, { timeout: 10_000 }).toBe(1);
    const response = await call(service, 'GET', '/notifications', { session: customer.session });
    const [entry] = notificationList.parse(await response.json()).items;
    expect(entry).toMatchObject({ template: 'password-reset', status: 'sent', to: customer.email });
    expect(entry!.body).not.toContain(secret);
    expect(JSON.stringify(await service.redis.keys('*'))).not.toContain(secret);
  });

  it('when the same event arrives twice, the email is sent once', async () => {
    const customer = await aCustomer(service);
    const event = resetRequested(customer, token());

    await service.publish(event);
    await service.publish(event);

    await expect.poll(() => service.smtp.mailsTo(customer.email).length, { timeout: 10_000 }).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(service.smtp.mailsTo(customer.email)).toHaveLength(1);
  });
});
