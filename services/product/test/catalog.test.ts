import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  problemSchema,
  productPage,
  productSummary,
  productView,
  type ProductSummary,
} from '@storefront/contracts';
import { productCacheKeys } from '../src/data-access/product-cache.js';
import { productListQuery } from '@storefront/contracts';
import { startProductService, type ProductService } from './support/product-service.js';

let service: ProductService;

beforeAll(async () => {
  service = await startProductService();
});

afterAll(async () => {
  await service?.close();
});

const get = (path: string, headers: Record<string, string> = {}) =>
  fetch(`${service.url}${path}`, { headers });

async function publishedCount(category?: string): Promise<number> {
  const { rows } = await service.pool.query<{ count: number }>(
    `SELECT count(*)::int AS count FROM products WHERE status = 'published' AND ($1::text IS NULL OR category = $1)`,
    [category ?? null],
  );
  return rows[0]!.count;
}

describe('the catalog listing', () => {
  it('when a visitor pages through the seeded catalog, every published product appears on exactly one page', async () => {
    const seen: ProductSummary[] = [];
    let total = Infinity;
    for (let page = 1; seen.length < total; page++) {
      const response = await get(`/products?page=${page}&pageSize=25`);
      expect(response.status).toBe(200);
      const body = productPage.parse(await response.json());
      expect(body.items.length).toBeGreaterThan(0);
      total = body.total;
      seen.push(...body.items);
    }

    expect(total).toBeGreaterThanOrEqual(60);
    expect(total).toBe(await publishedCount());
    expect(new Set(seen.map((product) => product.id)).size).toBe(total);
    expect(new Set(seen.map((product) => product.category)).size).toBeGreaterThanOrEqual(5);
  });

  it('when a visitor filters by category, only that category is listed, all of it', async () => {
    const response = await get('/products?category=audio&pageSize=100');

    const body = productPage.parse(await response.json());
    expect(body.items.length).toBeGreaterThan(0);
    expect(body.items.every((product) => product.category === 'audio')).toBe(true);
    expect(body.total).toBe(await publishedCount('audio'));
    expect(body.items).toHaveLength(body.total);
  });

  it('when a product is still a draft, neither the listing nor its page shows it', async () => {
    const { rows } = await service.pool.query<{ slug: string }>(
      `UPDATE products SET status = 'draft' WHERE slug = 'speckled-mug' RETURNING slug`,
    );
    expect(rows).toHaveLength(1);

    const listing = productPage.parse(await (await get('/products?category=kitchen&pageSize=100')).json());
    const page = await get('/products/speckled-mug');

    expect(listing.items.map((product) => product.slug)).not.toContain('speckled-mug');
    expect(page.status).toBe(404);
  });

  it.each([
    ['a page of zero', '/products?page=0'],
    ['a page size above 100', '/products?pageSize=500'],
    ['a page that is not a number', '/products?page=two'],
    ['a category that is not a slug', '/products?category=Not%20A%20Slug'],
  ])('when the query has %s, the listing answers 400 problem+json naming the field', async (_case, path) => {
    const response = await get(path);

    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = problemSchema.parse(await response.json());
    expect(problem.errors?.length).toBeGreaterThan(0);
  });
});

describe('a product page', () => {
  it('when its timestamps hold microseconds in another zone, it shows them in UTC to the millisecond', async () => {
    const { rows } = await service.pool.query<{ slug: string }>(
      `UPDATE products SET created_at = '2025-03-04 05:06:07.123987+02', published_at = '2025-03-05 00:00:00+00',
         updated_at = '2025-12-31 23:59:59.999999-01'
       WHERE slug = (SELECT slug FROM products WHERE status = 'published' ORDER BY slug DESC LIMIT 1) RETURNING slug`,
    );

    const product = productView.parse(await (await get(`/products/${rows[0]!.slug}`)).json());

    expect(product).toMatchObject({
      createdAt: '2025-03-04T03:06:07.123Z',
      publishedAt: '2025-03-05T00:00:00.000Z',
      updatedAt: '2026-01-01T00:59:59.999Z',
    });
  });

  it('when a visitor opens a product by slug, it answers the product with its image URL', async () => {
    const response = await get('/products/blue-mug');

    expect(response.status).toBe(200);
    const product = productSummary.parse(await response.json());
    expect(product).toMatchObject({
      slug: 'blue-mug',
      name: 'Blue Mug',
      category: 'kitchen',
      currency: 'EUR',
    });
    expect(product.imageUrl).toBe('/api/products/images/blue-mug.svg');
  });

  it('when the slug does not exist, it answers 404 problem+json', async () => {
    const response = await get('/products/no-such-thing');

    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(problemSchema.parse(await response.json())).toMatchObject({ status: 404, title: 'Not Found' });
  });

  it('when a public GET is repeated with its ETag, it is cacheable and answers 304 without a body', async () => {
    const first = await get('/products/blue-mug');
    const etag = first.headers.get('etag');

    expect(first.headers.get('cache-control')).toBe('public, max-age=1, stale-while-revalidate=60');
    expect(etag).toBeTruthy();
    // As a browser revalidates; without a Cache-Control of its own, fetch would add `no-cache` and force a 200.
    const again = await get('/products/blue-mug', { 'if-none-match': etag!, 'cache-control': 'max-age=0' });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    const listing = await get('/products?page=1');
    expect(listing.headers.get('cache-control')).toBe('public, max-age=1, stale-while-revalidate=60');
    expect(listing.headers.get('etag')).toBeTruthy();
  });
});

describe('the Redis cache', () => {
  it('when a product is read twice, the second answer comes from Redis, not from PostgreSQL', async () => {
    const first = productSummary.parse(await (await get('/products/walnut-monitor-stand')).json());
    expect(await service.redis.exists('products:detail:walnut-monitor-stand')).toBe(1);
    // Change the row behind the cache's back: only an answer from Redis can still show the old price.
    await service.pool.query(
      `UPDATE products SET price_minor = price_minor + 1000 WHERE slug = 'walnut-monitor-stand'`,
    );

    const second = productSummary.parse(await (await get('/products/walnut-monitor-stand')).json());

    expect(second.priceMinor).toBe(first.priceMinor);
    const ttl = await service.redis.ttl('products:detail:walnut-monitor-stand');
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(30);
  });

  it('when a listing page is read twice, the second answer comes from Redis under the service key prefix', async () => {
    const first = productPage.parse(await (await get('/products?category=office&page=1&pageSize=5')).json());
    const raw = new Redis(service.redisUrl);
    const generation = (await service.redis.get(productCacheKeys.generation)) ?? '0';
    const key = productCacheKeys.listing(
      generation,
      productListQuery.parse({ category: 'office', page: '1', pageSize: '5' }),
    );
    expect(await raw.exists(`${service.redisPrefix}${key}`)).toBe(1);
    await raw.quit();
    await service.pool.query(`UPDATE products SET name = name || ' (renamed)' WHERE category = 'office'`);

    const second = productPage.parse(await (await get('/products?category=office&page=1&pageSize=5')).json());

    expect(second).toEqual(first);
  });
});
