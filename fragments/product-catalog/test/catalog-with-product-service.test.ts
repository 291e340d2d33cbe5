import { PRIVATE_FRAGMENT_CACHE, PUBLIC_FRAGMENT_CACHE } from '@storefront/podlet-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProductService, type ProductService } from '@storefront/product-service/testing';
import { csrf } from '@storefront/testkit';
import { cardNames, catalogSlice, catalogView, startCatalog } from './support/catalog-podlet.js';

const SCRIPT_NAME = '</script><script>alert(1)</script>';
const IMG_NAME = '<img src=x onerror=alert(1)>';

describe('the product catalog podlet over the real product service', () => {
  let service: ProductService;
  let podlet: { url: string; close(): Promise<void> };
  let editor: string;
  let customer: string;
  let preview: string;
  const ids: Record<string, string> = {};

  /** The service's API as an editor's browser calls it (JSON, CSRF pair). */
  async function asEditor(method: string, path: string, body?: unknown) {
    const response = await fetch(`${service.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...csrf.headers, cookie: `${csrf.cookie}; ${editor}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return response;
  }

  async function create(key: string, fields: Record<string, unknown>) {
    const response = await asEditor('POST', '/products', { currency: 'EUR', stock: 5, ...fields });
    ids[key] = ((await response.json()) as { id: string }).id;
  }

  const page = async (path: string, cookie?: string) => {
    // As behind the composer: the page's CSRF token comes with the request, never from a cookie.
    const response = await fetch(`${podlet.url}${path}`, {
      headers: { ...csrf.page, ...(cookie ? { cookie } : {}) },
    });
    // Without the scoped-style markers Vue adds (data-v-<hash>), so the assertions read like the markup.
    return { response, html: (await response.text()).replace(/ data-v-[0-9a-f]{8}/g, '') };
  };

  beforeAll(async () => {
    service = await startProductService();
    podlet = await startCatalog(service.url, service.auth.verifier);
    editor = await service.auth.sessionCookie({ role: 'editor', name: 'Edna Editor' });
    customer = await service.auth.sessionCookie({ role: 'customer' });
    await asEditor('POST', '/products/categories', { slug: 'pc-lamps', name: 'Test Lamps' });
    await asEditor('POST', '/products/categories', { slug: 'pc-xss', name: 'Odd Names' });
    await create('alpha', {
      slug: 'pc-alpha',
      name: 'Alpha Lamp',
      description: 'A reading lamp of zebrawood.',
      priceMinor: 1000,
      category: 'pc-lamps',
      stock: 7,
      status: 'published',
      images: [{ url: '/api/products/images/pc-alpha.svg', alt: 'Alpha Lamp switched on' }],
      attributes: { wattage: 40 },
    });
    await create('bravo', {
      slug: 'pc-bravo',
      name: 'Bravo Lamp',
      priceMinor: 3000,
      category: 'pc-lamps',
      status: 'published',
    });
    await create('charlie', {
      slug: 'pc-charlie',
      name: 'Charlie Lamp',
      priceMinor: 2000,
      category: 'pc-lamps',
      status: 'published',
      stock: 0,
    });
    await create('delta', { slug: 'pc-delta', name: 'Delta Lamp', priceMinor: 1500, category: 'pc-lamps' });
    await create('script', {
      slug: 'pc-script',
      name: SCRIPT_NAME,
      priceMinor: 500,
      category: 'pc-xss',
      status: 'published',
    });
    await create('img', {
      slug: 'pc-img',
      name: IMG_NAME,
      priceMinor: 600,
      category: 'pc-xss',
      status: 'published',
    });
    const token = await asEditor('POST', '/products/preview-token');
    const setCookie = token.headers.get('set-cookie') ?? '';
    preview = setCookie.slice(0, setCookie.indexOf(';'));
  });

  afterAll(async () => {
    await podlet?.close();
    await service?.close();
  });

  describe('a visitor', () => {
    it('on a category page sees its published products by name, with filters, and a public cache', async () => {
      const { response, html } = await page('/c/pc-lamps');

      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe(PUBLIC_FRAGMENT_CACHE);
      expect(html).toMatch(/^<div data-fragment="product-catalog"/);
      expect(html).toContain('<h1 id="catalog-heading" class="catalog-heading">Test Lamps</h1>');
      expect(cardNames(html)).toEqual(['Alpha Lamp', 'Bravo Lamp', 'Charlie Lamp']);
      expect(html).not.toContain('Delta Lamp');
      expect(html).not.toContain('data-testid="draft-badge"');
      expect(html).toMatch(/data-testid="category-filter"[\s\S]*href="\/c\/pc-lamps" aria-current="page"/);
      expect(html).toMatch(/<form[^>]*method="get"[^>]*action="\/c\/pc-lamps"[^>]*data-testid="filters"/);
      expect(html.match(/>\s*Add to cart\s*</g)).toHaveLength(2);
      expect(html).toContain('Sold out');
      expect(catalogSlice(html)).toMatchObject({ page: 1, total: 3 });
    });

    it('pages through the listing with ?page links that keep the filters', async () => {
      const first = await page('/c/pc-lamps?pageSize=2&sort=-price');
      const second = await page('/c/pc-lamps?pageSize=2&sort=-price&page=2');

      expect(cardNames(first.html)).toEqual(['Bravo Lamp', 'Charlie Lamp']);
      expect(first.html).toContain('Page 1 of 2');
      expect(first.html).toContain('href="/c/pc-lamps?page=2&amp;pageSize=2&amp;sort=-price" rel="next"');
      expect(cardNames(second.html)).toEqual(['Alpha Lamp']);
      expect(second.html).toContain('href="/c/pc-lamps?page=1&amp;pageSize=2&amp;sort=-price" rel="prev"');
    });

    it.each([
      ['price', ['Alpha Lamp', 'Charlie Lamp', 'Bravo Lamp']],
      ['-price', ['Bravo Lamp', 'Charlie Lamp', 'Alpha Lamp']],
      ['name', ['Alpha Lamp', 'Bravo Lamp', 'Charlie Lamp']],
    ])('sorted by %s, gets the products in that order with the sort selected', async (sort, names) => {
      const { html } = await page(`/c/pc-lamps?sort=${sort}`);

      expect(cardNames(html)).toEqual(names);
      expect(html).toContain(`<option value="${sort}" selected`);
    });

    it('filtered by a price range in euros, gets only the products inside it', async () => {
      const { html } = await page('/c/pc-lamps?minPrice=15&maxPrice=25.50');

      expect(cardNames(html)).toEqual(['Charlie Lamp']);
      expect(html).toMatch(/name="minPrice"[^>]*value="15"/);
      expect(html).toMatch(/name="maxPrice"[^>]*value="25.50"/);
    });

    it("filtered with min above max, sees the product service's problem instead of products", async () => {
      const { response, html } = await page('/c/pc-lamps?minPrice=30&maxPrice=10');

      expect(response.status).toBe(200);
      expect(html).toMatch(/role="alert" data-testid="problem"/);
      expect(html).toContain('must not be above maxPrice');
      expect(cardNames(html)).toEqual([]);
    });

    it('searching, gets the matching products under a search-results landmark', async () => {
      const { html } = await page('/search?q=zebrawood');

      expect(html).toContain('data-testid="search-results"');
      expect(html).toContain('Search results for “zebrawood”');
      expect(cardNames(html)).toEqual(['Alpha Lamp']);
      expect(html).toMatch(/<form[^>]*method="get"[^>]*action="\/search"[^>]*role="search"/);
      expect(html).toContain('<input type="hidden" name="q" value="zebrawood">');
    });

    it('searching for nothing, gets the search box and no products', async () => {
      const { html } = await page('/search');

      expect(html).toContain('data-testid="search-form"');
      expect(cardNames(html)).toEqual([]);
    });

    it('on a product page sees its images, price, stock and an add-to-cart with quantity', async () => {
      const { response, html } = await page('/products/pc-alpha');

      expect(response.headers.get('cache-control')).toBe(PUBLIC_FRAGMENT_CACHE);
      expect(html).toContain('data-testid="product-detail"');
      expect(html).toContain('<h1 id="product-detail-name" class="product-detail-name">Alpha Lamp</h1>');
      expect(html).toMatch(
        /<img[^>]*src="\/api\/products\/images\/pc-alpha.svg"[^>]*alt="Alpha Lamp switched on"/,
      );
      expect(html).toContain('€10.00');
      expect(html).toContain('In stock: 7');
      expect(html).toContain('<dt>wattage</dt><dd>40</dd>');
      expect(html).toMatch(/<label for="product-detail-quantity">Quantity<\/label>/);
      expect(html).toMatch(/<input id="product-detail-quantity"[^>]*type="number"[^>]*min="1"[^>]*max="7"/);
      expect(html).toMatch(/data-testid="quantity"/);
      // A form the browser posts to the cart without JavaScript (and back to this page), with the page's token.
      const form = /<form class="buy" method="post" action="\/api\/orders\/cart\/items">(.*?)<\/form>/s.exec(
        html,
      )?.[1];
      expect(form).toBeDefined();
      expect(form).toMatch(/<input type="hidden" name="_csrf" value="[^"]+">/);
      expect(form).toContain('<input type="hidden" name="_redirect" value="/products/pc-alpha">');
      expect(form).toMatch(/<input type="hidden" name="productId" value="[0-9a-f-]{36}">/);
      expect(form).toMatch(/name="quantity"/);
      expect(form).toMatch(/<button type="submit"[^>]*>\s*Add to cart\s*<\/button>/);
      expect(catalogSlice(html).products.map((p) => p.name)).toEqual(['Alpha Lamp']);
    });

    it('on a draft\'s or an unknown product\'s page sees "Product not found"', async () => {
      for (const slug of ['pc-delta', 'pc-no-such-thing']) {
        const { response, html } = await page(`/products/${slug}`);
        expect(response.status).toBe(200);
        expect(html).toContain('data-testid="not-found"');
        expect(html).not.toContain('Delta Lamp');
      }
    });

    it.each([
      ['/editor', undefined],
      ['/editor/products/new', undefined],
      ['/editor', 'customer'],
      ['/editor/products/<delta>', 'customer'],
    ])('opening %s (session: %s) is told it is not allowed and sees no drafts', async (path, who) => {
      const { response, html } = await page(
        path.replace('<delta>', ids.delta!),
        who === 'customer' ? customer : undefined,
      );

      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe(PRIVATE_FRAGMENT_CACHE);
      expect(html).toContain('data-testid="not-allowed"');
      expect(html).toContain('not allowed to manage products');
      expect(html).not.toContain('Delta Lamp');
      expect(html).not.toContain('editor-product-form');
    });
  });

  describe('names that look like markup', () => {
    it('render as text, and neither the store slice nor the view can be closed by them', async () => {
      const { html } = await page('/c/pc-xss');

      expect(html).not.toContain(SCRIPT_NAME);
      expect(html).not.toContain(IMG_NAME);
      expect(html).toContain('&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
      expect(html).not.toMatch(/<img src=x/);
      expect(html.match(/<script/g)).toHaveLength(2);
      expect(html.match(/<script type="application\/json"/g)).toHaveLength(2);
      expect(
        catalogSlice(html)
          .products.map((p) => p.name)
          .sort(),
      ).toEqual([IMG_NAME, SCRIPT_NAME].sort());
      expect(JSON.stringify(catalogView(html))).toContain('Odd Names');
    });

    it('render as text on the product page and in the editor list', async () => {
      const detail = await page('/products/pc-img');
      const editorList = await page('/editor', `${csrf.cookie}; ${editor}`);

      expect(detail.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
      expect(detail.html).not.toContain(IMG_NAME);
      expect(editorList.html).not.toContain(IMG_NAME);
      expect(editorList.html).not.toContain(SCRIPT_NAME);
      expect(editorList.html).toContain('&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
    });
  });

  describe('preview', () => {
    it('with the sf_preview cookie, the category lists the draft with a visible Draft marker, privately', async () => {
      const { response, html } = await page('/c/pc-lamps', preview);

      expect(response.headers.get('cache-control')).toBe(PRIVATE_FRAGMENT_CACHE);
      expect(cardNames(html)).toEqual(['Alpha Lamp', 'Bravo Lamp', 'Charlie Lamp', 'Delta Lamp']);
      expect(html).toMatch(
        /data-product-id="[^"]+"[^>]*>(?:(?!<\/li>)[\s\S])*Delta Lamp(?:(?!<\/li>)[\s\S])*data-testid="draft-badge"[^>]*>\s*Draft\s*</,
      );
      expect(html.match(/data-testid="draft-badge"/g)).toHaveLength(1);
    });

    it('with the sf_preview cookie, the draft\'s page shows it marked "Draft"; an editor\'s session alone does not', async () => {
      const { response, html } = await page('/products/pc-delta', preview);
      expect(response.headers.get('cache-control')).toBe(PRIVATE_FRAGMENT_CACHE);
      expect(html).toContain('<h1 id="product-detail-name" class="product-detail-name">Delta Lamp</h1>');
      expect(html).toMatch(/data-testid="draft-badge" data-status="draft">\s*Draft\s*</);

      // The shop's pages are public, whoever is signed in: drafts only show in a preview.
      const signedIn = await page('/products/pc-delta', editor);
      expect(signedIn.response.headers.get('cache-control')).toBe(PUBLIC_FRAGMENT_CACHE);
      expect(signedIn.html).toContain('data-testid="not-found"');
    });
  });

  describe('an editor', () => {
    const editorCookie = () => `${csrf.cookie}; ${editor}`;

    it('sees every product of the catalog with drafts marked, newest first, and no-JS publish forms', async () => {
      const { response, html } = await page('/editor?status=draft', editorCookie());

      expect(response.headers.get('cache-control')).toBe(PRIVATE_FRAGMENT_CACHE);
      expect(html).toContain('data-testid="editor-product-list"');
      expect(html).toContain('Delta Lamp');
      expect(html).not.toContain('Alpha Lamp');
      expect(html).toContain(`href="/editor/products/${ids.delta}"`);
      expect(html).toContain(
        '<a class="new-product sf-button" href="/editor/products/new" data-testid="new-product">',
      );
      const form = new RegExp(
        `<form class="publish-form" method="post" action="/api/products/manage/${ids.delta}">` +
          `<input type="hidden" name="_csrf" value="${csrf.token}">` +
          '<input type="hidden" name="_method" value="PATCH">' +
          '<input type="hidden" name="_redirect" value="/editor">' +
          '<input type="hidden" name="status" value="published">' +
          '<button type="submit" class="secondary" data-testid="publish">Publish<span class="visually-hidden"> Delta Lamp</span>',
      );
      expect(html).toMatch(form);
      expect(html).toMatch(
        new RegExp(
          `<form method="post" action="/api/products/preview-token"[^>]*><input type="hidden" name="_csrf" value="${csrf.token}">`,
        ),
      );
    });

    it('gets a create form that posts to the API with _csrf, labelled fields and the categories', async () => {
      const { html } = await page('/editor/products/new', editorCookie());

      expect(html).toMatch(
        /<form class="editor-form" data-testid="editor-product-form" method="post" action="\/api\/products" novalidate>/,
      );
      expect(html).toContain(`<input type="hidden" name="_csrf" value="${csrf.token}">`);
      expect(html).toContain('<input type="hidden" name="_redirect" value="/editor">');
      expect(html).not.toContain('name="_method"');
      for (const field of [
        'name',
        'slug',
        'description',
        'priceMinor',
        'currency',
        'category',
        'stock',
        'status',
      ]) {
        expect(html).toContain(`<label for="editor-field-${field}">`);
        expect(html).toMatch(new RegExp(`id="editor-field-${field}"[^>]*name="${field}"`));
      }
      expect(html).toContain('<option value="pc-lamps">Test Lamps</option>');
    });

    it('gets an edit form filled with the product, its publish button and a stock form', async () => {
      const { html } = await page(`/editor/products/${ids.delta}`, editorCookie());

      expect(html).toContain('<h1 id="editor-form-heading">Edit Delta Lamp</h1>');
      expect(html).toMatch(
        new RegExp(
          `data-testid="editor-product-form" method="post" action="/api/products/manage/${ids.delta}"`,
        ),
      );
      expect(html).toMatch(/name="name"[^>]*value="Delta Lamp"/);
      expect(html).toMatch(/name="priceMinor"[^>]*value="1500"/);
      expect(html).toContain('<option value="pc-lamps" selected>Test Lamps</option>');
      expect(html).toContain('<input type="hidden" name="_method" value="PATCH">');
      expect(html).toMatch(/data-testid="draft-badge" data-status="draft"/);
      expect(html).toContain('data-testid="publish"');
      expect(html).toMatch(
        new RegExp(`data-testid="stock-form" method="post" action="/api/products/manage/${ids.delta}/stock"`),
      );
    });

    it('asking for a product id that does not exist, is told it is not found', async () => {
      for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
        const { html } = await page(`/editor/products/${id}`, editorCookie());
        expect(html).toContain('data-testid="not-found"');
      }
    });

    it('after publishing a draft through the API, the visitor sees it in the category', async () => {
      await create('echo', { slug: 'pc-echo', name: 'Echo Lamp', priceMinor: 900, category: 'pc-lamps' });
      expect(cardNames((await page('/c/pc-lamps')).html)).not.toContain('Echo Lamp');

      await asEditor('PATCH', `/products/manage/${ids.echo}`, { status: 'published' });

      expect(cardNames((await page('/c/pc-lamps')).html)).toContain('Echo Lamp');
    });
  });
});
