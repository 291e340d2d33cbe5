import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { productPage, type ProductSummary } from '@storefront/contracts';

export function product(overrides: Partial<ProductSummary> = {}): ProductSummary {
  const slug = overrides.slug ?? `mug-${randomUUID().slice(0, 8)}`;
  return {
    id: randomUUID(),
    slug,
    name: 'Blue mug',
    description: 'A mug that is blue.',
    priceMinor: 1250,
    currency: 'EUR',
    category: 'kitchen',
    imageUrl: `/api/products/images/${slug}.svg`,
    stock: 5,
    ...overrides,
  };
}

/**
 * Stands in for the product service's GET /products; every answer is checked against the contract first, so the
 * podlet is only ever tested with data the real service may send.
 */
export async function startFakeProductService(products: (ProductSummary & { featured?: boolean })[]) {
  const requests: { url: URL; headers: IncomingHttpHeaders }[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    requests.push({ url, headers: req.headers });
    if (url.pathname !== '/products') {
      res.writeHead(404).end();
      return;
    }
    const page = Number(url.searchParams.get('page') ?? 1);
    const pageSize = Number(url.searchParams.get('limit') ?? url.searchParams.get('pageSize') ?? 24);
    const matching =
      url.searchParams.get('featured') === 'true' ? products.filter((item) => item.featured) : products;
    // The given order stands for sort=name; newest is the reverse (the last product is the newest).
    const sorted =
      url.searchParams.get('sort') === 'newest'
        ? [...matching].reverse()
        : url.searchParams.get('sort') === '-price'
          ? [...matching].sort((a, b) => b.priceMinor - a.priceMinor)
          : matching;
    const body = productPage.parse({
      items: sorted.slice((page - 1) * pageSize, page * pageSize),
      page,
      pageSize,
      total: matching.length,
    });
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
