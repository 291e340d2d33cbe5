import { generateAuthKeyPair, createSessionSigner } from '@storefront/auth';
import { encodeCartCookie, type CartItem } from '@storefront/store';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { get, startStub, type Stub } from '../../nginx/test/gateway.js';
import { freePort, layoutDir, startLayout, type RunningLayout } from './support.js';

const item = (productId: string, quantity: number): CartItem => ({
  productId,
  slug: `slug-${productId}`,
  name: `Product ${productId}`,
  priceMinor: 1250,
  currency: 'EUR',
  quantity,
});

/** A podlet that only answers its Podium manifest. */
function manifestPodlet(name: string, manifest: Record<string, unknown>) {
  return startStub((req, res) => {
    if (req.url === '/manifest.json') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ name, version: '1.0.0', content: '/', fallback: '/fallback', ...manifest }));
      return;
    }
    if (req.url === '/fallback') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(`<p>${name} fallback</p>`);
      return;
    }
    res.writeHead(404);
    res.end();
  });
}

describe('the layout (next start)', () => {
  let layout: RunningLayout;
  let catalog: Stub;
  let cart: Stub;
  let products: Stub;
  let dashboardPort: number;
  let signer: ReturnType<typeof createSessionSigner>;

  beforeAll(async () => {
    const keys = await generateAuthKeyPair();
    signer = createSessionSigner(keys.privateKey);
    catalog = await manifestPodlet('product-catalog', {
      js: [
        { value: '/_fragments/product-catalog/assets/client-abc123.js', type: 'module' },
        { value: 'https://evil.example/steal.js', type: 'module' },
      ],
      css: [{ value: '/_fragments/product-catalog/assets/client-abc123.css', type: 'text/css' }],
    });
    cart = await manifestPodlet('order-management', {
      js: [{ value: '/_fragments/order-management/assets/cart-def456.js', type: 'module' }],
      css: [],
    });
    products = await startStub((req, res) => {
      const url = new URL(req.url, 'http://products');
      if (url.pathname === '/products') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            items: [{ slug: 'blue-mug' }, { slug: 'red-mug' }],
            page: 1,
            pageSize: 100,
            total: 2,
          }),
        );
        return;
      }
      const known = url.pathname === '/products/blue-mug';
      res.writeHead(known ? 200 : 404, { 'content-type': 'application/json' });
      res.end(JSON.stringify(known ? { slug: 'blue-mug' } : { status: 404, title: 'Not Found' }));
    });
    dashboardPort = await freePort();
    layout = await startLayout({
      PRODUCT_SERVICE_URL: products.url,
      GATEWAY_URL: 'https://shop.example',
      PRODUCT_CATALOG_URL: catalog.url,
      ORDER_MANAGEMENT_URL: cart.url,
      // Nothing listens there: the user-dashboard podlet is down.
      USER_DASHBOARD_URL: `http://127.0.0.1:${dashboardPort}`,
      AUTH_PUBLIC_KEY: keys.publicKey,
      COOKIE_SECURE: 'false',
    });
  });

  afterAll(async () => {
    await layout?.stop();
    await Promise.all([catalog?.close(), cart?.close(), products?.close()]);
  });

  it('answers /healthz and /readyz', async () => {
    expect((await get(`${layout.url}/healthz`)).status).toBe(200);
    expect((await get(`${layout.url}/readyz`)).status).toBe(200);
  });

  it('renders a whole document with the import map before any module script', async () => {
    const { status, body, headers } = await get(`${layout.url}/`);
    expect(status).toBe(200);
    expect(headers['content-type']).toContain('text/html');
    expect(body.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(body).toContain('<meta charSet="utf-8"/>');
    expect(body).toContain('<title>Storefront</title>');
    expect(body).toMatch(/<meta name="description" content="[^"]+"\/>/);

    const importMap = body.indexOf(
      '<script type="importmap">{"imports":{"@storefront/store/browser":"/_shared/store.js"}}</script>',
    );
    expect(importMap).toBeGreaterThan(0);
    const firstModule = Math.min(
      ...[/<script[^>]*type="module"/, /rel="modulepreload"/]
        .map((pattern) => body.search(pattern))
        .filter((index) => index >= 0),
    );
    expect(importMap).toBeLessThan(firstModule);
    expect(importMap).toBeLessThan(body.indexOf('</head>'));
  });

  it("puts each podlet's manifest assets in <head>, its own only, and survives a podlet that is down", async () => {
    const { body } = await get(`${layout.url}/`);
    const head = body.slice(0, body.indexOf('</head>'));
    expect(head).toContain(
      '<link rel="stylesheet" href="/_fragments/product-catalog/assets/client-abc123.css"/>',
    );
    expect(head).toContain(
      '<script src="/_fragments/product-catalog/assets/client-abc123.js" type="module">',
    );
    expect(head).toContain('<script src="/_fragments/order-management/assets/cart-def456.js" type="module">');
    expect(body).not.toContain('evil.example');
    expect(body).toContain('<div data-slot="user-dashboard">');
  });

  it('renders three slots holding nothing but their SSI directives', async () => {
    const { body } = await get(`${layout.url}/products/blue-mug?page=2&category=mugs`);
    expect(body).toContain(
      '<div data-slot="product-catalog"><!--# include virtual="/_fragments/product-catalog/products/blue-mug?page=2&category=mugs" --></div>',
    );
    expect(body).toContain(
      '<div data-slot="order-management"><!--# include virtual="/_fragments/order-management/" --></div>',
    );
    expect(body).toContain(
      '<div data-slot="user-dashboard"><!--# include virtual="/_fragments/user-dashboard/" --></div>',
    );
    // Only these three reach nginx's SSI parser: Next's RSC payload carries them escaped (\u003c!--#).
    expect(body.match(/<!--#/g)).toHaveLength(3);

    const cartPage = await get(`${layout.url}/cart`);
    expect(cartPage.body).toContain('<!--# include virtual="/_fragments/order-management/cart" -->');
    expect(cartPage.body).toContain('<title>Your cart · Storefront</title>');
  });

  it('never lets a URL break out of the SSI directive', async () => {
    const { body } = await get(`${layout.url}/a%22b%24c%3Cd?q=%22%20--%3E%24x`);
    const directive = /<!--# include virtual="([^"]*)" -->/.exec(body)?.[1];
    expect(directive).toBeDefined();
    expect(directive).not.toMatch(/["$<>\s]/);
    expect(body.match(/<!--#/g)).toHaveLength(3);
  });

  it('shows the cart count from the sf_cart cookie in the badge and serializes the cart slice', async () => {
    const cookie = `sf_cart=${encodeCartCookie([item('p1', 3), item('p2', 2)])}`;
    const { body } = await get(`${layout.url}/`, { headers: { cookie } });
    expect(body).toMatch(/<span class="sf-badge" data-testid="cart-badge">5<\/span>/);
    expect(body).toContain(
      '<script type="application/json" data-store-slice="cart">{"items":[{"productId":"p1"',
    );

    const empty = await get(`${layout.url}/`, { headers: { cookie: 'sf_cart=%5Bnot-json' } });
    expect(empty.body).toMatch(/data-testid="cart-badge">0<\/span>/);
    expect(empty.body).toContain(
      '<script type="application/json" data-store-slice="cart">{"items":[]}</script>',
    );
  });

  it('shows who is signed in from a valid sf_session and serializes the session slice', async () => {
    const token = await signer.sign({
      id: 'u1',
      email: 'ada@example.com',
      name: 'Ada <Lovelace>',
      role: 'customer',
      sessionId: 's1',
    });
    const { body } = await get(`${layout.url}/`, { headers: { cookie: `sf_session=${token}` } });
    expect(body).toContain('<span data-testid="session-user">Ada &lt;Lovelace&gt;</span>');
    expect(body).toContain(
      '<script type="application/json" data-store-slice="session">{"user":{"id":"u1","email":"ada@example.com","name":"Ada \\u003cLovelace\\u003e","role":"customer"}}</script>',
    );

    const forged = await get(`${layout.url}/`, {
      headers: { cookie: `sf_session=${token.slice(0, -4)}AAAA` },
    });
    expect(forged.body).toContain('data-signed-in="false"');
    expect(forged.body).toContain(
      '<script type="application/json" data-store-slice="session">{"user":null}</script>',
    );
  });

  it('sets the sf_csrf cookie when missing, and only then', async () => {
    const { headers } = await get(`${layout.url}/products`);
    const setCookie = (headers['set-cookie'] ?? []).find((cookie) => cookie.startsWith('sf_csrf='));
    expect(setCookie).toBeDefined();
    expect(setCookie).toMatch(/^sf_csrf=[A-Za-z0-9_-]{43,};/);
    expect(setCookie).toMatch(/; Path=\//);
    expect(setCookie).toMatch(/; SameSite=strict/i);
    expect(setCookie).not.toMatch(/HttpOnly/i);

    const token = setCookie!.slice('sf_csrf='.length, setCookie!.indexOf(';'));
    const again = await get(`${layout.url}/products`, { headers: { cookie: `sf_csrf=${token}` } });
    expect(again.headers['set-cookie'] ?? []).not.toContainEqual(expect.stringContaining('sf_csrf='));
  });

  it('renders every request anew (personalised HTML is never cached)', async () => {
    const one = await get(`${layout.url}/`, {
      headers: { cookie: `sf_cart=${encodeCartCookie([item('p1', 1)])}` },
    });
    const two = await get(`${layout.url}/`, {
      headers: { cookie: `sf_cart=${encodeCartCookie([item('p1', 7)])}` },
    });
    expect(one.body).toMatch(/data-testid="cart-badge">1</);
    expect(two.body).toMatch(/data-testid="cart-badge">7</);
    expect(one.headers['cache-control']).toContain('no-store');
  });

  it('answers 404 for a product the product service does not know, with the page still composed', async () => {
    const missing = await get(`${layout.url}/products/no-such-mug`);
    expect(missing.status).toBe(404);
    expect(missing.body).toContain(
      '<div data-slot="product-catalog"><!--# include virtual="/_fragments/product-catalog/products/no-such-mug" --></div>',
    );
    expect(missing.body).toContain('<meta name="robots" content="noindex"/>');
    expect(missing.body).toMatch(/data-testid="cart-badge">0</);

    const known = await get(`${layout.url}/products/blue-mug`);
    expect(known.status).toBe(200);
    expect(known.body).toContain('<link rel="canonical" href="https://shop.example/products/blue-mug"/>');
    expect(products.requests.map((req) => req.url)).toContain('/products/blue-mug');
  });

  it('serves robots.txt, sitemap.xml with the products, the icon, and JSON-LD on the home page', async () => {
    const robots = await get(`${layout.url}/robots.txt`);
    expect(robots.body).toContain('Disallow: /api/');
    expect(robots.body).toContain('Sitemap: https://shop.example/sitemap.xml');
    const sitemap = await get(`${layout.url}/sitemap.xml`);
    expect(sitemap.headers['content-type']).toContain('xml');
    expect(sitemap.body).toContain('<loc>https://shop.example/products/red-mug</loc>');
    expect((await get(`${layout.url}/icon.svg`)).status).toBe(200);
    const favicon = await get(`${layout.url}/favicon.ico`);
    expect(favicon.status).toBe(308);
    expect(favicon.headers.location).toBe('/icon.svg');
    const home = await get(`${layout.url}/`);
    expect(home.body).toContain(
      '<script type="application/ld+json">{"@context":"https://schema.org","@type":"WebSite"',
    );
  });

  it('picks up a podlet that starts after the layout, without waiting for traffic', async () => {
    const dashboard = await startStub((req, res) => {
      if (req.url !== '/manifest.json') {
        res.writeHead(404);
        res.end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          name: 'user-dashboard',
          js: [{ value: '/_fragments/user-dashboard/assets/main-1.js', type: 'module' }],
          css: [],
        }),
      );
    }, dashboardPort);
    try {
      await expect
        .poll(async () => dashboard.requests.some((req) => req.url === '/manifest.json'), { timeout: 5000 })
        .toBe(true);
      const { body } = await get(`${layout.url}/`);
      expect(body).toContain('<script src="/_fragments/user-dashboard/assets/main-1.js" type="module">');
    } finally {
      await dashboard.close();
    }
  });

  it("keeps each podlet's fallback from its manifest for nginx's last resort", async () => {
    const known = await get(`${layout.url}/_layout/fallbacks/product-catalog`);
    expect(known.status).toBe(200);
    expect(known.body).toBe('<p>product-catalog fallback</p>');
    expect((await get(`${layout.url}/_layout/fallbacks/user-dashboard`)).status).toBe(404);
    expect((await get(`${layout.url}/_layout/fallbacks/nope`)).status).toBe(404);
  });

  it('loads the shared store through the import map: the bundler left the import alone', () => {
    const chunks = join(layoutDir, '.next', 'static', 'chunks');
    const withImport = readdirSync(chunks, { recursive: true })
      .map(String)
      .filter((file) => file.endsWith('.js'))
      .filter((file) =>
        readFileSync(join(chunks, file), 'utf8').includes('import("@storefront/store/browser")'),
      );
    expect(withImport.length).toBeGreaterThan(0);
  });
});
