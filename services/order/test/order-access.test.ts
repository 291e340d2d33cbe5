import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderList, orderView, problemSchema } from '@storefront/contracts';
import {
  call,
  catalogProducts,
  countRows,
  startOrderService,
  type OrderService,
  deliveryAddress,
} from './support/order-service.js';

let service: OrderService;
let mugId: string;

beforeAll(async () => {
  service = await startOrderService();
  mugId = (await catalogProducts(service, 'blue-mug'))['blue-mug']!.id;
});

afterAll(async () => {
  await service?.close();
});

const oneMug = () => ({ address: deliveryAddress, lines: [{ productId: mugId, quantity: 1 }] });

async function placeOrder(session: string) {
  const response = await call(service, 'POST', '/orders', {
    session,
    idempotencyKey: randomUUID(),
    body: oneMug(),
  });
  expect(response.status).toBe(201);
  return orderView.parse(await response.json());
}

async function expectProblem(response: Response, status: number) {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  return problemSchema.parse(await response.json());
}

describe('placing an order is refused, with nothing written,', () => {
  it('when the visitor has no session (401)', async () => {
    const before = await countRows(service);

    const response = await call(service, 'POST', '/orders', { idempotencyKey: randomUUID(), body: oneMug() });

    await expectProblem(response, 401);
    expect(await countRows(service)).toEqual(before);
  });

  it('when the CSRF header is missing (403)', async () => {
    const session = await service.auth.sessionCookie();
    const before = await countRows(service);

    const response = await call(service, 'POST', '/orders', {
      session,
      csrf: false,
      idempotencyKey: randomUUID(),
      body: oneMug(),
    });

    await expectProblem(response, 403);
    expect(await countRows(service)).toEqual(before);
  });

  it.each([
    ['no lines', { lines: [] }],
    ['a quantity of zero', { lines: [{ productId: randomUUID(), quantity: 0 }] }],
    ['a product id that is not a uuid', { lines: [{ productId: 'blue-mug', quantity: 1 }] }],
    ['no body at all', undefined],
  ])('when the body has %s (400)', async (_case, body) => {
    const session = await service.auth.sessionCookie();
    const before = await countRows(service);

    const response = await call(service, 'POST', '/orders', { session, idempotencyKey: randomUUID(), body });

    const problem = await expectProblem(response, 400);
    expect(problem.errors?.length).toBeGreaterThan(0);
    expect(await countRows(service)).toEqual(before);
  });

  it.each([
    ['missing', undefined],
    ['longer than 100 characters', 'k'.repeat(101)],
  ])('when the Idempotency-Key header is %s (400)', async (_case, idempotencyKey) => {
    const session = await service.auth.sessionCookie();
    const before = await countRows(service);

    const response = await call(service, 'POST', '/orders', {
      session,
      body: oneMug(),
      ...(idempotencyKey === undefined ? {} : { idempotencyKey }),
    });

    expect((await expectProblem(response, 400)).detail).toMatch(/Idempotency-Key/);
    expect(await countRows(service)).toEqual(before);
  });
});

describe('reading orders', () => {
  it('when a customer lists their orders, they see only their own, newest first', async () => {
    const customer = await service.auth.sessionCookie();
    const someoneElse = await service.auth.sessionCookie();
    const older = await placeOrder(customer);
    await placeOrder(someoneElse);
    const newer = await placeOrder(customer);

    const response = await call(service, 'GET', '/orders', { session: customer });

    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    const { items } = orderList.parse(await response.json());
    expect(items.map((order) => order.id)).toEqual([newer.id, older.id]);
  });

  it("when a customer asks for someone else's order, it answers 404 as if it did not exist", async () => {
    const owner = await service.auth.sessionCookie();
    const order = await placeOrder(owner);
    const stranger = await service.auth.sessionCookie();

    const response = await call(service, 'GET', `/orders/${order.id}`, { session: stranger });

    await expectProblem(response, 404);
    const missing = await call(service, 'GET', `/orders/${randomUUID()}`, { session: stranger });
    await expectProblem(missing, 404);
  });

  it('when nobody is signed in, the order list answers 401', async () => {
    await expectProblem(await call(service, 'GET', '/orders'), 401);
  });
});

it('when MySQL, the broker and the product service answer, the service reports ready', async () => {
  const response = await fetch(`${service.url}/readyz`);

  expect(response.status).toBe(200);
  expect(await response.json()).toMatchObject({
    status: 'ready',
    checks: { mysql: 'ok', broker: 'ok', products: 'ok' },
  });
});
