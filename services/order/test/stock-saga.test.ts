import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RowDataPacket } from 'mysql2/promise';
import { problemSchema } from '@storefront/contracts';
import {
  call,
  catalogProducts,
  countRows,
  startOrderService,
  type OrderService,
  deliveryAddress,
} from './support/order-service.js';

let service: OrderService;

beforeAll(async () => {
  service = await startOrderService();
});
afterAll(async () => {
  await service?.close();
});

async function setStock(slug: string, stock: number) {
  await service.products.pool.query('UPDATE products SET stock = $2 WHERE slug = $1', [slug, stock]);
}
const stockOf = async (slug: string) =>
  (await service.products.pool.query<{ stock: number }>('SELECT stock FROM products WHERE slug = $1', [slug]))
    .rows[0]!.stock;
const heldReservations = async () =>
  (
    await service.products.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM stock_reservations WHERE status = 'reserved'`,
    )
  ).rows[0]!.n;

it('when 50 customers order the last 10 units at once, exactly 10 orders succeed and stock never goes negative', async () => {
  const { 'blue-mug': mug } = await catalogProducts(service, 'blue-mug');
  await setStock('blue-mug', 10);
  const before = await countRows(service);

  const answers = await Promise.all(
    Array.from({ length: 50 }, async (_, i) =>
      call(service, 'POST', '/orders', {
        session: await service.auth.sessionCookie({ id: `racer-${i}`, email: `racer-${i}@example.test` }),
        idempotencyKey: randomUUID(),
        body: { address: deliveryAddress, lines: [{ productId: mug!.id, quantity: 1 }] },
      }),
    ),
  );

  const statuses = answers.map((answer) => answer.status);
  expect(statuses.filter((status) => status === 201)).toHaveLength(10);
  expect(statuses.filter((status) => status === 409)).toHaveLength(40);
  expect(await stockOf('blue-mug')).toBe(0);
  expect((await countRows(service)).orders).toBe(before.orders + 10);
  const refused = answers.find((answer) => answer.status === 409)!;
  expect(problemSchema.parse(await refused.json()).detail).toMatch(/left in stock/);
});

it('when the order cannot be stored after its stock was reserved, the stock goes back and nothing is written', async () => {
  await setStock('speckled-mug', 5);
  const { 'speckled-mug': mug } = await catalogProducts(service, 'speckled-mug');
  const before = await countRows(service);
  const heldBefore = await heldReservations();
  // The outbox write is the last step of the order's transaction: without its table the transaction fails late.
  await service.pool.query('RENAME TABLE outbox TO outbox_away');
  try {
    const answer = await call(service, 'POST', '/orders', {
      session: await service.auth.sessionCookie(),
      idempotencyKey: randomUUID(),
      body: { address: deliveryAddress, lines: [{ productId: mug!.id, quantity: 2 }] },
    });
    expect(answer.status).toBe(500);
    expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await answer.text()).not.toMatch(/outbox|at .+\.js/);
  } finally {
    await service.pool.query('RENAME TABLE outbox_away TO outbox');
  }
  expect(await stockOf('speckled-mug')).toBe(5);
  expect(await heldReservations()).toBe(heldBefore);
  expect(await countRows(service)).toEqual(before);
});

it('when an order totals more than 4.29 billion minor units, it is stored with its exact total', async () => {
  await service.products.pool.query(
    `UPDATE products SET price_minor = 100000000, stock = 1000 WHERE slug = 'blue-mug'`,
  );
  const { 'blue-mug': mug } = await catalogProducts(service, 'blue-mug');
  const answer = await call(service, 'POST', '/orders', {
    session: await service.auth.sessionCookie(),
    idempotencyKey: randomUUID(),
    body: { address: deliveryAddress, lines: [{ productId: mug!.id, quantity: 99 }] },
  });
  expect(answer.status).toBe(201);
  const order = (await answer.json()) as { id: string; userId: string; totalMinor: number };
  expect(order.totalMinor).toBe(9_900_000_000);
  const [rows] = await service.pool.query<RowDataPacket[]>('SELECT total_minor FROM orders WHERE id = ?', [
    order.id,
  ]);
  expect(Number(rows[0]!.total_minor)).toBe(9_900_000_000);
  const read = await call(service, 'GET', `/orders/${order.id}`, {
    session: await service.auth.sessionCookie({ id: order.userId }),
  });
  expect(((await read.json()) as { totalMinor: unknown }).totalMinor).toBe(9_900_000_000);
});
