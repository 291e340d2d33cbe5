import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RowDataPacket } from 'mysql2/promise';
import { cartView, decodeCartMirror, MAX_CART_LINES, problemSchema } from '@storefront/contracts';
import { csrf } from '@storefront/testkit';
import { createCartsRepository } from '../src/data-access/carts-repository.js';
import { call, catalogProducts, startOrderService, type OrderService } from './support/order-service.js';

/** What a no-JS form posts as `_csrf`: the page's token, the same as the visitor's CSRF cookie. */
const formCsrf = csrf.headers['x-csrf-token'];

let service: OrderService;
let mug: { id: string; slug: string; name: string; priceMinor: number };
let blanket: { id: string; slug: string; name: string; priceMinor: number };

beforeAll(async () => {
  service = await startOrderService({ newCartsPerMinute: 1000 });
  const products = await catalogProducts(service, 'blue-mug', 'wool-throw-blanket');
  mug = products['blue-mug']!;
  blanket = products['wool-throw-blanket']!;
}, 120_000);

afterAll(async () => {
  await service?.close();
});

/** The cookies an answer sets, by name: value and attributes as sent. */
function setCookies(response: Response): Map<string, string> {
  return new Map(
    response.headers.getSetCookie().map((line) => [line.slice(0, line.indexOf('=')), line] as const),
  );
}

const cookieValue = (line: string | undefined) => line?.slice(line.indexOf('=') + 1, line.indexOf(';'));

async function cartOf(response: Response) {
  expect(response.status, await response.clone().text()).toBe(200);
  return cartView.parse(await response.json()).items;
}

/** A visitor with a cart: the cookie the order service gave them for their first addition. */
async function visitorWith(productId: string, quantity: number): Promise<string> {
  const response = await call(service, 'POST', '/orders/cart/items', { body: { productId, quantity } });
  expect(response.status).toBe(200);
  return `sf_cart_id=${cookieValue(setCookies(response).get('sf_cart_id'))}`;
}

async function cartRowsOfVisitor(cookie: string) {
  const [rows] = await service.pool.query<RowDataPacket[]>(
    "SELECT id FROM carts WHERE owner_kind = 'visitor' AND owner_id = ?",
    [cookie.slice('sf_cart_id='.length)],
  );
  return rows.length;
}

