import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RowDataPacket } from 'mysql2/promise';
import { orderView, problemSchema } from '@storefront/contracts';
import {
  call,
  catalogProducts,
  consumeOrderEvents,
  countRows,
  startOrderService,
  type OrderService,
  deliveryAddress,
} from './support/order-service.js';

let service: OrderService;
let consumer: Awaited<ReturnType<typeof consumeOrderEvents>>;

beforeAll(async () => {
  service = await startOrderService();
  consumer = await consumeOrderEvents(service.amqpUrl);
});

afterAll(async () => {
  await consumer?.close();
  await service?.close();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const eventsFor = (orderId: string) =>
  consumer.received.filter((event) => event.type === 'order.placed' && event.data.orderId === orderId);

async function outboxRowsFor(orderId: string) {
  const [rows] = await service.pool.query<RowDataPacket[]>(
    `SELECT id, sent_at FROM outbox WHERE JSON_VALUE(event, '$.data.orderId') = ?`,
    [orderId],
  );
  return rows;
}

it('when a customer places an order with tampered prices, it is stored at catalog prices and one order.placed is published', async () => {
  const { 'blue-mug': mug, 'wool-throw-blanket': blanket } = await catalogProducts(
    service,
    'blue-mug',
    'wool-throw-blanket',
  );
  const session = await service.auth.sessionCookie();

  const response = await call(service, 'POST', '/orders', {
    session,
    idempotencyKey: randomUUID(),
    body: {
      address: deliveryAddress,
      lines: [
        { productId: mug!.id, quantity: 2, unitPriceMinor: 1, priceMinor: 1 },
        { productId: blanket!.id, quantity: 1, unitPriceMinor: 1 },
      ],
      totalMinor: 3,
    },
  });

  expect(response.status).toBe(201);
  const order = orderView.parse(await response.json());
  expect(order.status).toBe('placed');
  expect(order.lines).toEqual([
    { productId: mug!.id, name: 'Blue Mug', unitPriceMinor: mug!.priceMinor, quantity: 2 },
    { productId: blanket!.id, name: 'Wool Throw Blanket', unitPriceMinor: blanket!.priceMinor, quantity: 1 },
  ]);
  expect(order.totalMinor).toBe(mug!.priceMinor * 2 + blanket!.priceMinor);
  const stored = orderView.parse(
    await (await call(service, 'GET', `/orders/${order.id}`, { session })).json(),
  );
  expect(stored).toEqual(order);
  expect(await outboxRowsFor(order.id)).toHaveLength(1);

  await expect.poll(() => eventsFor(order.id).length, { timeout: 15_000, interval: 100 }).toBe(1);
  expect(eventsFor(order.id)[0]).toMatchObject({
    type: 'order.placed',
    version: 1,
    data: {
      orderId: order.id,
      userId: order.userId,
      totalMinor: order.totalMinor,
      currency: 'EUR',
      lines: order.lines,
    },
  });
  await expect
    .poll(async () => (await outboxRowsFor(order.id))[0]?.sent_at, { timeout: 15_000 })
    .toBeInstanceOf(Date);
});

it('when an order is priced, the product service sees the request id the customer call came with', async () => {
  const { 'blue-mug': mug } = await catalogProducts(service, 'blue-mug');
  const requestId = `checkout-${randomUUID()}`;

  const response = await call(service, 'POST', '/orders', {
    session: await service.auth.sessionCookie(),
    idempotencyKey: randomUUID(),
    requestId,
    body: { address: deliveryAddress, lines: [{ productId: mug!.id, quantity: 1 }] },
  });

  expect(response.status).toBe(201);
  expect(response.headers.get('x-request-id')).toBe(requestId);
  expect(service.productRequests).toContainEqual({ path: '/products/lookup', requestId });
});

it('when 20 requests race with one Idempotency-Key, exactly one order is made and all of them get it', async () => {
  const { 'studio-headphones': headphones } = await catalogProducts(service, 'studio-headphones');
  const session = await service.auth.sessionCookie();
  const idempotencyKey = randomUUID();
  const before = await countRows(service);

  const responses = await Promise.all(
    Array.from({ length: 20 }, () =>
      call(service, 'POST', '/orders', {
        session,
        idempotencyKey,
        body: { address: deliveryAddress, lines: [{ productId: headphones!.id, quantity: 1 }] },
      }),
    ),
  );

  const statuses = responses.map((response) => response.status);
  expect(statuses.filter((status) => status === 201)).toHaveLength(1);
  expect(statuses.filter((status) => status === 200)).toHaveLength(19);
  const orders = await Promise.all(responses.map(async (response) => orderView.parse(await response.json())));
  expect(new Set(orders.map((order) => order.id)).size).toBe(1);
  const after = await countRows(service);
  expect(after.orders - before.orders).toBe(1);
  expect(after.outbox - before.outbox).toBe(1);
  await expect.poll(() => eventsFor(orders[0]!.id).length, { timeout: 15_000, interval: 100 }).toBe(1);
  await sleep(1500);
  expect(eventsFor(orders[0]!.id)).toHaveLength(1);
});

it('when a placed order is retried later with its key, the same order comes back with 200', async () => {
  const { 'merino-beanie': beanie } = await catalogProducts(service, 'merino-beanie');
  const session = await service.auth.sessionCookie();
  const attempt = {
    session,
    idempotencyKey: 'checkout-attempt-1',
    body: { address: deliveryAddress, lines: [{ productId: beanie!.id, quantity: 3 }] },
  };

  const first = await call(service, 'POST', '/orders', attempt);
  const retry = await call(service, 'POST', '/orders', attempt);

  expect(first.status).toBe(201);
  expect(retry.status).toBe(200);
  expect(await retry.json()).toEqual(await first.json());
});

it('when a key is reused for a different order, it answers 422 and makes nothing', async () => {
  const { 'merino-beanie': beanie, 'ribbed-beanie': other } = await catalogProducts(
    service,
    'merino-beanie',
    'ribbed-beanie',
  );
  const session = await service.auth.sessionCookie();
  const idempotencyKey = randomUUID();
  await call(service, 'POST', '/orders', {
    session,
    idempotencyKey,
    body: { address: deliveryAddress, lines: [{ productId: beanie!.id, quantity: 1 }] },
  });
  const before = await countRows(service);

  const reused = await call(service, 'POST', '/orders', {
    session,
    idempotencyKey,
    body: { address: deliveryAddress, lines: [{ productId: other!.id, quantity: 1 }] },
  });

  expect(reused.status).toBe(422);
  expect(problemSchema.parse(await reused.json()).detail).toMatch(/different order/);
  expect(await countRows(service)).toEqual(before);
});

it('when an order names a product the catalog does not sell, it answers 422 and writes nothing', async () => {
  const { 'blue-mug': mug } = await catalogProducts(service, 'blue-mug');
  const session = await service.auth.sessionCookie();
  const unknown = randomUUID();
  const before = await countRows(service);

  const response = await call(service, 'POST', '/orders', {
    session,
    idempotencyKey: randomUUID(),
    body: {
      address: deliveryAddress,
      lines: [
        { productId: mug!.id, quantity: 1 },
        { productId: unknown, quantity: 1 },
      ],
    },
  });

  expect(response.status).toBe(422);
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(problemSchema.parse(await response.json()).detail).toContain(unknown);
  expect(await countRows(service)).toEqual(before);
});
