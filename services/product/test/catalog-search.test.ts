import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { problemSchema, productPage } from '@storefront/contracts';
import { productListResponse, type ProductListResponse } from '@storefront/contracts';
import { startProductService, type ProductService } from './support/product-service.js';

let service: ProductService;

beforeAll(async () => {
  service = await startProductService();
});

afterAll(async () => {
  await service?.close();
});

const get = (path: string) => fetch(`${service.url}${path}`);

async function list(path: string): Promise<ProductListResponse> {
  const response = await get(path);
  expect(response.status).toBe(200);
  return productListResponse.parse(await response.json());
}

async function publishedCount(where = 'true', params: unknown[] = []): Promise<number> {
  const { rows } = await service.pool.query<{ count: number }>(
    `SELECT count(*)::int AS count FROM products WHERE status = 'published' AND ${where}`,
    params,
  );
  return rows[0]!.count;
}

/** Follows nextCursor from the first page to the last; returns every item in the order it came. */
async function walk(query: string) {
  const seen: ProductListResponse['items'] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const body = await list(`/products?${query}${cursor ? `&cursor=${cursor}` : ''}`);
    seen.push(...body.items);
    cursor = body.nextCursor;
    pages++;
    expect(pages).toBeLessThan(100);
  } while (cursor);
  return { seen, pages };
}

describe('full-text search', () => {
  it('when a visitor searches a word of the name, every match has it, and the plural finds it too', async () => {
    const body = await list('/products?q=mugs&pageSize=100');

    expect(body.items.map((item) => item.slug)).toContain('blue-mug');
    expect(body.items.every((item) => /\bmug\b/i.test(`${item.name} ${item.description}`))).toBe(true);
    expect(body.total).toBe(await publishedCount(`name LIKE '% Mug'`));
  });

  it('when a visitor searches words of the description, products that say them are found', async () => {
    const body = await list('/products?q=dishwasher&limit=50');

    expect(body.items.length).toBeGreaterThan(0);
    expect(body.items.every((item) => /dishwasher/i.test(item.description))).toBe(true);
    expect(body.items.some((item) => !/dishwasher/i.test(item.name))).toBe(true);
  });

  it('when a search uses web syntax (a phrase, an exclusion), it means what it says', async () => {
    const body = await list(`/products?q=${encodeURIComponent('"fountain pen" -gold')}&pageSize=100`);

    expect(body.items.length).toBe(
      await publishedCount(`name LIKE '% Fountain Pen' AND name NOT LIKE 'Gold%'`),
    );
    expect(body.items.length).toBeGreaterThan(0);
    expect(
      body.items.every((item) => item.name.includes('Fountain Pen') && !item.name.includes('Gold')),
    ).toBe(true);
  });

  it('when a search combines with a category and a price range, all of them apply', async () => {
    const body = await list('/products?q=range&category=audio&minPrice=5000&maxPrice=20000&pageSize=100');

    expect(body.items.length).toBeGreaterThan(0);
    expect(body.total).toBe(
      await publishedCount(`category = 'audio' AND price_minor BETWEEN 5000 AND 20000`),
    );
    for (const item of body.items) {
      expect(item.category).toBe('audio');
      expect(item.priceMinor).toBeGreaterThanOrEqual(5000);
      expect(item.priceMinor).toBeLessThanOrEqual(20000);
    }
  });

  it('when nothing matches, the answer is an empty page', async () => {
    expect(await list('/products?q=zeppelin')).toMatchObject({ items: [], total: 0, nextCursor: null });
  });
});

describe('sorting', () => {
  it.each([
    ['price', (a: number, b: number) => a <= b],
    ['-price', (a: number, b: number) => a >= b],
  ])('when sorted by %s, prices come in that order', async (sort, inOrder) => {
    const body = await list(`/products?sort=${sort}&pageSize=100`);

    const prices = body.items.map((item) => item.priceMinor);
    expect(prices.every((price, i) => i === 0 || inOrder(prices[i - 1]!, price))).toBe(true);
  });

  it('when sorted by newest, the most recently created comes first', async () => {
    await service.pool.query(
      `UPDATE products SET created_at = now() + interval '1 day' WHERE slug = 'sage-mug'`,
    );

    const body = await list('/products?sort=newest&limit=3');

    expect(body.items[0]!.slug).toBe('sage-mug');
  });
});

