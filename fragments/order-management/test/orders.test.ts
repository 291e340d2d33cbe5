import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csrf } from '@storefront/testkit';
import { cancelOrder } from '../src/ui/cancel-order.js';
// The REAL order service in-process (MariaDB, RabbitMQ, and the real product service behind it).
import {
  call,
  catalogProducts,
  deliveryAddress,
  startOrderService,
  type OrderService,
} from '../../../services/order/test/support/order-service.js';
import {
  hydrationState,
  spawnBuiltPodlet,
  testIds,
  visibleText,
  type SpawnedPodlet,
} from './support/built-podlet.js';

describe('the order list and order pages, against the real order service', () => {
  let service: OrderService;
  let podlet: SpawnedPodlet;
  let customer: string;
  let staff: string;
  let mugId: string;

  const page = (path: string, session?: string) =>
    fetch(`${podlet.url}${path}`, {
      headers: { ...csrf.page, ...(session ? { cookie: `${session}; ${csrf.cookie}` } : {}) },
    });

  async function placeOrder(session: string, quantity: number): Promise<{ id: string }> {
    const answer = await call(service, 'POST', '/orders', {
      session,
      idempotencyKey: randomUUID(),
      body: { address: deliveryAddress, lines: [{ productId: mugId, quantity }] },
    });
    expect(answer.status).toBe(201);
    return (await answer.json()) as { id: string };
  }

  beforeAll(async () => {
    service = await startOrderService();
    podlet = await spawnBuiltPodlet({ orderServiceUrl: service.url });
    customer = await service.auth.sessionCookie({ name: 'Ada Customer' });
    staff = await service.auth.sessionCookie({ role: 'admin' });
    mugId = (await catalogProducts(service, 'blue-mug'))['blue-mug']!.id;
  }, 120_000);

  afterAll(async () => {
    await podlet?.stop();
    await service?.close();
  });

  it('when a signed-in customer opens /orders, each order is a row with its link, total and status', async () => {
    const first = await placeOrder(customer, 1);
    const second = await placeOrder(customer, 2);
    const shipped = await placeOrder(customer, 1);
    for (const status of ['paid', 'shipped'])
      await call(service, 'PATCH', `/orders/${shipped.id}`, { session: staff, body: { status } });

    const response = await page('/orders', customer);
    const html = await response.text();

    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    expect(html).toContain('<h2 id="orders-heading"');
    const rows = testIds(html, 'order-row');
    expect(rows).toHaveLength(3);
    for (const order of [first, second, shipped]) {
      expect(html).toContain(`href="/account/orders/${order.id}"`);
      expect(visibleText(html)).toContain(`Order ${order.id.slice(0, 8)}`);
    }
    const statuses = testIds(html, 'order-status');
    expect(statuses).toHaveLength(3);
    expect(visibleText(html)).toMatch(/Shipped/);
    expect(visibleText(html)).toMatch(/Placed/);
    expect(hydrationState(html)).toMatchObject({ view: { page: 'orders', orders: { kind: 'ok' } } });
    // The owner's id is not part of what the page carries.
    expect(html).not.toContain('"userId"');
  });

  it('when the customer opens a placed order, its lines, total, status and a cancel form that works without JavaScript are there', async () => {
    const order = await placeOrder(customer, 3);

    const html = await (await page(`/orders/${order.id}`, customer)).text();
    const text = visibleText(html);

    expect(text).toContain(`Order ${order.id}`);
    expect(text).toContain('Status: Placed');
    expect(testIds(html, 'order-line')).toHaveLength(1);
    expect(text).toMatch(/Blue mug 3 €\d+\.\d\d €\d+\.\d\d Total/i);
    expect(testIds(html, 'order-total')).toHaveLength(1);
    expect(html).toMatch(new RegExp(`<form[^>]*method="post"[^>]*action="/api/orders/${order.id}/cancel"`));
    expect(html).toContain(`<input type="hidden" name="_csrf" value="${csrf.token}"`);
    expect(html).toContain(`<input type="hidden" name="_redirect" value="/account/orders/${order.id}"`);
    expect(testIds(html, 'cancel-order')[0]).toMatch(/type="submit"/);
    expect(text).toContain('Cancel order');
    expect(text).toContain('Delivery address Home 12 Harbour Road BS1 4QA Bristol GB');
  });

  it('when the cancel form is posted as a browser does, the service answers 303 back to the page, which then shows Cancelled and no button', async () => {
    const order = await placeOrder(customer, 1);
    const form = new URLSearchParams({ _csrf: csrf.token, _redirect: `/account/orders/${order.id}` });

    const answer = await fetch(`${service.url}/orders/${order.id}/cancel`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `${customer}; ${csrf.cookie}` },
      body: form,
    });

    expect(answer.status).toBe(303);
    expect(answer.headers.get('location')).toBe(`/account/orders/${order.id}`);
    const html = await (await page(`/orders/${order.id}`, customer)).text();
    expect(visibleText(html)).toContain('Status: Cancelled');
    expect(testIds(html, 'cancel-order')).toHaveLength(0);
  });

  it('when cancelling fails with 409 (the order moved on), the problem detail is what the visitor reads', async () => {
    const order = await placeOrder(customer, 1);
    for (const status of ['paid', 'shipped'])
      await call(service, 'PATCH', `/orders/${order.id}`, { session: staff, body: { status } });
    // The browser's fetch, pointed at the service where nginx would route /api/orders.
    const send = ((url: string, init: RequestInit) =>
      fetch(url.replace('/api', service.url), {
        ...init,
        headers: { ...(init.headers as Record<string, string>), cookie: `${customer}; ${csrf.cookie}` },
      })) as typeof fetch;

    const outcome = await cancelOrder(order.id, csrf.headers, send);

    expect(outcome.kind).toBe('failed');
    const detail = (outcome as { detail: string }).detail;
    expect(detail.length).toBeGreaterThan(0);
    expect(detail).not.toMatch(/could not be cancelled \(409\)/);
    // A shipped order offers no button in the first place.
    const html = await (await page(`/orders/${order.id}`, customer)).text();
    expect(visibleText(html)).toContain('Status: Shipped');
    expect(testIds(html, 'cancel-order')).toHaveLength(0);

    const paid = await placeOrder(customer, 1);
    await call(service, 'PATCH', `/orders/${paid.id}`, { session: staff, body: { status: 'paid' } });
    expect(testIds(await (await page(`/orders/${paid.id}`, customer)).text(), 'cancel-order')).toHaveLength(
      1,
    );
  });

  it("when someone opens another customer's order or a made-up id, it is not found", async () => {
    const order = await placeOrder(customer, 1);
    const stranger = await service.auth.sessionCookie();

    for (const path of [`/orders/${order.id}`, '/orders/not-an-id']) {
      const response = await page(path, stranger);
      expect(response.status).toBe(200);
      expect(visibleText(await response.text())).toContain('Order not found');
    }
  });

  it('when the visitor is signed out, /orders and an order page ask them to sign in', async () => {
    const list = await (await page('/orders')).text();
    const detail = await (await page(`/orders/${randomUUID()}`)).text();

    expect(visibleText(list)).toContain('Sign in to see your orders. Sign in');
    expect(list).toContain('<a href="/signin">Sign in</a>');
    expect(visibleText(detail)).toContain('Sign in to see this order.');
    // A forged session is refused by the order service: the same message.
    const forged = await (await page('/orders', 'sf_session=forged.token.value')).text();
    expect(visibleText(forged)).toContain('Sign in to see your orders.');
  });

  it('when the order service is down, /orders still answers 200 saying the orders are unavailable', async () => {
    const lonely = await spawnBuiltPodlet({ orderServiceUrl: 'http://127.0.0.1:9' });
    try {
      const response = await fetch(`${lonely.url}/orders`, { headers: { cookie: customer } });
      expect(response.status).toBe(200);
      expect(visibleText(await response.text())).toContain('Your orders are unavailable right now.');
    } finally {
      await lonely.stop();
    }
  });
});

