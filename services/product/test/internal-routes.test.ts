import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServiceTokens } from '@storefront/auth';
import { internalRoutes, type OpenApiDocument } from '@storefront/service-kit';
import { concretePath, hostileSpellings, sendRaw } from '@storefront/service-kit/probes';
import { PRODUCT_SERVICE_AUDIENCE } from '../src/app.js';
import { startProductService, type ProductService } from './support/product-service.js';

let service: ProductService;
let internal: { method: string; path: string }[];
let product: { id: string; stock: number };

beforeAll(async () => {
  service = await startProductService();
  const document = (await (await fetch(`${service.url}/openapi.json`)).json()) as OpenApiDocument;
  internal = internalRoutes(document);
  const { rows } = await service.pool.query<{ id: string; stock: number }>(
    `UPDATE products SET stock = 73
      WHERE id = (SELECT id FROM products WHERE status = 'published' ORDER BY slug LIMIT 1)
      RETURNING id, stock`,
  );
  product = rows[0]!;
});

afterAll(async () => {
  await service?.close();
});

const holdEverything = () =>
  JSON.stringify({ orderId: randomUUID(), lines: [{ productId: product.id, quantity: 73 }] });
const json = { 'content-type': 'application/json' };
const stock = async () =>
  (await service.pool.query<{ stock: number }>('SELECT stock FROM products WHERE id = $1', [product.id]))
    .rows[0]!.stock;
const reservations = async () =>
  (await service.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM stock_reservations')).rows[0]!.n;

describe('the internal routes (stock reservations, price lookups)', () => {
  it('when the document is read, it lists the reservations and the lookup as internal', () => {
    expect(internal.map((route) => `${route.method} ${route.path}`)).toEqual([
      'POST /products/lookup',
      'POST /products/reservations',
      'DELETE /products/reservations/{orderId}',
    ]);
  });

  it('when a stranger calls one without a service token, it answers 401 and no stock is held', async () => {
    for (const route of internal) {
      const answer = await sendRaw(service.url, route.method, concretePath(route.path), {
        headers: json,
        body: route.path === '/products/reservations' ? holdEverything() : '{"ids":[]}',
      });
      expect(answer.status, `${route.method} ${route.path}`).toBe(401);
      expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    expect(await stock()).toBe(73);
    expect(await reservations()).toBe(0);
  });

  it('when a stranger calls one in another spelling, it misses (404 or 401) and no stock is held', async () => {
    for (const route of internal) {
      for (const spelling of hostileSpellings(concretePath(route.path))) {
        const answer = await sendRaw(service.url, route.method, spelling, {
          headers: json,
          body: holdEverything(),
        });
        expect([401, 404], `${route.method} ${spelling}`).toContain(answer.status);
      }
    }
    expect(await stock()).toBe(73);
    expect(await reservations()).toBe(0);
  });

  it("when a visitor's session, even an admin's, stands in for a service token, it answers 401", async () => {
    const admin = await service.auth.sessionCookie({ role: 'admin' });
    const token = admin.split('=')[1]!;
    const disguises: Record<string, string>[] = [{ cookie: admin }, { authorization: `Bearer ${token}` }];
    for (const headers of disguises) {
      const answer = await sendRaw(service.url, 'POST', '/products/reservations', {
        headers: { ...json, ...headers },
        body: holdEverything(),
      });
      expect(answer.status).toBe(401);
    }
    expect(await reservations()).toBe(0);
  });

  it('when the token was signed with another secret or is for another service, it answers 401', async () => {
    const foreign = createServiceTokens('not-the-shared-secret-0123456789abcdefghijkl');
    const ours = createServiceTokens('test-service-token-secret-0123456789abcdefghij');
    for (const token of [
      await foreign.issue('order-service', PRODUCT_SERVICE_AUDIENCE),
      await ours.issue('order-service', 'user-service'),
    ]) {
      const answer = await sendRaw(service.url, 'POST', '/products/reservations', {
        headers: { ...json, authorization: `Bearer ${token}` },
        body: holdEverything(),
      });
      expect(answer.status).toBe(401);
    }
  });

  it('when a service other than the order service calls, it answers 403', async () => {
    const answer = await sendRaw(service.url, 'POST', '/products/reservations', {
      headers: { ...json, authorization: await service.serviceAuthorization('notification-service') },
      body: holdEverything(),
    });
    expect(answer.status).toBe(403);
    expect(await reservations()).toBe(0);
  });

  it('when the order service holds stock, a stranger cannot give it back', async () => {
    const orderId = randomUUID();
    const held = await sendRaw(service.url, 'POST', '/products/reservations', {
      headers: { ...json, authorization: await service.serviceAuthorization() },
      body: JSON.stringify({ orderId, lines: [{ productId: product.id, quantity: 2 }] }),
    });
    expect(held.status).toBe(201);

    for (const path of [
      `/products/reservations/${orderId}`,
      `/products/Reservations/${orderId}`,
      `/products/reservations/${orderId}/`,
    ]) {
      expect([401, 404]).toContain((await sendRaw(service.url, 'DELETE', path)).status);
    }

    expect(await stock()).toBe(71);
  });
});

describe('strict routing', () => {
  it('when a public route is asked in another case or with a trailing slash, it answers 404', async () => {
    expect((await sendRaw(service.url, 'GET', '/products')).status).toBe(200);
    for (const path of [
      '/Products',
      '/PRODUCTS',
      '/products/',
      '/products//',
      '/products;x=1',
      '/%70roducts',
    ]) {
      const answer = await sendRaw(service.url, 'GET', path);
      expect(answer.status, path).toBe(404);
      expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
  });
});
