import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeEvent, problemSchema, productSummary, stockReservation } from '@storefront/contracts';
import { createBroker } from '@storefront/messaging';
import { createLogger } from '@storefront/service-kit';
import { startProductService, type ProductService } from './support/product-service.js';

let service: ProductService;

beforeAll(async () => {
  service = await startProductService();
});
afterAll(async () => {
  await service?.close();
});

const used: string[] = [];

/** A published product no other test of this file has touched, its stock set to `stock`. */
async function productWithStock(stock: number) {
  const { rows } = await service.pool.query<{ id: string; slug: string }>(
    `UPDATE products SET stock = $1
      WHERE id = (SELECT id FROM products WHERE status = 'published' AND NOT (id = ANY($2::uuid[]))
                  ORDER BY slug LIMIT 1)
      RETURNING id, slug`,
    [stock, used],
  );
  used.push(rows[0]!.id);
  return rows[0]!;
}

const stockOf = async (id: string) =>
  (await service.pool.query<{ stock: number }>('SELECT stock FROM products WHERE id = $1', [id])).rows[0]!
    .stock;

const reserve = async (body: unknown) =>
  fetch(`${service.url}/products/reservations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: await service.serviceAuthorization() },
    body: JSON.stringify(body),
  });
const release = async (orderId: string) =>
  fetch(`${service.url}/products/reservations/${orderId}`, {
    method: 'DELETE',
    headers: { authorization: await service.serviceAuthorization() },
  });

describe('stock reservations for orders', () => {
  it('when 50 orders race for the last 10 units, exactly 10 get one and stock ends at zero, never below', async () => {
    const product = await productWithStock(10);
    const answers = await Promise.all(
      Array.from({ length: 50 }, () =>
        reserve({ orderId: randomUUID(), lines: [{ productId: product.id, quantity: 1 }] }),
      ),
    );
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 201)).toHaveLength(10);
    expect(statuses.filter((status) => status === 409)).toHaveLength(40);
    expect(await stockOf(product.id)).toBe(0);
  });

  it('when one line is short, nothing of the other lines is taken and the answer names the product', async () => {
    const plenty = await productWithStock(5);
    const scarce = await productWithStock(1);
    const answer = await reserve({
      orderId: randomUUID(),
      lines: [
        { productId: plenty.id, quantity: 2 },
        { productId: scarce.id, quantity: 2 },
      ],
    });
    expect(answer.status).toBe(409);
    expect(answer.headers.get('content-type')).toContain('application/problem+json');
    expect(problemSchema.parse(await answer.json()).detail).toMatch(/only 1 of ".+" left/i);
    expect(await stockOf(plenty.id)).toBe(5);
    expect(await stockOf(scarce.id)).toBe(1);
  });

  it('when the order service retries a reservation, stock is taken once; released twice, it comes back once', async () => {
    const product = await productWithStock(4);
    const orderId = randomUUID();
    const body = { orderId, lines: [{ productId: product.id, quantity: 3 }] };
    expect((await reserve(body)).status).toBe(201);
    const again = await reserve(body);
    expect(again.status).toBe(200);
    expect(stockReservation.parse(await again.json()).status).toBe('reserved');
    expect(await stockOf(product.id)).toBe(1);

    expect((await release(orderId)).status).toBe(204);
    expect((await release(orderId)).status).toBe(204);
    expect(await stockOf(product.id)).toBe(4);
  });

  it("when an order.cancelled event arrives, the order's reserved stock comes back once", async () => {
    const product = await productWithStock(6);
    const orderId = randomUUID();
    expect((await reserve({ orderId, lines: [{ productId: product.id, quantity: 4 }] })).status).toBe(201);
    const broker = await createBroker({ url: service.amqpUrl, logger: createLogger('test', 'silent') });
    try {
      const cancelled = makeEvent('order.cancelled', { orderId, userId: 'someone', totalMinor: 100 });
      await broker.publish(cancelled);
      await broker.publish(cancelled);
      await expect.poll(() => stockOf(product.id)).toBe(6);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await stockOf(product.id)).toBe(6);
    } finally {
      await broker.close();
    }
  });

  it('when stock changes, the cached product page shows the new figure at once', async () => {
    const product = await productWithStock(7);
    const read = async () =>
      productSummary.parse(await (await fetch(`${service.url}/products/${product.slug}`)).json());
    expect((await read()).stock).toBe(7);
    expect(
      (await reserve({ orderId: randomUUID(), lines: [{ productId: product.id, quantity: 2 }] })).status,
    ).toBe(201);
    expect((await read()).stock).toBe(5);
  });

  it.each([
    ['no lines', { orderId: randomUUID(), lines: [] }],
    ['a zero quantity', { orderId: randomUUID(), lines: [{ productId: randomUUID(), quantity: 0 }] }],
    ['an order id that is not a uuid', { orderId: 'x', lines: [{ productId: randomUUID(), quantity: 1 }] }],
    [
      'one product twice',
      {
        orderId: randomUUID(),
        lines: [
          { productId: '00000000-0000-4000-8000-000000000001', quantity: 1 },
          { productId: '00000000-0000-4000-8000-000000000001', quantity: 1 },
        ],
      },
    ],
  ])('when the request has %s, it answers 400 and reserves nothing', async (_case, body) => {
    const before = await service.pool.query('SELECT count(*)::int AS n FROM stock_reservations');
    const answer = await reserve(body);
    expect(answer.status).toBe(400);
    expect(answer.headers.get('content-type')).toContain('application/problem+json');
    const after = await service.pool.query('SELECT count(*)::int AS n FROM stock_reservations');
    expect(after.rows[0]).toEqual(before.rows[0]);
  });
});