describe('the cart and checkout without JavaScript, against the real order service', () => {
  let service: OrderService;
  let podlet: SpawnedPodlet;
  let mug: { id: string; name: string };

  const page = (path: string, cookies: string[]) =>
    fetch(`${podlet.url}${path}`, {
      headers: { ...csrf.page, cookie: [...cookies, csrf.cookie].join('; ') },
    });

  /** A browser's form post to the order service: the fields, the CSRF cookie, no redirect followed. */
  const post = (path: string, cookies: string[], fields: Record<string, string>) =>
    fetch(`${service.url}${path}`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        cookie: [...cookies, csrf.cookie].join('; '),
      },
      body: new URLSearchParams({ _csrf: csrf.token, ...fields }),
    });

  const cookieOf = (response: Response, name: string) =>
    response.headers
      .getSetCookie()
      .find((line) => line.startsWith(`${name}=`))
      ?.split(';')[0];

  beforeAll(async () => {
    service = await startOrderService();
    podlet = await spawnBuiltPodlet({ orderServiceUrl: service.url });
    mug = (await catalogProducts(service, 'blue-mug'))['blue-mug']!;
  }, 120_000);

  afterAll(async () => {
    await podlet?.stop();
    await service?.close();
  });

  it("when a visitor's cart is on the server, /cart renders the server's cart, whatever the mirror cookie says", async () => {
    const added = await post('/orders/cart/items', [], { productId: mug.id, quantity: '2' });
    expect(added.status).toBe(303);
    const cartId = cookieOf(added, 'sf_cart_id')!;

    const html = await (await page('/cart', [cartId, 'sf_cart=%5B%5D'])).text();

    expect(testIds(html, 'cart-line')).toHaveLength(1);
    expect(visibleText(html)).toContain(`${mug.name} Quantity of ${mug.name}`);
    expect(testIds(html, 'quantity')[0]).toMatch(/value="2"/);
  });

  it('when a customer goes from cart to checkout to "Place order" by form posts, the order page shows the lines, total, address and status', async () => {
    const visitorAdd = await post('/orders/cart/items', [], { productId: mug.id, quantity: '1' });
    const cartId = cookieOf(visitorAdd, 'sf_cart_id')!;
    const customer = await service.auth.sessionCookie({ name: 'Grace Customer' });
    // Signed in now: the checkout's render is the customer's first cart request, so the visitor's cart joins theirs.
    const review = await (
      await page('/checkout?address=new&line1=12+Harbour+Road&city=Bristol&postalCode=BS1+4QA&country=gb', [
        customer,
        cartId,
      ])
    ).text();
    expect(visibleText(review)).toContain(`${mug.name} × 1`);
    const fields = Object.fromEntries(
      [...review.matchAll(/<input[^>]* type="hidden" name="([^"]+)" value="([^"]*)"/g)].map(
        ([, name, value]) => [name!, value!],
      ),
    );

    const placed = await post('/orders', [customer], fields);

    expect(placed.status).toBe(303);
    const location = placed.headers.get('location')!;
    expect(location).toMatch(/^\/orders\/[0-9a-f-]{36}$/);
    const order = await (await page(location, [customer])).text();
    const text = visibleText(order);
    expect(text).toContain('Status: Placed');
    expect(testIds(order, 'order-line')).toHaveLength(1);
    expect(text).toContain(`${mug.name} 1`);
    expect(text).toContain('Delivery address New address 12 Harbour Road BS1 4QA Bristol GB');
    const emptied = await (await page('/cart', [customer])).text();
    expect(visibleText(emptied)).toContain('Your cart is empty.');
  });
});
