import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, startOrderService, type OrderService } from './support/order-service.js';

let service: OrderService;

beforeAll(async () => {
  service = await startOrderService();
});
afterAll(async () => {
  await service?.close();
});

const registry = () => service.products.sessionRegistry;

describe('sessions that ended in the user service', () => {
  it('when a customer signed out (the session is revoked), their token lists no orders: 401', async () => {
    const sessionId = randomUUID();
    const session = await service.auth.sessionCookie({ sessionId });
    expect((await call(service, 'GET', '/orders', { session })).status).toBe(200);

    await registry().revoke([sessionId]);
    const other = await service.auth.sessionCookie({ sessionId });

    // A token of the same session that this service has never seen: no cached answer to hide behind.
    expect((await call(service, 'GET', '/orders', { session: other })).status).toBe(401);
  });

  it('when an admin is demoted, the next call for every order is refused (403), with no grace period', async () => {
    const id = randomUUID();
    const admin = await service.auth.sessionCookie({ id, role: 'admin' });
    expect((await call(service, 'GET', '/orders?scope=all', { session: admin })).status).toBe(200);

    await registry().setRole(id, 'customer');

    expect((await call(service, 'GET', '/orders?scope=all', { session: admin })).status).toBe(403);
    expect(
      (
        await call(service, 'PATCH', `/orders/${randomUUID()}`, {
          session: admin,
          body: { status: 'shipped' },
        })
      ).status,
    ).toBe(403);
  });

  it("when an admin's sessions were revoked everywhere, their token is refused (401) at once", async () => {
    const sessionId = randomUUID();
    const admin = await service.auth.sessionCookie({ role: 'admin', sessionId });
    expect((await call(service, 'GET', '/orders?scope=all', { session: admin })).status).toBe(200);

    await registry().revoke([sessionId]);

    expect((await call(service, 'GET', '/orders?scope=all', { session: admin })).status).toBe(401);
  });
});
