import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cartView, orderView } from '@storefront/contracts';
import { csrf } from '@storefront/testkit';
import {
  call,
  catalogProducts,
  consumeOrderEvents,
  deliveryAddress,
  startOrderService,
  type OrderService,
} from './support/order-service.js';

let service: OrderService;
let events: Awaited<ReturnType<typeof consumeOrderEvents>>;
let mug: { id: string; priceMinor: number };
let blanket: { id: string; priceMinor: number };

beforeAll(async () => {
  service = await startOrderService();
  events = await consumeOrderEvents(service.amqpUrl);
  const products = await catalogProducts(service, 'blue-mug', 'wool-throw-blanket');
  mug = products['blue-mug']!;
  blanket = products['wool-throw-blanket']!;
}, 120_000);

afterAll(async () => {
  await events?.close();
  await service?.close();
});

async function customerWithCart(...lines: [string, number][]) {
  const session = await service.auth.sessionCookie();
  for (const [productId, quantity] of lines) {
    const added = await call(service, 'POST', '/orders/cart/items', {
      session,
      body: { productId, quantity },
    });
    expect(added.status).toBe(200);
  }
  return session;
}

const cartOf = async (session: string) =>
  cartView.parse(await (await call(service, 'GET', '/orders/cart', { session })).json()).items;

describe('placing the cart as an order', () => {
  it('when a customer orders their cart with an address, the order carries both, the event too, and the cart is empty', async () => {
    const session = await customerWithCart([mug.id, 2], [blanket.id, 1]);

    const response = await call(service, 'POST', '/orders', {
      session,
      idempotencyKey: randomUUID(),
      body: { address: { ...deliveryAddress, line2: 'Flat 3' } },
    });

    expect(response.status).toBe(201);
    const order = orderView.parse(await response.json());
    expect(order.lines.map((line) => [line.productId, line.quantity])).toEqual([
      [mug.id, 2],
      [blanket.id, 1],
    ]);
    expect(order.totalMinor).toBe(mug.priceMinor * 2 + blanket.priceMinor);
    expect(order.address).toEqual({ ...deliveryAddress, line2: 'Flat 3' });
    expect(await cartOf(session)).toEqual([]);
    expect(response.headers.getSetCookie()).toContainEqual(
      expect.stringMatching(/^sf_cart=; .*Expires=Thu, 01 Jan 1970/),
    );
    const stored = orderView.parse(
      await (await call(service, 'GET', `/orders/${order.id}`, { session })).json(),
    );
    expect(stored.address).toEqual(order.address);
    await expect
      .poll(() =>
        events.received.find((event) => event.type === 'order.placed' && event.data.orderId === order.id),
      )
      .toMatchObject({ data: { address: order.address, lines: order.lines, totalMinor: order.totalMinor } });
  });

  it('when the cart is empty, ordering it is refused (422) and nothing is stored', async () => {
    const session = await service.auth.sessionCookie();

    const response = await call(service, 'POST', '/orders', {
      session,
      idempotencyKey: randomUUID(),
      body: { address: deliveryAddress },
    });

    expect(response.status).toBe(422);
    const orders = await (await call(service, 'GET', '/orders', { session })).json();
    expect(orders).toEqual({ items: [] });
  });

  it('when the same order of the cart is retried with its key, the first order comes back and no second is made', async () => {
    const session = await customerWithCart([mug.id, 1]);
    const idempotencyKey = randomUUID();
    const place = () =>
      call(service, 'POST', '/orders', { session, idempotencyKey, body: { address: deliveryAddress } });

    const first = orderView.parse(await (await place()).json());
    const retry = await place();

    expect(retry.status).toBe(200);
    expect(orderView.parse(await retry.json()).id).toBe(first.id);
    const other = await call(service, 'POST', '/orders', {
      session,
      idempotencyKey,
      body: { address: { ...deliveryAddress, city: 'Bath' } },
    });
    expect(other.status).toBe(422);
  });

  it('when an order names its lines, the cart is left as it is', async () => {
    const session = await customerWithCart([blanket.id, 1]);

    const response = await call(service, 'POST', '/orders', {
      session,
      idempotencyKey: randomUUID(),
      body: { address: deliveryAddress, lines: [{ productId: mug.id, quantity: 1 }] },
    });

    expect(response.status).toBe(201);
    expect((await cartOf(session)).map((item) => item.productId)).toEqual([blanket.id]);
  });

  it.each([
    ['no address', {}],
    ['an address without a city', { address: { ...deliveryAddress, city: '' } }],
    ['a country that is not a code', { address: { ...deliveryAddress, country: 'England' } }],
  ])('when the order has %s, it answers 400 and the cart stays', async (_case, body) => {
    const session = await customerWithCart([mug.id, 1]);

    const response = await call(service, 'POST', '/orders', { session, idempotencyKey: randomUUID(), body });

    expect(response.status).toBe(400);
    expect(await cartOf(session)).toHaveLength(1);
  });

  it("when the checkout form is posted without JavaScript, the answer is 303 to the order's page", async () => {
    const session = await customerWithCart([mug.id, 3]);

    const response = await call(service, 'POST', '/orders', {
      session,
      csrf: true,
      form: true,
      body: {
        _csrf: csrf.headers['x-csrf-token'],
        idempotencyKey: randomUUID(),
        label: 'Home',
        line1: '12 Harbour Road',
        line2: '',
        city: 'Bristol',
        postalCode: 'BS1 4QA',
        country: 'GB',
      },
    });

    expect(response.status).toBe(303);
    const location = response.headers.get('location') ?? '';
    expect(location).toMatch(/^\/orders\/[0-9a-f-]{36}$/);
    const order = orderView.parse(await (await call(service, 'GET', location, { session })).json());
    expect(order.lines.map((line) => line.quantity)).toEqual([3]);
    expect(order.address).toEqual({
      label: 'Home',
      line1: '12 Harbour Road',
      city: 'Bristol',
      postalCode: 'BS1 4QA',
      country: 'GB',
    });
  });

  it("when someone else asks for the order's page, it is not found (404)", async () => {
    const session = await customerWithCart([mug.id, 1]);
    const placed = await call(service, 'POST', '/orders', {
      session,
      idempotencyKey: randomUUID(),
      body: { address: deliveryAddress },
    });
    const { id } = orderView.parse(await placed.json());

    const stranger = await call(service, 'GET', `/orders/${id}`, {
      session: await service.auth.sessionCookie(),
    });

    expect(stranger.status).toBe(404);
  });
});
