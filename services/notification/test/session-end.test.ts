import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csrf } from '@storefront/testkit';
import { sendRaw } from '@storefront/service-kit/probes';
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

describe('sessions that ended in the user service', () => {
  it("when a customer's session was revoked, their delivery log answers 401", async () => {
    const sessionId = randomUUID();
    const session = await service.auth.sessionCookie({ sessionId });

    await service.sessionRegistry.revoke([sessionId]);

    expect((await call(service, 'GET', '/notifications', { session })).status).toBe(401);
  });

  it('when an admin is demoted, replaying dead letters is refused (403) on the very next call', async () => {
    const admin = await aCustomer(service, 'Grace Hopper', 'admin');
    expect(
      (await call(service, 'POST', '/notifications/dead-letters/replay', { session: admin.session })).status,
    ).toBe(200);

    await service.sessionRegistry.setRole(admin.userId, 'customer');

    expect(
      (await call(service, 'POST', '/notifications/dead-letters/replay', { session: admin.session })).status,
    ).toBe(403);
  });
});

describe('strict routing', () => {
  it('when a route is asked in another case, with a trailing slash or another spelling, it answers 404', async () => {
    const admin = await aCustomer(service, 'Ada', 'admin');
    const headers = { ...csrf.headers, cookie: `${csrf.cookie}; ${admin.session}` };
    expect((await sendRaw(service.url, 'GET', '/notifications', { headers })).status).toBe(200);
    for (const [method, path] of [
      ['GET', '/Notifications'],
      ['GET', '/notifications/'],
      ['GET', '/notifications;x=1'],
      ['POST', '/notifications/dead-letters/replay/'],
      ['POST', '/notifications/Dead-letters/replay'],
      ['POST', '/notifications//dead-letters/replay'],
    ] as const) {
      const answer = await sendRaw(service.url, method, path, { headers });
      expect(answer.status, `${method} ${path}`).toBe(404);
      expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
  });
});
