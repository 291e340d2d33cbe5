import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sitemapEntries } from '@storefront/contracts';
import { startProductService, type ProductService } from './support/product-service.js';

describe("the sitemap's walk over published products", () => {
  let service: ProductService;
  let published: string[];

  beforeAll(async () => {
    service = await startProductService();
    const { rows } = await service.pool.query<{ slug: string }>(
      "SELECT slug FROM products WHERE status = 'published' ORDER BY slug",
    );
    published = rows.map((row) => row.slug);
  });

  afterAll(async () => {
    await service?.close();
  });

  const walk = async (query: string) => {
    const response = await fetch(`${service.url}/products/sitemap.json?${query}`);
    return { status: response.status, body: await response.json() };
  };

  it('when it walks in batches after the last slug, every published product comes once, in slug order, no drafts', async () => {
    const seen: string[] = [];
    let after = '';
    for (;;) {
      const { status, body } = await walk(`limit=10${after ? `&after=${after}` : ''}`);
      expect(status).toBe(200);
      const batch = sitemapEntries.parse(body);
      expect(batch.total).toBe(published.length);
      seen.push(...batch.items.map((item) => item.slug));
      if (batch.items.length < 10) break;
      after = batch.items.at(-1)?.slug ?? '';
    }

    expect(seen).toEqual(published);
    expect(published.length).toBeGreaterThan(20);
  });

  it('when it starts at an offset, the batch begins at that position', async () => {
    const { body } = await walk('offset=7&limit=3');

    expect(sitemapEntries.parse(body).items.map((item) => item.slug)).toEqual(published.slice(7, 10));
  });

  it('when the limit or the slug is bad, it answers 400 problem+json', async () => {
    const tooMany = await fetch(`${service.url}/products/sitemap.json?limit=5001`);
    const badSlug = await fetch(`${service.url}/products/sitemap.json?after=Not%20A%20Slug`);

    expect(tooMany.status).toBe(400);
    expect(tooMany.headers.get('content-type')).toContain('application/problem+json');
    expect(badSlug.status).toBe(400);
  });
});
