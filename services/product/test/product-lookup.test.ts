import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { lookupProductsResponse, problemSchema } from '@storefront/contracts';
import { seedCatalog } from '../src/data-access/seed.js';
import { startProductService, type ProductService } from './support/product-service.js';

let service: ProductService;

beforeAll(async () => {
  service = await startProductService();
});

afterAll(async () => {
  await service?.close();
});

const lookup = async (body: unknown) =>
  fetch(`${service.url}/products/lookup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: await service.serviceAuthorization() },
    body: JSON.stringify(body),
  });

async function idsOf(...slugs: string[]): Promise<string[]> {
  const { rows } = await service.pool.query<{ id: string }>(
    'SELECT id FROM products WHERE slug = ANY($1) ORDER BY slug',
    [slugs],
  );
  return rows.map((row) => row.id);
}

it('when the order service looks up ids without a CSRF token, it gets current prices of the known ones only', async () => {
  const known = await idsOf('blue-mug', 'studio-headphones');
  await service.pool.query(`UPDATE products SET price_minor = 1234 WHERE slug = 'blue-mug'`);

  const response = await lookup({ ids: [...known, randomUUID(), known[0]] });

  expect(response.status).toBe(200);
  expect(response.headers.get('cache-control')).toBe('no-store');
  const { items } = lookupProductsResponse.parse(await response.json());
  expect(items.map((item) => item.id).sort()).toEqual([...known].sort());
  expect(items.find((item) => item.slug === 'blue-mug')?.priceMinor).toBe(1234);
});

it('when the lookup body is not a list of uuids, it answers 400 problem+json', async () => {
  const response = await lookup({ ids: ['not-a-uuid'] });

  expect(response.status).toBe(400);
  expect(problemSchema.parse(await response.json()).errors?.[0]?.path).toBe('ids.0');
});

it('when the seed runs again, it adds nothing and changes nothing', async () => {
  const before = await service.pool.query('SELECT id, slug, price_minor FROM products ORDER BY slug');

  const { inserted } = await seedCatalog(service.pool);

  const after = await service.pool.query('SELECT id, slug, price_minor FROM products ORDER BY slug');
  expect(inserted).toBe(0);
  expect(after.rows).toEqual(before.rows);
  expect(after.rows.length).toBeGreaterThanOrEqual(60);
});

it('when PostgreSQL, Redis and the broker answer, the service reports ready', async () => {
  const response = await fetch(`${service.url}/readyz`);

  expect(response.status).toBe(200);
  expect(await response.json()).toMatchObject({
    status: 'ready',
    checks: { postgres: 'ok', redis: 'ok', broker: 'ok' },
  });
});
