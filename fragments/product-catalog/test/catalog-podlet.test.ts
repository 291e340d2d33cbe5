import { PRIVATE_FRAGMENT_CACHE, PUBLIC_FRAGMENT_CACHE } from '@storefront/podlet-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogSlice, startCatalog } from './support/catalog-podlet.js';
import { product, startFakeProductService } from './support/fake-product-service.js';

const XSS_NAME = '</script><script>alert(1)</script>';

describe('the product catalog podlet', () => {
  const products = [
    product({ name: 'Blue mug', priceMinor: 1250, slug: 'blue-mug' }),
    product({ name: 'Red kettle', priceMinor: 4999, slug: 'red-kettle', stock: 0 }),
    product({ name: XSS_NAME, slug: 'xss' }),
  ];
  let productService: Awaited<ReturnType<typeof startFakeProductService>>;
  let podlet: { url: string; close(): Promise<void> };
  // The listing itself (the home page's shelves ask with `limit`).
  const listingCalls = () =>
    productService.requests.filter(
      (call) => call.url.pathname === '/products' && !call.url.searchParams.has('limit'),
    );

  beforeAll(async () => {
    productService = await startFakeProductService(products);
    podlet = await startCatalog(productService.url);
  });

  afterAll(async () => {
    await podlet?.close();
    await productService?.close();
  });

  it('when the layout reads the manifest, every fingerprinted asset it lists is served with immutable caching', async () => {
    const manifest = (await (await fetch(`${podlet.url}/manifest.json`)).json()) as {
      name: string;
      js: { value: string; type: string }[];
      css: { value: string }[];
    };

    expect(manifest.name).toBe('product-catalog');
    expect(manifest.js).toHaveLength(1);
    expect(manifest.js[0]!.type).toBe('module');
    expect(manifest.css.length).toBeGreaterThan(0);
    for (const asset of [...manifest.js, ...manifest.css]) {
      expect(asset.value).toMatch(
        /^\/_fragments\/product-catalog\/assets\/(entry-client|hydrate)-[\w-]{8,}\.(js|css)$/,
      );
      const response = await fetch(`${podlet.url}${asset.value.replace('/_fragments/product-catalog', '')}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    }
  });

  it('when a page includes the catalog, the grid shows each product with image, name, price and an add button', async () => {
    const response = await fetch(`${podlet.url}/`, { headers: { 'podium-locale': 'en-US' } });
    const html = await response.text();

    expect(response.status).toBe(200);
    expect(html).toMatch(/^<div data-fragment="product-catalog" data-locale="en-US" data-page-path="\/">/);
    expect(html).toContain('Blue mug');
    expect(html).toContain('€12.50');
    expect(html).toContain('€49.99');
    expect(html).toContain('src="/api/products/images/blue-mug.svg"');
    expect(html.match(/>\s*Add to cart\s*</g)).toHaveLength(2);
    expect(html).toContain('Sold out');
    expect(catalogSlice(html)).toMatchObject({ page: 1, total: 3 });
    expect(catalogSlice(html).products.map((p) => p.name)).toEqual(['Blue mug', 'Red kettle', XSS_NAME]);
  });

  it('when a product is named like a script tag, it renders as text and its slice cannot close the script', async () => {
    const html = await (await fetch(`${podlet.url}/`)).text();

    expect(html).not.toContain(XSS_NAME);
    expect(html).toContain('&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
    // The catalog slice and the view the browser hydrates with: both JSON, neither closable by the name.
    expect(html.match(/<script/g)).toHaveLength(2);
    expect(html.match(/<\/script>/g)).toHaveLength(2);
    expect(catalogSlice(html).products[2]!.name).toBe(XSS_NAME);
  });

  it('when the page asks for page 2, the product service is asked for it with the same request id', async () => {
    const response = await fetch(`${podlet.url}/?page=2&pageSize=2`, {
      headers: { 'x-request-id': 'catalog-req-7' },
    });
    const html = await response.text();
    const call = listingCalls().at(-1)!;

    expect(call.url.searchParams.get('page')).toBe('2');
    expect(call.url.searchParams.get('pageSize')).toBe('2');
    expect(call.headers['x-request-id']).toBe('catalog-req-7');
    expect(html).toContain(XSS_NAME.replace(/</g, '&lt;').replace(/>/g, '&gt;'));
    expect(html).toContain('Page 2 of 2');
    expect(html).toContain('href="/?page=1&amp;pageSize=2"');
  });

  it('when the query or the locale is nonsense, the first page renders instead of an error', async () => {
    const response = await fetch(`${podlet.url}/?page=abc&pageSize=-4`, {
      headers: { 'podium-locale': '!!' },
    });
    const call = listingCalls().at(-1)!;

    expect(response.status).toBe(200);
    expect(call.url.searchParams.get('page')).toBe('1');
    expect(call.url.searchParams.get('pageSize')).toBe('24');
    expect(await response.text()).toContain('data-locale="en-US"');
  });

  it.each([['sf_cart=%5B%5D; other=1'], ['sf_session=abc.def.ghi; sf_cart=%5B%5D']])(
    'when the visitor sends %s, the listing is public and no cookie goes upstream (the shop is the same signed in)',
    async (cookie) => {
      const response = await fetch(`${podlet.url}/`, { headers: { cookie } });
      await response.text();

      expect(response.headers.get('cache-control')).toBe(PUBLIC_FRAGMENT_CACHE);
      expect(listingCalls().at(-1)!.headers.cookie).toBeUndefined();
    },
  );

  it('when the request carries an editor preview, it is forwarded to the product service and the answer is private', async () => {
    const response = await fetch(`${podlet.url}/c/kitchen`, {
      headers: {
        cookie: 'sf_preview=preview-token-1; sf_session=abc.def.ghi; sf_cart=%5B%5D; sf_csrf=x',
        'x-request-id': 'catalog-req-8',
      },
    });
    await response.text();
    const call = listingCalls().at(-1)!;

    expect(response.headers.get('cache-control')).toBe(PRIVATE_FRAGMENT_CACHE);
    expect(call.headers.cookie).toBe('sf_preview=preview-token-1');
    expect(call.headers['x-request-id']).toBe('catalog-req-8');
    expect(call.url.searchParams.get('category')).toBe('kitchen');
  });

  it('when the path is not one the catalog serves, it answers 200 with nothing visible', async () => {
    const response = await fetch(`${podlet.url}/account/profile`);
    const html = await response.text();

    expect(response.status).toBe(200);
    expect(html).not.toContain('Add to cart');
    expect(html).not.toMatch(/<h1/);
  });

  it('when the layout asks for the fallback, it gets a small static snippet', async () => {
    const response = await fetch(`${podlet.url}/fallback`);

    expect(response.status).toBe(200);
    expect(await response.text()).toContain('Products are unavailable right now');
  });
});

describe('the home page of the product catalog', () => {
  // 40 products: the listing's first page (24 by name), the Featured shelf (the five editors marked, one of them
  // on the listing's first page too) and the New shelf (the 8 newest that neither shows).
  const featuredNumbers = new Set([3, 26, 28, 30, 34]);
  const products = Array.from({ length: 40 }, (_, i) => ({
    ...product({ name: `Lamp ${String(i).padStart(2, '0')}`, slug: `lamp-${i}`, priceMinor: 1000 + i * 10 }),
    featured: featuredNumbers.has(i),
  }));
  let productService: Awaited<ReturnType<typeof startFakeProductService>>;
  let podlet: { url: string; close(): Promise<void> };

  beforeAll(async () => {
    productService = await startFakeProductService(products);
    podlet = await startCatalog(productService.url);
  });

  afterAll(async () => {
    await podlet?.close();
    await productService?.close();
  });

  /** The product names of each card in the part of the page with this data-testid. */
  const namesIn = (html: string, testid: string) => {
    const start = html.indexOf(`data-testid="${testid}"`);
    const end = html.indexOf('</section>', start);
    return [...html.slice(start, end).matchAll(/<a href="\/products\/[^"]+"[^>]*>([^<]+)<\/a>/g)].map(
      (m) => m[1],
    );
  };

  it('when a visitor opens the home page, "Featured" (what editors marked) and "New" come above the full listing, each with its add buttons', async () => {
    const response = await fetch(`${podlet.url}/`);
    const html = await response.text();

    expect(response.status).toBe(200);
    expect(html).toMatch(/<h2 id="catalog-section-featured"[^>]*>Featured<\/h2>/);
    expect(html).toMatch(/<h2 id="catalog-section-new"[^>]*>New<\/h2>/);
    expect(html.indexOf('data-testid="section-featured"')).toBeLessThan(
      html.indexOf('data-testid="section-new"'),
    );
    expect(html.indexOf('data-testid="section-new"')).toBeLessThan(html.indexOf('id="all-products"'));
    // Every featured product, by name (Lamp 03 is on the listing's first page as well); then the newest the page
    // does not show yet; the listing keeps its first 24 by name.
    expect(namesIn(html, 'section-featured')).toEqual([
      'Lamp 03',
      'Lamp 26',
      'Lamp 28',
      'Lamp 30',
      'Lamp 34',
    ]);
    expect(namesIn(html, 'section-new')).toEqual([
      'Lamp 39',
      'Lamp 38',
      'Lamp 37',
      'Lamp 36',
      'Lamp 35',
      'Lamp 33',
      'Lamp 32',
      'Lamp 31',
    ]);
    expect(catalogSlice(html).products.map((p) => p.name)).toEqual(products.slice(0, 24).map((p) => p.name));
    expect(html.match(/>\s*Add to cart\s*</g)).toHaveLength(24 + 5 + 8);
    // The shelves ask for featured products and the newest, never the priciest ("featured" once meant that).
    expect(
      productService.requests.some((request) => request.url.searchParams.get('featured') === 'true'),
    ).toBe(true);
    expect(productService.requests.some((request) => request.url.searchParams.get('sort') === '-price')).toBe(
      false,
    );
    // Each shelf links to the whole listing it comes from; the hidden words tell its link from the other.
    expect(html).toMatch(/href="\/\?sort=newest"[^>]*>All products<span[^>]*>, newest first</);
    expect(html).toMatch(/href="\/\?featured=true"[^>]*>All products<span[^>]*>, every featured product</);
  });

  /** Per picture of the page, in order: loaded at once and first in line, or when it comes into view. */
  const pictureLoading = (html: string) =>
    [...html.matchAll(/<img [^>]*>/g)].map(([tag]) =>
      tag.includes('loading="eager"') && tag.includes('fetchpriority="high"')
        ? 'at once'
        : tag.includes('loading="lazy"') && !tag.includes('fetchpriority')
          ? 'in view'
          : tag,
    );

  it('when a visitor opens a listing, the pictures of its first four cards load at once, the others in view', async () => {
    const home = pictureLoading(await (await fetch(`${podlet.url}/`)).text());
    const secondPage = pictureLoading(await (await fetch(`${podlet.url}/?page=2`)).text());

    // On the home page the first four are the Featured shelf's; the New shelf and the listing wait.
    expect(home).toEqual([...Array(4).fill('at once'), ...Array(5 - 4 + 8 + 24).fill('in view')]);
    expect(secondPage).toEqual([...Array(4).fill('at once'), ...Array(16 - 4).fill('in view')]);
  });

  it('when a listing renders, its headings go down one level at a time: page, shelf, card (none skipped)', async () => {
    const levels = async (query: string) =>
      [...(await (await fetch(`${podlet.url}/${query}`)).text()).matchAll(/<h([1-6])[\s>]/g)].map(
        ([, level]) => Number(level),
      );
    const skips = (found: number[]) => found.filter((level, i) => i > 0 && level > found[i - 1]! + 1);

    const home = await levels('');
    const secondPage = await levels('?page=2');

    expect(home.slice(0, 3)).toEqual([1, 2, 3]);
    expect(skips(home)).toEqual([]);
    expect(secondPage.slice(0, 2)).toEqual([1, 2]);
    expect(skips(secondPage)).toEqual([]);
  });

  it("when the visitor follows the Featured shelf's link, the listing shows only featured products", async () => {
    const html = await (await fetch(`${podlet.url}/?featured=true`)).text();

    expect(html).toMatch(/<h1[^>]*>Featured products<\/h1>/);
    expect(catalogSlice(html).products.map((p) => p.name)).toEqual([
      'Lamp 03',
      'Lamp 26',
      'Lamp 28',
      'Lamp 30',
      'Lamp 34',
    ]);
    expect(html).not.toContain('data-testid="section-new"');
  });

  it('shows the listing alone on a later page or with a filter', async () => {
    for (const query of ['?page=2', '?sort=newest', '?minPrice=5']) {
      const html = await (await fetch(`${podlet.url}/${query}`)).text();
      expect(html).toContain('data-testid="product-listing"');
      expect(html).not.toContain('data-testid="section-new"');
      expect(html).not.toContain('id="all-products"');
    }
  });
});

describe('the product catalog podlet without its product service', () => {
  it('when the product service is down, the content answers 502 with the fallback text', async () => {
    const gone = await startFakeProductService([]);
    await gone.close();
    const podlet = await startCatalog(gone.url);
    try {
      const response = await fetch(`${podlet.url}/`);
      const body = await response.text();

      expect(response.status).toBe(502);
      expect(body).toContain('Products are unavailable right now');
      expect(body).not.toMatch(/at \w+ \(|Error:/);
    } finally {
      await podlet.close();
    }
  });
});