describe("a visitor's cart", () => {
  it('when a visitor adds a product, the answer is the cart at catalog prices, with an HttpOnly random cart id and the display mirror', async () => {
    const response = await call(service, 'POST', '/orders/cart/items', {
      body: { productId: mug.id, quantity: 2 },
    });

    const items = await cartOf(response);
    expect(items).toEqual([
      {
        productId: mug.id,
        slug: 'blue-mug',
        name: mug.name,
        priceMinor: mug.priceMinor,
        currency: 'EUR',
        quantity: 2,
      },
    ]);
    const cookies = setCookies(response);
    expect(cookies.get('sf_cart_id')).toMatch(
      /^sf_cart_id=[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}; Max-Age=2592000; Path=\/; .*HttpOnly; SameSite=Lax$/,
    );
    expect(cookies.get('sf_cart')).not.toMatch(/HttpOnly/);
    expect(decodeCartMirror(cookieValue(cookies.get('sf_cart')))).toEqual(items);
    expect(response.headers.get('cache-control')).toBe('private, no-store');
  });

  it('when the visitor comes back with the cookie, adds more and changes quantities, the same cart follows and no new id is set', async () => {
    const visitor = await visitorWith(mug.id, 1);

    const grown = await call(service, 'POST', '/orders/cart/items', {
      cookies: [visitor],
      body: { productId: mug.id, quantity: 98 },
    });
    expect(setCookies(grown).has('sf_cart_id')).toBe(false);
    expect((await cartOf(grown))[0]!.quantity).toBe(99);

    await call(service, 'POST', '/orders/cart/items', {
      cookies: [visitor],
      body: { productId: blanket.id },
    });
    const changed = await call(service, 'PUT', `/orders/cart/items/${mug.id}`, {
      cookies: [visitor],
      body: { quantity: 3 },
    });
    expect((await cartOf(changed)).map((item) => [item.slug, item.quantity])).toEqual([
      ['blue-mug', 3],
      ['wool-throw-blanket', 1],
    ]);
    const read = await cartOf(await call(service, 'GET', '/orders/cart', { cookies: [visitor] }));
    expect(read.map((item) => item.quantity)).toEqual([3, 1]);
  });

  it('when the last line is removed, the cart is empty and the mirror cookie is cleared', async () => {
    const visitor = await visitorWith(mug.id, 1);

    const response = await call(service, 'DELETE', `/orders/cart/items/${mug.id}`, { cookies: [visitor] });

    expect(await cartOf(response)).toEqual([]);
    expect(setCookies(response).get('sf_cart')).toMatch(/^sf_cart=; .*Expires=Thu, 01 Jan 1970/);
  });

  it('when the browser posts forms (no JavaScript), each change answers 303 back to its page', async () => {
    const added = await call(service, 'POST', '/orders/cart/items', {
      form: true,
      cookies: [],
      body: { _csrf: formCsrf, productId: mug.id, quantity: '2' },
    });
    expect(added.status).toBe(303);
    expect(added.headers.get('location')).toBe('/');
    const visitor = `sf_cart_id=${cookieValue(setCookies(added).get('sf_cart_id'))}`;

    const changed = await call(service, 'POST', `/orders/cart/items/${mug.id}`, {
      form: true,
      cookies: [visitor],
      body: {
        _csrf: formCsrf,
        _method: 'PUT',
        _redirect: '/cart',
        quantity: '5',
      },
    });
    expect(changed.status).toBe(303);
    expect(changed.headers.get('location')).toBe('/cart');
    expect(decodeCartMirror(cookieValue(setCookies(changed).get('sf_cart')))[0]!.quantity).toBe(5);

    const removed = await call(service, 'POST', `/orders/cart/items/${mug.id}`, {
      form: true,
      cookies: [visitor],
      body: { _csrf: formCsrf, _method: 'DELETE' },
    });
    expect(removed.status).toBe(303);
    expect(await cartOf(await call(service, 'GET', '/orders/cart', { cookies: [visitor] }))).toEqual([]);
  });

  it('when a change comes without the CSRF pair, it is refused (403) and no cart is made', async () => {
    const response = await call(service, 'POST', '/orders/cart/items', {
      csrf: false,
      body: { productId: mug.id },
    });

    expect(response.status).toBe(403);
    expect(setCookies(response).has('sf_cart_id')).toBe(false);
  });

  it.each([
    ['a quantity of zero', { quantity: 0 }],
    ['a quantity of 100', { quantity: 100 }],
    ['a quantity that is not a number', { quantity: 'lots' }],
    ['a product id that is not a uuid', { productId: 'blue-mug' }],
  ])('when an addition has %s, it answers 400 naming the field', async (_case, change) => {
    const response = await call(service, 'POST', '/orders/cart/items', {
      body: { productId: mug.id, quantity: 1, ...change },
    });

    expect(response.status).toBe(400);
    const problem = problemSchema.parse(await response.json());
    expect(problem.errors?.map((error) => error.path)).toEqual([Object.keys(change)[0]]);
    expect(setCookies(response).has('sf_cart_id')).toBe(false);
  });

  it('when a product is not for sale, the addition is refused (422) and no cart cookie is set', async () => {
    const response = await call(service, 'POST', '/orders/cart/items', { body: { productId: randomUUID() } });

    expect(response.status).toBe(422);
    expect(setCookies(response).has('sf_cart_id')).toBe(false);
  });

  it('when a quantity is set for a product not in the cart, it answers 404', async () => {
    const visitor = await visitorWith(mug.id, 1);

    const response = await call(service, 'PUT', `/orders/cart/items/${blanket.id}`, {
      cookies: [visitor],
      body: { quantity: 2 },
    });

    expect(response.status).toBe(404);
  });

  it('when a cart cookie names no cart (forged, or long gone), the cart is simply empty', async () => {
    for (const cookie of [`sf_cart_id=${randomUUID()}`, 'sf_cart_id=../../etc', 'sf_cart_id=']) {
      const response = await call(service, 'GET', '/orders/cart', { cookies: [cookie] });
      expect(await cartOf(response), cookie).toEqual([]);
    }
  });

  it('when a cart holds 50 products, a 51st is refused while more of one already there is not', async () => {
    const carts = createCartsRepository(service.pool);
    const owner = { kind: 'visitor' as const, id: randomUUID() };
    const line = (productId: string) => ({
      productId,
      slug: 'p',
      name: 'P',
      priceMinor: 100,
      currency: 'EUR' as const,
      quantity: 1,
    });
    const ids = Array.from({ length: MAX_CART_LINES }, () => randomUUID());
    for (const id of ids) expect(await carts.add(owner, line(id))).toBe('added');

    expect(await carts.add(owner, line(randomUUID()))).toBe('full');
    expect(await carts.add(owner, line(ids[0]!))).toBe('added');
    expect((await carts.lines(owner)).length).toBe(MAX_CART_LINES);
  });

  it('when one address makes more new carts a minute than allowed, the next is refused (429)', async () => {
    const limited = await startOrderService({ newCartsPerMinute: 2 });
    try {
      const { 'blue-mug': product } = await catalogProducts(limited, 'blue-mug');
      const add = () => call(limited, 'POST', '/orders/cart/items', { body: { productId: product!.id } });
      expect((await add()).status).toBe(200);
      expect((await add()).status).toBe(200);

      const refused = await add();

      expect(refused.status).toBe(429);
      expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    } finally {
      await limited.close();
    }
  }, 120_000);
});

