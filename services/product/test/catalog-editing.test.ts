import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { problemSchema, productPage } from '@storefront/contracts';
import {
  categoryList,
  categoryView,
  productListResponse,
  productView,
  type ProductView,
} from '@storefront/contracts';
import { csrf } from '@storefront/testkit';
import { call, recordProductEvents, writeCounts } from './support/editor-api.js';
import { startProductService, type ProductService } from './support/product-service.js';

let service: ProductService;
let events: Awaited<ReturnType<typeof recordProductEvents>>;
let editor: string;
let admin: string;
let customer: string;

beforeAll(async () => {
  service = await startProductService();
  events = await recordProductEvents(service.amqpUrl);
  editor = await service.auth.sessionCookie({ role: 'editor', name: 'Eddie Editor' });
  admin = await service.auth.sessionCookie({ role: 'admin' });
  customer = await service.auth.sessionCookie({ role: 'customer' });
});

afterAll(async () => {
  await events?.close();
  await service?.close();
});

let counter = 0;
const newProduct = (overrides: Record<string, unknown> = {}) => ({
  slug: `test-lantern-${++counter}`,
  name: `Storm Lantern ${counter}`,
  description: 'A hurricane lantern with a brass handle.',
  priceMinor: 4590,
  category: 'outdoors',
  stock: 12,
  images: [{ url: 'https://images.example.test/lantern.jpg', alt: 'A lantern' }],
  attributes: { colour: 'brass', heightCm: 28, rechargeable: false },
  ...overrides,
});

async function create(overrides: Record<string, unknown> = {}, session = editor): Promise<ProductView> {
  const response = await call(service, 'POST', '/products', { body: newProduct(overrides), session });
  expect(response.status).toBe(201);
  return productView.parse(await response.json());
}

async function expectProblem(response: Response, status: number) {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  return problemSchema.parse(await response.json());
}

const publicGet = (path: string, headers: Record<string, string> = {}) =>
  fetch(`${service.url}${path}`, { headers });

describe('creating a product', () => {
  it('when an editor creates one, it is a draft with every field, announced once by product.created', async () => {
    const response = await call(service, 'POST', '/products', { body: newProduct(), session: editor });

    expect(response.status).toBe(201);
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    const product = productView.parse(await response.json());
    expect(response.headers.get('location')).toBe(`/products/manage/${product.id}`);
    expect(product).toMatchObject({
      status: 'draft',
      currency: 'EUR',
      publishedAt: null,
      attributes: { colour: 'brass', heightCm: 28, rechargeable: false },
      images: [{ url: 'https://images.example.test/lantern.jpg', alt: 'A lantern' }],
    });
    const fetched = await call(service, 'GET', `/products/manage/${product.id}`, { session: editor });
    expect(productView.parse(await fetched.json())).toEqual(product);
    const announced = await events.about(product.id, 1);
    expect(announced.map((event) => event.type)).toEqual(['product.created']);
    expect(announced[0]!.data).toEqual({
      productId: product.id,
      slug: product.slug,
      status: 'draft',
      featured: false,
    });
  });

  it('when an admin creates one already published, it is live at once: product.created and product.published', async () => {
    const product = await create({ status: 'published' }, admin);

    expect(product.publishedAt).not.toBeNull();
    expect((await publicGet(`/products/${product.slug}`)).status).toBe(200);
    const announced = await events.about(product.id, 2);
    expect(announced.map((event) => event.type).sort()).toEqual(['product.created', 'product.published']);
  });

  it.each([
    ['no name', { name: undefined }],
    ['an empty name', { name: '   ' }],
    ['a negative price', { priceMinor: -1 }],
    ['a fractional price', { priceMinor: 12.5 }],
    ['an unknown currency', { currency: 'XYZ' }],
    ['a slug with capitals', { slug: 'Not-A-Slug' }],
    ['a slug the API uses', { slug: 'manage' }],
    ['a field the API does not know', { colour: 'red' }],
    ['a javascript: image URL', { images: [{ url: 'javascript:alert(1)' }] }],
    ['a nested attribute value', { attributes: { size: { w: 1 } } }],
    ['a negative stock', { stock: -3 }],
    ['an unknown status', { status: 'live' }],
    ['a category that does not exist', { category: 'no-such-category' }],
    // PostgreSQL refuses NUL in text and jsonb: unchecked, these were a 500.
    ['a NUL byte in the description', { description: 'brass\u0000' }],
    ['a NUL byte in an attribute', { attributes: { colour: 'brass\u0000' } }],
    ['a NUL byte in an image text', { images: [{ url: '/lantern.svg', alt: '\u0000' }] }],
    ['a line break in the name', { name: 'Storm\nLantern' }],
  ])('when the body has %s, it answers 400 problem+json and writes nothing', async (_case, overrides) => {
    const before = await writeCounts(service);

    const response = await call(service, 'POST', '/products', {
      body: newProduct(overrides),
      session: editor,
    });

    const problem = await expectProblem(response, 400);
    expect(problem.errors?.length).toBeGreaterThan(0);
    expect(await writeCounts(service)).toEqual(before);
  });

  it('when the body is not JSON, it answers 400 problem+json', async () => {
    const response = await fetch(`${service.url}/products`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        cookie: `${editor}; sf_csrf=test-csrf-token-0123456789abcdefghijklmnopqrstuvwxyz`,
        'x-csrf-token': 'test-csrf-token-0123456789abcdefghijklmnopqrstuvwxyz',
      },
      body: '{"slug":',
    });

    await expectProblem(response, 400);
  });

  it('when the slug is taken, it answers 409 and writes nothing', async () => {
    const before = await writeCounts(service);

    const response = await call(service, 'POST', '/products', {
      body: newProduct({ slug: 'blue-mug' }),
      session: editor,
    });

    await expectProblem(response, 409);
    expect(await writeCounts(service)).toEqual(before);
  });
});

