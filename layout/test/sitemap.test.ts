import { generateAuthKeyPair } from '@storefront/auth';
import { sitemapEntriesQuery } from '@storefront/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { get, startStub, type Stub } from '../../nginx/test/gateway.js';
import { freePort, startLayout, type RunningLayout } from './support.js';

/** A catalog past two sitemap files: 50,000 + 50,000 + 7 products, named so that slug order is index order. */
const PRODUCTS = 100_007;
const slugAt = (i: number) => `product-${String(i).padStart(6, '0')}`;

describe('sitemap.xml for a large catalog', () => {
  let products: Stub;
  let layout: RunningLayout;
  let down = false;

  beforeAll(async () => {
    // The product service's /products/sitemap.json: published slugs in order, from an offset or after a slug.
    products = await startStub((req, res) => {
      const url = new URL(req.url, 'http://products');
      const json = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (down) return json(503, { status: 503, title: 'Service Unavailable' });
      if (url.pathname === '/products/categories')
        return json(200, { items: [{ slug: 'kitchen', name: 'Kitchen' }] });
      if (url.pathname !== '/products/sitemap.json') return json(404, { status: 404, title: 'Not Found' });
      if (!sitemapEntriesQuery.safeParse(Object.fromEntries(url.searchParams)).success)
        return json(400, { status: 400, title: 'Bad Request' });
      const limit = Number(url.searchParams.get('limit') ?? 1000);
      const after = url.searchParams.get('after');
      const start = after
        ? Number(after.slice('product-'.length)) + 1
        : Number(url.searchParams.get('offset') ?? 0);
      const end = Math.min(PRODUCTS, start + limit);
      const items = Array.from({ length: Math.max(0, end - start) }, (_, k) => ({
        slug: slugAt(start + k),
        updatedAt: '2025-01-02T03:04:05.000Z',
      }));
      json(200, { total: PRODUCTS, items });
    });
    const keys = await generateAuthKeyPair();
    layout = await startLayout({
      PRODUCT_SERVICE_URL: products.url,
      GATEWAY_URL: 'https://shop.example',
      PRODUCT_CATALOG_URL: `http://127.0.0.1:${await freePort()}`,
      ORDER_MANAGEMENT_URL: `http://127.0.0.1:${await freePort()}`,
      USER_DASHBOARD_URL: `http://127.0.0.1:${await freePort()}`,
      AUTH_PUBLIC_KEY: keys.publicKey,
      COOKIE_SECURE: 'false',
    });
  });

  afterAll(async () => {
    await layout?.stop();
    await products?.close();
  });

  it('when the catalog holds over 100,000 products, sitemap.xml is an index of files of at most 50,000 URLs', async () => {
    const index = await get(`${layout.url}/sitemap.xml`);

    expect(index.status).toBe(200);
    expect(index.headers['content-type']).toContain('xml');
    // nginx keeps a good sitemap for ten seconds: a crawler's burst costs one walk.
    expect(index.headers['x-accel-expires']).toBe('10');
    expect([...index.body.matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => match[1])).toEqual([
      'https://shop.example/sitemaps/pages.xml',
      'https://shop.example/sitemaps/products-1.xml',
      'https://shop.example/sitemaps/products-2.xml',
      'https://shop.example/sitemaps/products-3.xml',
    ]);
  });

  it('when a product file is read, it holds its own 50,000 products in order, fetched in bounded batches', async () => {
    products.requests.length = 0;

    const second = await get(`${layout.url}/sitemaps/products-2.xml`);
    const last = await get(`${layout.url}/sitemaps/products-3.xml`);

    const secondLocs = [...second.body.matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => match[1]);
    expect(second.status).toBe(200);
    expect(secondLocs).toHaveLength(50_000);
    expect(secondLocs[0]).toBe(`https://shop.example/products/${slugAt(50_000)}`);
    expect(secondLocs.at(-1)).toBe(`https://shop.example/products/${slugAt(99_999)}`);
    expect(second.body).toContain('<lastmod>2025-01-02T03:04:05.000Z</lastmod>');
    expect(second.body.trimEnd().endsWith('</urlset>')).toBe(true);
    expect([...last.body.matchAll(/<loc>/g)]).toHaveLength(7);
    const limits = products.requests.map((request) =>
      Number(new URL(request.url, 'http://x').searchParams.get('limit')),
    );
    expect(Math.max(...limits)).toBeLessThanOrEqual(1000);
  });

  it('when the pages file is read, it lists the home page and the categories', async () => {
    const pages = await get(`${layout.url}/sitemaps/pages.xml`);

    expect(pages.body).toContain('<loc>https://shop.example/</loc>');
    expect(pages.body).toContain('<loc>https://shop.example/c/kitchen</loc>');
  });

  it('when a file past the end or a made-up name is asked for, it answers 404', async () => {
    expect((await get(`${layout.url}/sitemaps/products-4.xml`)).status).toBe(404);
    expect((await get(`${layout.url}/sitemaps/products-0.xml`)).status).toBe(404);
    expect((await get(`${layout.url}/sitemaps/other.xml`)).status).toBe(404);
    expect((await get(`${layout.url}/sitemaps/products-999999.xml`)).status).toBe(404);
  });

  it('when the product service is down, the index answers 503 rather than an empty sitemap', async () => {
    down = true;
    try {
      const unavailable = await get(`${layout.url}/sitemap.xml`);
      expect(unavailable.status).toBe(503);
      expect(unavailable.headers['x-accel-expires']).toBe('0');
      expect((await get(`${layout.url}/sitemaps/products-1.xml`)).status).toBe(503);
    } finally {
      down = false;
    }
  });
});