describe('a customer signing in with a cart', () => {
  it("when a customer's first cart request carries a visitor's cart, it joins theirs (quantities add up) and the visitor's is deleted", async () => {
    const customer = await service.auth.sessionCookie();
    await call(service, 'POST', '/orders/cart/items', {
      session: customer,
      body: { productId: mug.id, quantity: 2 },
    });
    const visitor = await visitorWith(mug.id, 3);
    await call(service, 'POST', '/orders/cart/items', {
      cookies: [visitor],
      body: { productId: blanket.id },
    });

    const response = await call(service, 'GET', '/orders/cart', { session: customer, cookies: [visitor] });

    expect((await cartOf(response)).map((item) => [item.slug, item.quantity])).toEqual([
      ['blue-mug', 5],
      ['wool-throw-blanket', 1],
    ]);
    expect(setCookies(response).get('sf_cart_id')).toMatch(/^sf_cart_id=; .*Expires=Thu, 01 Jan 1970/);
    expect(await cartRowsOfVisitor(visitor)).toBe(0);
    const again = await call(service, 'GET', '/orders/cart', { session: customer, cookies: [visitor] });
    expect((await cartOf(again)).map((item) => item.quantity)).toEqual([5, 1]);
  });

  it("when two requests merge the same visitor's cart at once, its lines are counted once", async () => {
    const customer = await service.auth.sessionCookie();
    const visitor = await visitorWith(mug.id, 4);

    await Promise.all(
      Array.from({ length: 4 }, () =>
        call(service, 'GET', '/orders/cart', { session: customer, cookies: [visitor] }),
      ),
    );

    const cart = await cartOf(await call(service, 'GET', '/orders/cart', { session: customer }));
    expect(cart.map((item) => item.quantity)).toEqual([4]);
  });

  it('when a customer signs out, their cart stays theirs: the visitor after them starts empty', async () => {
    const customer = await service.auth.sessionCookie();
    await call(service, 'POST', '/orders/cart/items', { session: customer, body: { productId: mug.id } });

    const signedOut = await call(service, 'GET', '/orders/cart');

    expect(await cartOf(signedOut)).toEqual([]);
  });
});