describe('who may edit the catalog', () => {
  const someId = randomUUID();
  const cases: [string, string, unknown?][] = [
    ['GET', '/products/manage'],
    ['GET', `/products/manage/${someId}`],
    ['POST', '/products', newProduct()],
    ['PATCH', `/products/manage/${someId}`, { name: 'Hacked' }],
    ['PATCH', `/products/manage/${someId}/stock`, { stock: 0 }],
    ['DELETE', `/products/manage/${someId}`],
    ['POST', '/products/preview-token'],
    ['POST', '/products/categories', { slug: 'hacked', name: 'Hacked' }],
    ['PATCH', '/products/categories/kitchen', { name: 'Hacked' }],
  ];

  it.each(cases)(
    'when nobody is signed in, %s %s answers 401 and writes nothing',
    async (method, path, body) => {
      const before = await writeCounts(service);

      await expectProblem(await call(service, method, path, { body }), 401);
      expect(await writeCounts(service)).toEqual(before);
    },
  );

  it.each(cases)('when a customer asks, %s %s answers 403 and writes nothing', async (method, path, body) => {
    const before = await writeCounts(service);

    await expectProblem(await call(service, method, path, { body, session: customer }), 403);
    expect(await writeCounts(service)).toEqual(before);
  });

  it('when an editor writes without the CSRF pair, it answers 403 and writes nothing', async () => {
    const product = await create();
    const before = await writeCounts(service);

    const responses = [
      await call(service, 'POST', '/products', { body: newProduct(), session: editor, csrf: false }),
      await call(service, 'PATCH', `/products/manage/${product.id}`, {
        body: { name: 'Renamed' },
        session: editor,
        csrf: false,
      }),
      await call(service, 'DELETE', `/products/manage/${product.id}`, { session: editor, csrf: false }),
    ];

    for (const response of responses) {
      expect((await expectProblem(response, 403)).detail).toMatch(/CSRF/);
    }
    expect(await writeCounts(service)).toEqual(before);
    const unchanged = await call(service, 'GET', `/products/manage/${product.id}`, { session: editor });
    expect(productView.parse(await unchanged.json()).name).toBe(product.name);
  });

  it('when a session is forged, it counts as nobody: 401', async () => {
    const response = await call(service, 'GET', '/products/manage', {
      session: 'sf_session=forged.jwt.token',
    });

    await expectProblem(response, 401);
  });
});

