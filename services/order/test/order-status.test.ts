import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderList, orderView, problemSchema } from '@storefront/contracts';
import {
  call,
  catalogProducts,
  consumeOrderEvents,
  startOrderService,
  type OrderService,
  deliveryAddress,
} from './support/order-service.js';

let service: OrderService;
let events: Awaited<ReturnType<typeof consumeOrderEvents>>;
let editor: string;

beforeAll(async () => {
  service = await startOrderService();
  events = await consumeOrderEvents(service.amqpUrl, ['order.*']);
  editor = await service.auth.sessionCookie({ role: 'editor' });
});
afterAll(async () => {
  await events?.close();
  await service?.close();
});

const stockOf = async (slug: string) =>
  (await service.products.pool.query<{ stock: number }>('SELECT stock FROM products WHERE slug = $1', [slug]))
    .rows[0]!.stock;

async function placeMugs(session: string, quantity: number) {
  const { 'blue-mug': mug } = await catalogProducts(service, 'blue-mug');
  const answer = await call(service, 'POST', '/orders', {
    session,
    idempotencyKey: randomUUID(),
    body: { address: deliveryAddress, lines: [{ productId: mug!.id, quantity }] },
  });
  expect(answer.status).toBe(201);
  return orderView.parse(await answer.json());
}

describe('cancelling an order', () => {
  it('when a customer cancels a placed order, it is cancelled, its stock comes back and order.cancelled is published', async () => {
    const customer = await service.auth.sessionCookie();
    const before = await stockOf('blue-mug');
    const order = await placeMugs(customer, 3);
    expect(await stockOf('blue-mug')).toBe(before - 3);

    const answer = await call(service, 'POST', `/orders/${order.id}/cancel`, { session: customer });

    expect(answer.status).toBe(200);
    expect(orderView.parse(await answer.json()).status).toBe('cancelled');
    expect(await stockOf('blue-mug')).toBe(before);
    await expect
      .poll(() => events.received.some((e) => e.type === 'order.cancelled' && e.data.orderId === order.id))
      .toBe(true);
  });

  it('when a cancelled order is cancelled again, it answers 409 and the stock is not given back twice', async () => {
    const customer = await service.auth.sessionCookie();
    const order = await placeMugs(customer, 1);
    expect((await call(service, 'POST', `/orders/${order.id}/cancel`, { session: customer })).status).toBe(
      200,
    );
    const stock = await stockOf('blue-mug');

    const again = await call(service, 'POST', `/orders/${order.id}/cancel`, { session: customer });

    expect(again.status).toBe(409);
    expect(problemSchema.parse(await again.json()).detail).toMatch(/cancelled cannot become cancelled/);
    expect(await stockOf('blue-mug')).toBe(stock);
  });

  it("when a customer tries to cancel someone else's order, it answers 404 and the order stays placed", async () => {
    const owner = await service.auth.sessionCookie();
    const order = await placeMugs(owner, 1);
    const stranger = await service.auth.sessionCookie();

    const answer = await call(service, 'POST', `/orders/${order.id}/cancel`, { session: stranger });

    expect(answer.status).toBe(404);
    const mine = await call(service, 'GET', `/orders/${order.id}`, { session: owner });
    expect(orderView.parse(await mine.json()).status).toBe('placed');
  });

  it('when the cancel request carries no CSRF token, it answers 403 and changes nothing', async () => {
    const customer = await service.auth.sessionCookie();
    const order = await placeMugs(customer, 1);
    const answer = await call(service, 'POST', `/orders/${order.id}/cancel`, {
      session: customer,
      csrf: false,
    });
    expect(answer.status).toBe(403);
    const mine = await call(service, 'GET', `/orders/${order.id}`, { session: customer });
    expect(orderView.parse(await mine.json()).status).toBe('placed');
  });
});

describe('staff moving orders along', () => {
  it('when an editor marks an order paid, shipped and delivered, each step is stored and published', async () => {
    const order = await placeMugs(await service.auth.sessionCookie(), 1);
    for (const status of ['paid', 'shipped', 'delivered'] as const) {
      const answer = await call(service, 'PATCH', `/orders/${order.id}`, {
        session: editor,
        body: { status },
      });
      expect(answer.status).toBe(200);
      expect(orderView.parse(await answer.json()).status).toBe(status);
    }
    await expect
      .poll(() =>
        events.received.filter((e) => 'orderId' in e.data && e.data.orderId === order.id).map((e) => e.type),
      )
      .toEqual(['order.placed', 'order.paid', 'order.shipped', 'order.delivered']);
  });

  it.each([
    ['a shipped order is cancelled', ['paid', 'shipped'], 'cancelled'],
    ['a placed order is shipped', [], 'shipped'],
    ['a placed order is set back to placed', [], 'placed'],
  ] as const)('when %s, it answers 409 or 422 and the status stays', async (_case, path, target) => {
    const order = await placeMugs(await service.auth.sessionCookie(), 1);
    for (const status of path) {
      await call(service, 'PATCH', `/orders/${order.id}`, { session: editor, body: { status } });
    }
    const answer = await call(service, 'PATCH', `/orders/${order.id}`, {
      session: editor,
      body: { status: target },
    });
    expect([409, 422]).toContain(answer.status);
    expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const all = orderList.parse(
      await (await call(service, 'GET', '/orders?scope=all', { session: editor })).json(),
    );
    expect(all.items.find((item) => item.id === order.id)?.status).toBe(path.at(-1) ?? 'placed');
  });

  it('when a customer tries a staff change or the staff listing, it answers 403', async () => {
    const customer = await service.auth.sessionCookie();
    const order = await placeMugs(customer, 1);
    const change = await call(service, 'PATCH', `/orders/${order.id}`, {
      session: customer,
      body: { status: 'paid' },
    });
    expect(change.status).toBe(403);
    expect((await call(service, 'GET', '/orders?scope=all', { session: customer })).status).toBe(403);
    expect((await call(service, 'GET', '/orders?scope=all')).status).toBe(401);
  });

  it("when an editor lists every order, it includes different customers' orders", async () => {
    const first = await placeMugs(await service.auth.sessionCookie(), 1);
    const second = await placeMugs(await service.auth.sessionCookie(), 1);
    const all = orderList.parse(
      await (await call(service, 'GET', '/orders?scope=all', { session: editor })).json(),
    );
    expect(all.items.map((item) => item.id)).toEqual(expect.arrayContaining([first.id, second.id]));
  });
});
