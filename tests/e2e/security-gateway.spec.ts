import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { gatewayRoutes, internalRoutes, type OpenApiDocument } from '@storefront/service-kit';
import { concretePath, hostileSpellings, sendRaw } from '@storefront/service-kit/probes';
import {
  Visitor,
  baseURL,
  editorAccount,
  newCustomer,
  partUrl,
  products,
  services,
  signIn,
} from './support/storefront.js';

/** Each service's own /openapi.json (services answer it directly; the gateway does not route it). */
async function documents(): Promise<OpenApiDocument[]> {
  return Promise.all(
    services.map(
      async (name) => (await (await fetch(`${partUrl(name)}/openapi.json`)).json()) as OpenApiDocument,
    ),
  );
}

/** `GET /products/<word>` is the public page of a product with that slug: the catalog's own 404, not a route. */
const isProductPage = (method: string, path: string) =>
  method === 'GET' && /^\/products\/[A-Za-z0-9_-]+$/.test(path);

test.describe('the gateway routes only the documented public API', () => {
  test("every internal route of every service's OpenAPI document misses in every spelling and method", async () => {
    const internal = (await documents()).flatMap(internalRoutes);
    expect(internal.map((route) => `${route.method} ${route.path}`)).toEqual(
      expect.arrayContaining(['POST /products/reservations', 'POST /products/lookup']),
    );
    for (const route of internal) {
      const path = concretePath(route.path);
      for (const spelling of [path, ...hostileSpellings(path)]) {
        for (const method of new Set([route.method, 'GET', 'POST', 'DELETE'])) {
          if (isProductPage(method, spelling)) continue;
          const answer = await sendRaw(baseURL(), method, `/api${spelling}`, {
            headers: { 'content-type': 'application/json' },
            body: '{}',
          });
          expect(answer.status, `${method} /api${spelling}`).toBe(404);
          expect(answer.headers['content-type']).toBe('application/problem+json');
        }
      }
    }
  });

  test('every rate-limited route misses in every other spelling, so no spelling escapes the limit', async () => {
    const limited = (await documents()).flatMap(gatewayRoutes).filter((route) => route.rateLimited);
    expect(limited.map((route) => route.path).sort()).toEqual([
      '/users/login',
      '/users/password/forgot',
      '/users/password/reset',
      '/users/register',
    ]);
    for (const route of limited) {
      for (const spelling of hostileSpellings(route.path)) {
        const answer = await sendRaw(baseURL(), route.method, `/api${spelling}`, {
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: `nobody-${randomUUID()}@example.test`, password: 'wrong password' }),
        });
        expect(answer.status, `${route.method} /api${spelling}`).toBe(404);
      }
    }
  });

  test("a stranger cannot hold a product's stock, through the gateway or at the product service itself", async () => {
    // Straight from the product service: the gateway may serve a listing up to 30 s old.
    const stockOf = async (slug: string) =>
      (await (await fetch(`${partUrl('product')}/products/${slug}`)).json()) as { stock: number };
    const [product] = await products(1);
    const before = await stockOf(product!.slug);
    const holdAll = JSON.stringify({
      orderId: randomUUID(),
      lines: [{ productId: product!.id, quantity: Math.max(1, before.stock) }],
    });
    const headers = { 'content-type': 'application/json' };
    for (const path of [
      '/api/products/reservations',
      ...hostileSpellings('/products/reservations').map((p) => `/api${p}`),
    ]) {
      expect((await sendRaw(baseURL(), 'POST', path, { headers, body: holdAll })).status, path).toBe(404);
    }
    // Past the gateway (another pod, a misrouted proxy): the route wants the order service's token.
    const editor = await signIn(editorAccount.email, editorAccount.password);
    const visitors: Record<string, string>[] = [{}, { cookie: editor.cookieHeader() }];
    for (const extra of visitors) {
      const direct = await sendRaw(partUrl('product'), 'POST', '/products/reservations', {
        headers: { ...headers, ...extra },
        body: holdAll,
      });
      expect(direct.status).toBe(401);
    }

    expect((await stockOf(product!.slug)).stock).toBe(before.stock);
  });
});

test.describe('a session that ends ends everywhere', () => {
  test('after "sign out everywhere", the other session of the customer is refused by the order service within a minute', async () => {
    const customer = await newCustomer();
    const phone = await signIn(customer.email, customer.password);
    expect((await phone.get('/api/orders')).status).toBe(200);

    expect((await customer.visitor.post('/api/users/me/sessions/revoke-all')).status).toBe(204);

    await expect.poll(async () => (await phone.get('/api/orders')).status, { timeout: 60_000 }).toBe(401);
    expect((await phone.get('/api/notifications')).status).toBe(401);
  });

  test("an editor's preview token shows drafts no more once the editor signed out", async () => {
    const editor = await signIn(editorAccount.email, editorAccount.password);
    const slug = `preview-${randomUUID().slice(0, 8)}`;
    const created = await editor.post('/api/products', {
      json: {
        slug,
        name: 'Preview Probe',
        description: 'A draft.',
        priceMinor: 1000,
        category: 'kitchen',
        stock: 1,
      },
    });
    expect(created.status, created.body).toBe(201);
    const minted = await editor.post('/api/products/preview-token');
    expect(minted.status).toBe(201);
    const holder = new Visitor();
    holder.cookies.set('sf_preview', editor.cookies.get('sf_preview')!);
    expect((await holder.get(`/api/products/${slug}`)).status).toBe(200);

    expect((await editor.post('/api/users/logout')).status).toBe(204);

    await expect
      .poll(async () => (await holder.get(`/api/products/${slug}`)).status, { timeout: 60_000 })
      .toBe(404);
    const cleaner = await signIn(editorAccount.email, editorAccount.password);
    expect(
      (await cleaner.request('DELETE', `/api/products/manage/${created.json<{ id: string }>().id}`)).status,
    ).toBe(204);
  });
});