describe('changing a product', () => {
  it('when an editor renames and reprices a product, the change shows, product.updated is published once', async () => {
    const product = await create({ status: 'published' });
    await events.about(product.id, 2);

    const response = await call(service, 'PATCH', `/products/manage/${product.id}`, {
      body: { name: 'Brass Storm Lantern', priceMinor: 5190 },
      session: editor,
    });

    expect(response.status).toBe(200);
    const updated = productView.parse(await response.json());
    expect(updated).toMatchObject({ name: 'Brass Storm Lantern', priceMinor: 5190, stock: 12 });
    const announced = await events.about(product.id, 3);
    expect(announced.map((event) => event.type).sort()).toEqual([
      'product.created',
      'product.published',
      'product.updated',
    ]);
  });

  it('when a draft is published, it appears publicly with its publish time: product.updated and product.published', async () => {
    const draft = await create();
    await events.about(draft.id, 1);
    expect((await publicGet(`/products/${draft.slug}`)).status).toBe(404);

    const response = await call(service, 'PATCH', `/products/manage/${draft.id}`, {
      body: { status: 'published' },
      session: editor,
    });

    const published = productView.parse(await response.json());
    expect(published.status).toBe('published');
    expect(Date.parse(published.publishedAt!)).toBeGreaterThan(Date.now() - 60_000);
    expect((await publicGet(`/products/${draft.slug}`)).status).toBe(200);
    const listing = productPage.parse(
      await (await publicGet('/products?category=outdoors&pageSize=100')).json(),
    );
    expect(listing.items.map((item) => item.slug)).toContain(draft.slug);
    const announced = await events.about(draft.id, 3);
    expect(announced.map((event) => event.type).sort()).toEqual([
      'product.created',
      'product.published',
      'product.updated',
    ]);
  });

  it('when a product is archived, the public no longer sees it, preview neither', async () => {
    const product = await create({ status: 'published' });
    expect((await publicGet(`/products/${product.slug}`)).status).toBe(200);

    await call(service, 'PATCH', `/products/manage/${product.id}`, {
      body: { status: 'archived' },
      session: editor,
    });

    expect((await publicGet(`/products/${product.slug}`)).status).toBe(404);
    const preview = await call(service, 'GET', `/products/${product.slug}`, { session: editor });
    expect(preview.status).toBe(404);
    const managed = await call(service, 'GET', '/products/manage?status=archived&limit=100', {
      session: editor,
    });
    const body = productListResponse.parse(await managed.json());
    expect(body.items.map((item) => item.slug)).toContain(product.slug);
    expect(body.items.every((item) => item.status === 'archived')).toBe(true);
  });

  it('when a patch changes nothing, nothing is written and no event is published', async () => {
    const product = await create();
    await events.about(product.id, 1);
    const before = await writeCounts(service);

    const response = await call(service, 'PATCH', `/products/manage/${product.id}`, {
      body: { name: product.name, priceMinor: product.priceMinor },
      session: editor,
    });

    expect(response.status).toBe(200);
    expect(productView.parse(await response.json()).updatedAt).toBe(product.updatedAt);
    expect(await writeCounts(service)).toEqual(before);
    expect(await events.about(product.id, 1)).toHaveLength(1);
  });

  it('when the slug changes, the old slug is gone and the new one answers', async () => {
    const product = await create({ status: 'published' });
    expect((await publicGet(`/products/${product.slug}`)).status).toBe(200);

    await call(service, 'PATCH', `/products/manage/${product.id}`, {
      body: { slug: `${product.slug}-renamed` },
      session: editor,
    });

    expect((await publicGet(`/products/${product.slug}`)).status).toBe(404);
    expect((await publicGet(`/products/${product.slug}-renamed`)).status).toBe(200);
  });

  it.each([
    ['an empty patch', {}],
    ['an unknown field', { colour: 'red' }],
    ['a negative price', { priceMinor: -5 }],
    ['a null name', { name: null }],
    ['an unknown category', { category: 'no-such-category' }],
  ])('when the patch has %s, it answers 400 and the product is unchanged', async (_case, body) => {
    const product = await create();
    const before = await writeCounts(service);

    const response = await call(service, 'PATCH', `/products/manage/${product.id}`, {
      body,
      session: editor,
    });

    await expectProblem(response, 400);
    expect(await writeCounts(service)).toEqual(before);
    const unchanged = await call(service, 'GET', `/products/manage/${product.id}`, { session: editor });
    expect(productView.parse(await unchanged.json())).toEqual(product);
  });

  it('when the new slug is taken, it answers 409 and the product is unchanged', async () => {
    const product = await create();

    const response = await call(service, 'PATCH', `/products/manage/${product.id}`, {
      body: { slug: 'blue-mug', name: 'Clash' },
      session: editor,
    });

    await expectProblem(response, 409);
    const unchanged = await call(service, 'GET', `/products/manage/${product.id}`, { session: editor });
    expect(productView.parse(await unchanged.json())).toEqual(product);
  });

  it('when the product does not exist, it answers 404; when the id is not a uuid, 400', async () => {
    await expectProblem(
      await call(service, 'PATCH', `/products/manage/${randomUUID()}`, {
        body: { name: 'X' },
        session: editor,
      }),
      404,
    );
    await expectProblem(
      await call(service, 'GET', `/products/manage/${randomUUID()}`, { session: editor }),
      404,
    );
    await expectProblem(await call(service, 'GET', '/products/manage/not-a-uuid', { session: editor }), 400);
  });
});