describe('cursor paging', () => {
  it.each(['name', 'price', '-price', 'newest'])(
    'when a client follows nextCursor sorted by %s, it visits every published product exactly once',
    async (sort) => {
      const { seen, pages } = await walk(`sort=${sort}&limit=7`);

      const total = await publishedCount();
      expect(seen).toHaveLength(total);
      expect(new Set(seen.map((item) => item.id)).size).toBe(total);
      expect(pages).toBe(Math.ceil(total / 7));
    },
  );

  it('when filtered, cursor paging visits exactly the matches', async () => {
    const { seen } = await walk('category=home&maxPrice=6000&limit=2');

    expect(seen.length).toBe(await publishedCount(`category = 'home' AND price_minor <= 6000`));
    expect(new Set(seen.map((item) => item.id)).size).toBe(seen.length);
  });

  it('when a client pages by number, the answer keeps its shape and offers a cursor for what follows', async () => {
    const first = await get('/products?page=1&pageSize=10');
    const raw: unknown = await first.json();
    const page = productPage.parse(raw);
    const body = productListResponse.parse(raw);
    expect(page).toMatchObject({ page: 1, pageSize: 10 });
    expect(body.nextCursor).toBeTruthy();

    const next = await list(`/products?cursor=${body.nextCursor}&limit=10`);
    const second = productPage.parse(await (await get('/products?page=2&pageSize=10')).json());
    expect(next.items.map((item) => item.id)).toEqual(second.items.map((item) => item.id));
  });
});

describe('bad queries', () => {
  const cursorOf = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

  it.each([
    ['an unknown sort', '/products?sort=popularity'],
    ['a minimum price above the maximum', '/products?minPrice=5000&maxPrice=100'],
    ['a negative price', '/products?minPrice=-1'],
    ['a cursor that is not base64url', '/products?cursor=%25%25%25'],
    ['a cursor that is not JSON', `/products?cursor=${Buffer.from('hello').toString('base64url')}`],
    ['a cursor of another sort', `/products?sort=price&cursor=${cursorOf({ s: 'name', v: 'A', k: 'a' })}`],
    [
      'a cursor with a non-numeric price',
      `/products?sort=price&cursor=${cursorOf({ s: 'price', v: '1 OR 1=1', k: 'a' })}`,
    ],
    [
      'a cursor with a bad date',
      `/products?sort=newest&cursor=${cursorOf({ s: 'newest', v: 'yesterday', k: 'a' })}`,
    ],
    ['both a page and a cursor', `/products?page=2&cursor=${cursorOf({ s: 'name', v: 'A', k: 'a' })}`],
    ['a limit above 100', '/products?limit=1000'],
    ['a search of 201 characters', `/products?q=${'a'.repeat(201)}`],
    ['a search repeated', '/products?q=mug&q=pen'],
  ])('when the query has %s, it answers 400 problem+json', async (_case, path) => {
    const response = await get(path);

    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    problemSchema.parse(await response.json());
  });
});

describe('SQL injection', () => {
  const payloads = [
    "'; DROP TABLE products; --",
    "' OR '1'='1",
    "mug') OR 1=1 --",
    '1; SELECT pg_sleep(5)',
    '\\x27 UNION SELECT * FROM outbox --',
    "'); DELETE FROM categories; --",
  ];

  it.each(payloads)('when q is %j, the answer is a safe search result, never a 500', async (payload) => {
    const response = await get(`/products?q=${encodeURIComponent(payload)}`);

    expect(response.status).toBe(200);
    const body = productListResponse.parse(await response.json());
    expect(body.total).toBeLessThan(await publishedCount());
  });

  it.each(payloads)('when category or sort is %j, it answers 400, never a 500', async (payload) => {
    for (const param of ['category', 'sort', 'minPrice', 'cursor', 'limit']) {
      const response = await get(`/products?${param}=${encodeURIComponent(payload)}`);
      expect(response.status).toBe(400);
    }
  });

  it('when a cursor smuggles SQL in its name value, it is only compared, never run', async () => {
    const cursor = Buffer.from(
      JSON.stringify({ s: 'name', v: "x' OR 1=1; DROP TABLE products; --", k: 'a' }),
    ).toString('base64url');

    const response = await get(`/products?cursor=${cursor}&limit=5`);

    expect(response.status).toBe(200);
    expect(await publishedCount()).toBeGreaterThan(60);
  });

  it('when a NUL byte arrives in a search, it answers 400, not a database error', async () => {
    const response = await get('/products?q=mug%00');

    expect(response.status).toBe(400);
  });

  it('after all of the above, the catalog and its tables are intact', async () => {
    const { rows } = await service.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM categories');
    expect(rows[0]!.n).toBeGreaterThanOrEqual(6);
    expect(await publishedCount()).toBeGreaterThan(60);
  });
});

describe('the seeded catalog', () => {
  it('when the demo catalog is seeded, its published products carry a publish time and drafts none', async () => {
    const { rows } = await service.pool.query<{ wrong: number }>(
      `SELECT count(*)::int AS wrong FROM products
        WHERE (status = 'published') <> (published_at IS NOT NULL)`,
    );
    expect(rows[0]!.wrong).toBe(0);
  });
});