describe('featured products', () => {
  it('when an editor marks a published product as featured, the featured listing shows it and product.updated says so', async () => {
    const product = await create({ status: 'published' });
    expect(product.featured).toBe(false);
    await events.about(product.id, 2);

    const response = await call(service, 'PATCH', `/products/manage/${product.id}`, {
      body: { featured: true },
      session: editor,
    });

    expect(response.status).toBe(200);
    expect(productView.parse(await response.json()).featured).toBe(true);
    const [updated] = (await events.about(product.id, 3)).filter((event) => event.type === 'product.updated');
    expect(updated?.data).toMatchObject({ productId: product.id, featured: true });
    const featured = productListResponse.parse(
      await (await publicGet('/products?featured=true&limit=100')).json(),
    );
    expect(featured.items.map((item) => item.id)).toContain(product.id);
    expect(featured.items.every((item) => item.featured)).toBe(true);
    const others = productListResponse.parse(
      await (await publicGet('/products?featured=false&limit=100')).json(),
    );
    expect(others.items.map((item) => item.id)).not.toContain(product.id);
  });

  it('when a product is created featured, it is featured from the start', async () => {
    const product = await create({ featured: true });

    expect(product.featured).toBe(true);
    const [created] = await events.about(product.id, 1);
    expect(created?.data).toMatchObject({ featured: true });
  });

  it.each([['yes'], ['1'], ['TRUE']])(
    'when the featured filter is %s, it answers 400 problem+json',
    async (value) => {
      await expectProblem(await publicGet(`/products?featured=${value}`), 400);
    },
  );

  it('when the featured field is not a boolean, it answers 400 and writes nothing', async () => {
    const product = await create();
    const before = await writeCounts(service);

    const response = await call(service, 'PATCH', `/products/manage/${product.id}`, {
      body: { featured: 'yes' },
      session: editor,
    });

    await expectProblem(response, 400);
    expect(await writeCounts(service)).toEqual(before);
  });
});

describe('stock', () => {
  it('when an editor counts the stock, sets and moves it, each change publishes one product.stock.changed', async () => {
    const product = await create({ stock: 5 });
    await events.about(product.id, 1);

    const set = await call(service, 'PATCH', `/products/manage/${product.id}/stock`, {
      body: { stock: 7 },
      session: editor,
    });
    expect(set.status).toBe(200);
    expect(productView.parse(await set.json()).stock).toBe(7);
    const moved = await call(service, 'PATCH', `/products/manage/${product.id}/stock`, {
      body: { delta: -4 },
      session: editor,
    });
    expect(productView.parse(await moved.json()).stock).toBe(3);

    const announced = (await events.about(product.id, 3)).filter((e) => e.type === 'product.stock.changed');
    expect(announced.map((event) => event.type === 'product.stock.changed' && event.data.stock)).toEqual([
      7, 3,
    ]);
  });

  it('when a delta would take stock below zero, it answers 409 and the stock stays', async () => {
    const product = await create({ stock: 2 });
    const before = await writeCounts(service);

    const response = await call(service, 'PATCH', `/products/manage/${product.id}/stock`, {
      body: { delta: -3 },
      session: editor,
    });

    await expectProblem(response, 409);
    expect(await writeCounts(service)).toEqual(before);
    const unchanged = await call(service, 'GET', `/products/manage/${product.id}`, { session: editor });
    expect(productView.parse(await unchanged.json()).stock).toBe(2);
  });

  it('when stock changes within an update, product.updated and product.stock.changed are published', async () => {
    const product = await create({ stock: 1 });

    await call(service, 'PATCH', `/products/manage/${product.id}`, { body: { stock: 40 }, session: editor });

    const announced = await events.about(product.id, 3);
    expect(announced.map((event) => event.type).sort()).toEqual([
      'product.created',
      'product.stock.changed',
      'product.updated',
    ]);
  });

  it.each([
    ['no figure', {}],
    ['a negative stock', { stock: -1 }],
    ['both a stock and a delta', { stock: 3, delta: 1 }],
    ['a zero delta', { delta: 0 }],
    ['a stock that is text', { stock: 'ten' }],
  ])('when the body has %s, it answers 400', async (_case, body) => {
    const product = await create();

    const response = await call(service, 'PATCH', `/products/manage/${product.id}/stock`, {
      body,
      session: editor,
    });

    await expectProblem(response, 400);
  });
});

describe('deleting a product', () => {
  it('when an editor deletes a product, it is gone everywhere, announced once by product.deleted', async () => {
    const product = await create({ status: 'published' });
    // Cached by a visitor's read: the delete must retire it.
    expect((await publicGet(`/products/${product.slug}`)).status).toBe(200);

    const response = await call(service, 'DELETE', `/products/manage/${product.id}`, { session: editor });

    expect(response.status).toBe(204);
    expect((await publicGet(`/products/${product.slug}`)).status).toBe(404);
    await expectProblem(
      await call(service, 'GET', `/products/manage/${product.id}`, { session: editor }),
      404,
    );
    await expectProblem(
      await call(service, 'DELETE', `/products/manage/${product.id}`, { session: editor }),
      404,
    );
    const announced = await events.about(product.id, 3);
    expect(announced.filter((event) => event.type === 'product.deleted')).toHaveLength(1);
  });
});

describe('the Redis cache and writes', () => {
  it('when a product is edited, the cached detail and listings are retired at once', async () => {
    const product = await create({ status: 'published', category: 'office' });
    const detailBefore = productView.parse(await (await publicGet(`/products/${product.slug}`)).json());
    const listingPath = `/products?category=office&pageSize=100`;
    await publicGet(listingPath);
    expect(await service.redis.exists(`products:detail:${product.slug}`)).toBe(1);

    await call(service, 'PATCH', `/products/manage/${product.id}`, {
      body: { priceMinor: 99 },
      session: editor,
    });

    expect(await service.redis.exists(`products:detail:${product.slug}`)).toBe(0);
    const detailAfter = productView.parse(await (await publicGet(`/products/${product.slug}`)).json());
    expect(detailBefore.priceMinor).toBe(4590);
    expect(detailAfter.priceMinor).toBe(99);
    const listing = productPage.parse(await (await publicGet(listingPath)).json());
    expect(listing.items.find((item) => item.slug === product.slug)?.priceMinor).toBe(99);
  });

  it('when stock is changed by an editor, the cached detail shows the new figure', async () => {
    const product = await create({ status: 'published', stock: 10 });
    await publicGet(`/products/${product.slug}`);

    await call(service, 'PATCH', `/products/manage/${product.id}/stock`, {
      body: { stock: 4 },
      session: editor,
    });

    expect(productView.parse(await (await publicGet(`/products/${product.slug}`)).json()).stock).toBe(4);
  });
});

describe('the editors listing', () => {
  it('when an editor lists the catalog, drafts and archived products are there, filterable by status', async () => {
    const draft = await create();

    const all = productListResponse.parse(
      await (
        await call(service, 'GET', '/products/manage?pageSize=100&q=lantern', { session: editor })
      ).json(),
    );
    const drafts = productListResponse.parse(
      await (
        await call(service, 'GET', '/products/manage?status=draft&limit=100', { session: editor })
      ).json(),
    );

    expect(all.items.map((item) => item.id)).toContain(draft.id);
    expect(new Set(all.items.map((item) => item.status)).size).toBeGreaterThan(1);
    expect(drafts.items.every((item) => item.status === 'draft')).toBe(true);
    expect(drafts.items.map((item) => item.id)).toContain(draft.id);
  });

  it('when the status filter is unknown, it answers 400', async () => {
    await expectProblem(
      await call(service, 'GET', '/products/manage?status=deleted', { session: editor }),
      400,
    );
  });
});

describe('categories', () => {
  it('when a visitor lists the categories, every category comes with its name, publicly cacheable', async () => {
    const response = await publicGet('/products/categories');

    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toMatch(/^public/);
    const { items } = categoryList.parse(await response.json());
    expect(items).toContainEqual({ slug: 'kitchen', name: 'Kitchen & Dining' });
    expect(items.length).toBeGreaterThanOrEqual(6);
  });

  it('when an editor adds and renames a category, the list shows it and products may use it', async () => {
    await publicGet('/products/categories');

    const created = await call(service, 'POST', '/products/categories', {
      body: { slug: 'garden', name: 'Garden' },
      session: editor,
    });
    expect(created.status).toBe(201);
    expect(categoryView.parse(await created.json())).toEqual({ slug: 'garden', name: 'Garden' });
    const renamed = await call(service, 'PATCH', '/products/categories/garden', {
      body: { name: 'Garden & Patio' },
      session: editor,
    });
    expect(renamed.status).toBe(200);

    const { items } = categoryList.parse(await (await publicGet('/products/categories')).json());
    expect(items).toContainEqual({ slug: 'garden', name: 'Garden & Patio' });
    const product = await create({ category: 'garden' });
    expect(product.category).toBe('garden');
  });

  it('when a category exists already, 409; when it does not exist, renaming answers 404; bad input 400', async () => {
    const before = await writeCounts(service);
    await expectProblem(
      await call(service, 'POST', '/products/categories', {
        body: { slug: 'kitchen', name: 'Again' },
        session: editor,
      }),
      409,
    );
    await expectProblem(
      await call(service, 'PATCH', '/products/categories/no-such', { body: { name: 'X' }, session: editor }),
      404,
    );
    await expectProblem(
      await call(service, 'POST', '/products/categories', {
        body: { slug: 'Bad Slug', name: '' },
        session: editor,
      }),
      400,
    );
    expect(await writeCounts(service)).toEqual(before);
  });
});

describe('the editor forms without JavaScript', () => {
  /** What a browser sends for a plain HTML form: every field as text, the CSRF token in `_csrf`. */
  const form = (path: string, fields: Record<string, string>, session = editor) =>
    fetch(`${service.url}${path}`, {
      method: 'POST',
      redirect: 'manual',
      body: new URLSearchParams(fields),
      headers: { cookie: `${csrf.cookie}; ${session}`, referer: 'http://shop.test/editor/products/new' },
    });
  const formProduct = (overrides: Record<string, string> = {}) => ({
    _csrf: csrf.token,
    _redirect: '/editor',
    slug: `form-lantern-${++counter}`,
    name: `Form Lantern ${counter}`,
    description: 'Made in a form.',
    priceMinor: '2590',
    currency: 'EUR',
    category: 'outdoors',
    stock: '4',
    status: 'draft',
    ...overrides,
  });
  const managed = async (id: string) =>
    productView.parse(
      await (await call(service, 'GET', `/products/manage/${id}`, { session: editor })).json(),
    );
  const bySlug = async (slug: string) => {
    const { rows } = await service.pool.query<{ id: string }>('SELECT id FROM products WHERE slug = $1', [
      slug,
    ]);
    return rows[0] ? managed(rows[0].id) : undefined;
  };

  it('when an editor creates a product with the form, it is created and the answer is 303 to _redirect', async () => {
    const fields = formProduct();
    const response = await form('/products', fields);

    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/editor');
    const created = await bySlug(fields.slug);
    expect(created).toMatchObject({ name: fields.name, priceMinor: 2590, stock: 4, status: 'draft' });
  });

  it('when the stock field is blank, the product starts with none', async () => {
    const fields = formProduct({ stock: ' ' });
    expect((await form('/products', fields)).status).toBe(303);
    expect((await bySlug(fields.slug))?.stock).toBe(0);
  });

  it('when the publish form posts _method=PATCH, the product is published', async () => {
    const draft = await create();
    const response = await form(`/products/manage/${draft.id}`, {
      _csrf: csrf.token,
      _method: 'PATCH',
      _redirect: `/editor/products/${draft.id}`,
      status: 'published',
    });

    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`/editor/products/${draft.id}`);
    expect((await managed(draft.id)).status).toBe('published');
    expect((await publicGet(`/products/${draft.slug}`)).status).toBe(200);
  });

  it('when the edit form and the stock form post, the price and the stock change', async () => {
    const product = await create();
    const edit = await form(`/products/manage/${product.id}`, {
      _csrf: csrf.token,
      _method: 'PATCH',
      _redirect: `/editor/products/${product.id}`,
      name: 'Renamed by Form',
      slug: product.slug,
      description: '',
      priceMinor: '1999',
      currency: 'USD',
      category: 'outdoors',
    });
    expect(edit.status).toBe(303);
    const stock = await form(`/products/manage/${product.id}/stock`, {
      _csrf: csrf.token,
      _method: 'PATCH',
      _redirect: `/editor/products/${product.id}`,
      stock: '33',
    });
    expect(stock.status).toBe(303);
    expect(await managed(product.id)).toMatchObject({
      name: 'Renamed by Form',
      description: '',
      priceMinor: 1999,
      currency: 'USD',
      stock: 33,
    });
  });

  it('when the edit form sends its hidden "false" and the checked box\'s "true", the product is featured; unchecked, it is not', async () => {
    const product = await create();
    const post = (values: string[]) =>
      fetch(`${service.url}/products/manage/${product.id}`, {
        method: 'POST',
        redirect: 'manual',
        body: new URLSearchParams([
          ['_csrf', csrf.token],
          ['_method', 'PATCH'],
          ...values.map((value): [string, string] => ['featured', value]),
        ]),
        headers: { cookie: `${csrf.cookie}; ${editor}`, referer: 'http://shop.test/editor' },
      });

    expect((await post(['false', 'true'])).status).toBe(303);
    expect((await managed(product.id)).featured).toBe(true);
    expect((await post(['false'])).status).toBe(303);
    expect((await managed(product.id)).featured).toBe(false);
  });

  it.each([
    ['a price that is text', { priceMinor: 'twelve' }],
    ['a fractional price', { priceMinor: '12.5' }],
    ['a blank price', { priceMinor: '' }],
    ['a negative stock', { stock: '-2' }],
    ['an unknown status', { status: 'live' }],
    ['a field the API does not know', { colour: 'red' }],
  ])('when the form has %s, it answers 400 problem+json and writes nothing', async (_case, overrides) => {
    const before = await writeCounts(service);

    const response = await form('/products', formProduct(overrides));

    const problem = await expectProblem(response, 400);
    expect(problem.errors?.length).toBeGreaterThan(0);
    expect(await writeCounts(service)).toEqual(before);
  });

  it('when a form PATCH has bad input or no CSRF token, nothing changes', async () => {
    const product = await create();
    const before = await writeCounts(service);

    const bad = await form(`/products/manage/${product.id}/stock`, {
      _csrf: csrf.token,
      _method: 'PATCH',
      stock: 'ten',
    });
    await expectProblem(bad, 400);
    const forged = await form(`/products/manage/${product.id}`, { _method: 'PATCH', status: 'published' });
    await expectProblem(forged, 403);
    const deleted = await form(`/products/manage/${product.id}`, { _method: 'DELETE' });
    await expectProblem(deleted, 403);

    expect(await writeCounts(service)).toEqual(before);
    expect((await managed(product.id)).status).toBe('draft');
  });

  it('when a form posts _method=DELETE, the product is gone and the answer is 303', async () => {
    const product = await create();
    const response = await form(`/products/manage/${product.id}`, {
      _csrf: csrf.token,
      _method: 'DELETE',
      _redirect: '/editor',
    });

    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/editor');
    const gone = await call(service, 'GET', `/products/manage/${product.id}`, { session: editor });
    expect(gone.status).toBe(404);
  });

  it('a JSON body with text numbers is still refused: only forms are read leniently', async () => {
    const response = await call(service, 'POST', '/products', {
      body: newProduct({ priceMinor: '2590' }),
      session: editor,
    });
    await expectProblem(response, 400);
  });
});
