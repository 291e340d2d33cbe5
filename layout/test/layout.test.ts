import { generateAuthKeyPair, createSessionSigner } from '@storefront/auth';
import { DESIGN_STYLESHEET_PATH, designCss } from '@storefront/design';
import { encodeCartCookie, type CartItem } from '@storefront/store';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { get, startStub, type Stub } from '../../nginx/test/gateway.js';
import { freePort, layoutDir, startLayout, type RunningLayout } from './support.js';

/** The shell's own script, compressed as nginx serves it: it follows the store into the header, nothing more. */
const SHELL_SCRIPT_BUDGET_BYTES = 1024;

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

const categories = [
  { slug: 'kitchen', name: 'Kitchen & Dining' },
  { slug: 'office', name: 'Office' },
];
const blueMug = {
  id: '6f1c1f0e-7d0b-4a43-9a44-0d5c6b0a1b2c',
  slug: 'blue-mug',
  name: 'Blue Mug',
  description: 'A blue mug that holds 350 ml and survives the dishwasher.',
  priceMinor: 1250,
  currency: 'EUR',
  category: 'kitchen',
  imageUrl: '/api/products/images/blue-mug.svg',
  images: [],
  stock: 4,
  status: 'published',
};

const PERSONAL_INCLUDE = '<!--# include virtual="/_layout/personal/header" -->';

const jsonLdOf = (html: string) =>
  [...html.matchAll(/<script type="application\/ld\+json">(.*?)<\/script>/g)].map(
    (match) => JSON.parse(match[1]!) as Record<string, unknown>,
  );
const directives = (html: string) =>
  [...html.matchAll(/<div data-slot="([^"]+)"><!--# include virtual="([^"]*)" --><\/div>/g)].map((match) => [
    match[1],
    match[2],
  ]);

describe('the layout (next start)', () => {
  let layout: RunningLayout;
  let catalog: Stub;
  let cart: Stub;
  let products: Stub;
  let users: Stub;
  /** Tokens whose sessions the user service says have ended (signed out elsewhere, a password reset). */
  const endedTokens = new Set<string>();
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
      const json = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (url.pathname === '/products') {
        json(200, {
          items: [
            { slug: 'blue-mug', status: 'published', updatedAt: '2025-01-02T03:04:05.000Z' },
            { slug: 'red-mug', status: 'published' },
          ],
          page: 1,
          pageSize: 100,
          total: 2,
        });
        return;
      }
      if (url.pathname === '/products/categories') {
        json(200, { items: categories });
        return;
      }
      if (url.pathname === '/products/sitemap.json')
        return json(200, {
          total: 2,
          items: [
            { slug: 'blue-mug', updatedAt: '2025-01-02T03:04:05.000Z' },
            { slug: 'red-mug', updatedAt: '2025-01-03T03:04:05.000Z' },
          ],
        });
      if (url.pathname === '/products/blue-mug') return json(200, blueMug);
      if (url.pathname === '/products/broken-mug') return json(500, { status: 500, title: 'Internal' });
      // A draft: only an editor's session or a preview cookie sees it (the product service's rule).
      const cookie = req.headers.cookie ?? '';
      if (url.pathname === '/products/draft-kettle' && /sf_preview=|sf_session=/.test(cookie))
        return json(200, {
          ...blueMug,
          slug: 'draft-kettle',
          name: 'Draft Kettle',
          status: 'draft',
          stock: 0,
        });
      json(404, { status: 404, title: 'Not Found' });
    });
    users = await startStub((req, res) => {
      const token = /(?:^|;\s*)sf_session=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];
      if (req.url !== '/users/session' || !token) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(endedTokens.has(token) ? 401 : 204).end();
    });
    dashboardPort = await freePort();
    layout = await startLayout({
      USER_SERVICE_URL: users.url,
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
    await Promise.all([catalog?.close(), cart?.close(), products?.close(), users?.close()]);
  });

  describe('the document', () => {
    it('when probed, answers /healthz and /readyz', async () => {
      expect((await get(`${layout.url}/healthz`)).status).toBe(200);
      expect((await get(`${layout.url}/readyz`)).status).toBe(200);
    });

    it("stamps nginx's CSP nonce (else its own) on its inline scripts, and sends the matching policy", async () => {
      const nonce = '0123456789abcdef0123456789abcdef';
      const given = await get(`${layout.url}/`, { headers: { 'x-csp-nonce': nonce } });
      expect(given.headers['content-security-policy']).toContain(`script-src 'self' 'nonce-${nonce}'`);
      expect(given.headers['content-security-policy']).not.toContain("script-src 'self' 'unsafe-inline'");
      expect(given.body).toContain(`<script type="importmap" nonce="${nonce}">`);
      // Every inline script carries it.
      const inline = [...given.body.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>/g)].map(
        ([, attributes]) => attributes!,
      );
      const executable = inline.filter((attributes) => !/type="application\/(ld\+)?json"/.test(attributes));
      expect(executable.length).toBeGreaterThan(0);
      for (const attributes of executable) expect(attributes).toContain(`nonce="${nonce}"`);

      // Without nginx (or with a malformed one): a fresh nonce per page.
      const own = await get(`${layout.url}/`, { headers: { 'x-csp-nonce': '"><script>' } });
      const ownNonce = /'nonce-([^']+)'/.exec(String(own.headers['content-security-policy']))?.[1];
      expect(ownNonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
      expect(own.body).toContain(`<script type="importmap" nonce="${ownNonce}">`);
      const again = await get(`${layout.url}/`);
      expect(again.headers['content-security-policy']).not.toContain(ownNonce);
    });

    it("when a page is served, it carries no Next.js runtime: the shell's one script is its own module", async () => {
      for (const path of ['/', '/c/kitchen', '/no-such-page']) {
        const { body } = await get(`${layout.url}${path}`);

        expect(body).toContain('</html>');
        expect(body).not.toMatch(/<script[^>]*src="\/_next\//);
        expect(body).not.toMatch(/<link[^>]*as="script"/);
        expect(body).not.toMatch(/__next_f|TURBOPACK/);
        expect(body).toMatch(
          /<script type="module" src="\/_shared\/shell\.[0-9a-f]{12}\.js" fetchPriority="low">/,
        );
      }
    });

    it("when the shell's script is asked at its fingerprinted name, it is a small module kept a year that imports the shared store", async () => {
      const { body: page } = await get(`${layout.url}/`);
      const path = /<script type="module" src="(\/_shared\/shell\.[0-9a-f]{12}\.js)"/.exec(page)?.[1];

      const script = await get(`${layout.url}${path!}`);

      expect(script.status).toBe(200);
      expect(script.headers['content-type']).toContain('text/javascript');
      expect(script.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(script.body).toContain('from"@storefront/store/browser"');
      expect(script.body).toContain('data-personal-view');
      expect(brotliCompressSync(script.body).length).toBeLessThanOrEqual(SHELL_SCRIPT_BUDGET_BYTES);
      expect((await get(`${layout.url}/_shared/shell.000000000000.js`)).status).toBe(404);
    });

    it('renders a whole document with the import map before any module script', async () => {
      const { status, body, headers } = await get(`${layout.url}/`);
      expect(status).toBe(200);
      expect(headers['content-type']).toContain('text/html');
      expect(body.startsWith('<!DOCTYPE html>')).toBe(true);
      expect(body).toContain('<meta charSet="utf-8"/>');
      expect(body).toContain('<title>Storefront</title>');
      expect(body).toMatch(/<meta name="description" content="[^"]+"\/>/);

      const importMap = body.search(
        /<script type="importmap" nonce="[^"]+">\{"imports":\{"@storefront\/store\/browser":"\/_shared\/store.js"\}\}<\/script>/,
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
      // The manifests are read in the background from the start: on a busy machine the first pages may precede them.
      const read = (body: string) => body.includes('client-abc123.css') && body.includes('cart-def456.js');
      await expect.poll(async () => read((await get(`${layout.url}/`)).body), { timeout: 10_000 }).toBe(true);
      const { body } = await get(`${layout.url}/`);
      const head = body.slice(0, body.indexOf('</head>'));
      expect(head).toContain(
        '<link rel="stylesheet" href="/_fragments/product-catalog/assets/client-abc123.css"/>',
      );
      expect(head).toContain(
        '<script src="/_fragments/product-catalog/assets/client-abc123.js" type="module">',
      );
      expect(head).toContain(
        '<script src="/_fragments/order-management/assets/cart-def456.js" type="module">',
      );
      expect(body).not.toContain('evil.example');
      expect(body).toContain('<div data-slot="user-dashboard">');
    });
  });

  describe('the slots', () => {
    it('when a page of the table is asked, each slot holds nothing but its SSI directive', async () => {
      const expected: Record<string, string[][]> = {
        '/': [
          ['product-catalog', '/_fragments/product-catalog/'],
          ['order-management', '/_fragments/order-management/mini-cart'],
          ['user-dashboard', '/_fragments/user-dashboard/'],
        ],
        '/c/kitchen?page=2&sort=price': [
          ['product-catalog', '/_fragments/product-catalog/c/kitchen?page=2&sort=price'],
          ['order-management', '/_fragments/order-management/mini-cart?page=2&sort=price'],
        ],
        '/search?q=mug': [
          ['product-catalog', '/_fragments/product-catalog/search?q=mug'],
          ['order-management', '/_fragments/order-management/mini-cart?q=mug'],
        ],
        '/products/blue-mug': [
          ['product-catalog', '/_fragments/product-catalog/products/blue-mug'],
          ['order-management', '/_fragments/order-management/mini-cart'],
        ],
        '/cart': [['order-management', '/_fragments/order-management/cart']],
        '/checkout': [['order-management', '/_fragments/order-management/checkout']],
        '/account': [
          ['order-management', '/_fragments/order-management/orders'],
          ['user-dashboard', '/_fragments/user-dashboard/account'],
        ],
        '/account/orders/o-123': [['order-management', '/_fragments/order-management/orders/o-123']],
        '/orders/o-123': [['order-management', '/_fragments/order-management/orders/o-123']],
        '/account/profile': [['user-dashboard', '/_fragments/user-dashboard/account/profile']],
        '/account/notifications': [['user-dashboard', '/_fragments/user-dashboard/account/notifications']],
        '/signin': [['user-dashboard', '/_fragments/user-dashboard/signin']],
        '/signup': [['user-dashboard', '/_fragments/user-dashboard/signup']],
        '/password/forgot': [['user-dashboard', '/_fragments/user-dashboard/password/forgot']],
        '/password/reset': [['user-dashboard', '/_fragments/user-dashboard/password/reset']],
        '/editor': [['product-catalog', '/_fragments/product-catalog/editor']],
        '/editor/products/new': [['product-catalog', '/_fragments/product-catalog/editor/products/new']],
        '/editor/products/p-1': [['product-catalog', '/_fragments/product-catalog/editor/products/p-1']],
      };
      const titles = new Set<string>();
      for (const [path, slots] of Object.entries(expected)) {
        const { status, body } = await get(`${layout.url}${path}`);
        expect(status, path).toBe(200);
        expect(directives(body), path).toEqual(slots);
        // Only the slots and the header's personal part reach nginx's SSI parser: Next's RSC payload carries them
        // escaped (\u003c!--#).
        expect(body.match(/<!--#/g), path).toHaveLength(slots.length + 1);
        expect(body, path).toContain(PERSONAL_INCLUDE);
        titles.add(/<title>([^<]*)<\/title>/.exec(body)?.[1] ?? '');
      }
      // Every page has its own title (`/orders/<id>` is the order's page under its short address, one title).
      expect(titles.size).toBe(Object.keys(expected).length - 1);
    });

    it('when a URL holds quotes, dollars or angle brackets, it cannot break out of the SSI directive', async () => {
      const { body } = await get(`${layout.url}/search?q=%22%20--%3E%24x%3Cy`);
      const found = directives(body);
      expect(found).toHaveLength(2);
      for (const [, directive] of found) expect(directive).not.toMatch(/["$<>\s]/);
      expect(body.match(/<!--#/g)).toHaveLength(3);
    });
  });

  describe("the header's personal part (/_layout/personal/header)", () => {
    const personal = (cookie?: string) =>
      get(`${layout.url}/_layout/personal/header`, {
        headers: { ...(cookie ? { cookie } : {}), 'x-page-csrf-token': 'p'.repeat(40) },
      });

    it('when the visitor has a cart, shows its count in the badge and serializes the cart slice', async () => {
      const cookie = `sf_cart=${encodeCartCookie([item('p1', 3), item('p2', 2)])}`;
      const { body, headers } = await personal(cookie);
      expect(body).toMatch(/<span class="sf-badge" data-testid="cart-badge">5<\/span>/);
      expect(body).toContain('aria-label="Cart, 5 items"');
      expect(body).toContain(
        '<script type="application/json" data-store-slice="cart">{"items":[{"productId":"p1"',
      );
      expect(headers['cache-control']).toBe('private, no-store');

      const empty = await personal('sf_cart=%5Bnot-json');
      expect(empty.body).toMatch(/data-testid="cart-badge">0<\/span>/);
      expect(empty.body).toContain(
        '<script type="application/json" data-store-slice="cart">{"items":[]}</script>',
      );
    });

    it('when the session is valid, shows who is signed in with a no-JS sign-out and serializes the session slice', async () => {
      const token = await signer.sign({
        id: 'u1',
        email: 'ada@example.com',
        name: 'Ada <Lovelace>',
        role: 'customer',
        sessionId: 's1',
      });
      const { body } = await personal(`sf_session=${token}`);
      expect(body).toContain('<span data-testid="session-user">Ada &#60;Lovelace&#62;</span>');
      expect(body).toContain(
        `<form method="post" action="/api/users/logout" class="sf-sign-out"><input type="hidden" name="_csrf" value="${'p'.repeat(40)}">`,
      );
      expect(body).toContain(
        '<script type="application/json" data-store-slice="session">{"user":{"id":"u1","email":"ada@example.com","name":"Ada \\u003cLovelace\\u003e","role":"customer"}}</script>',
      );
      expect(body).not.toContain('data-testid="editor-link"');

      const forged = await personal(`sf_session=${token.slice(0, -4)}AAAA`);
      expect(forged.body).toContain('data-signed-in="false"');
      expect(forged.body).toContain(
        '<script type="application/json" data-store-slice="session">{"user":null}</script>',
      );
    });

    it('when the user service says the session ended elsewhere, shows the visitor signed out though the signature is valid', async () => {
      const token = await signer.sign({
        id: 'u2',
        email: 'grace@example.com',
        name: 'Grace',
        role: 'customer',
        sessionId: 's-ended',
      });
      endedTokens.add(token);

      const { body } = await personal(`sf_session=${token}`);

      expect(body).toContain('data-signed-in="false"');
      expect(body).not.toContain('Grace');
      expect(body).toContain(
        '<script type="application/json" data-store-slice="session">{"user":null}</script>',
      );
    });

    it('when the visitor is an editor, links the editor', async () => {
      const token = await signer.sign({
        id: 'e1',
        email: 'ed@example.com',
        name: 'Ed',
        role: 'editor',
        sessionId: 's2',
      });
      expect((await personal(`sf_session=${token}`)).body).toContain(
        '<a href="/editor" data-testid="editor-link">Editor</a>',
      );
    });

    it('when the visitor has neither session nor cart, answers what every such visitor gets, cacheable', async () => {
      const { body, headers } = await personal('sf_csrf=abc');
      expect(body).toContain('<a href="/signin" data-testid="sign-in-link">Sign in</a>');
      expect(body).toContain('data-testid="cart-badge">0<');
      expect(body).not.toContain('p'.repeat(40));
      expect(headers['cache-control']).toBe('public, max-age=60');
    });
  });

  describe('what nginx may keep, and the CSRF cookie', () => {
    it('when the visitor has no sf_csrf and no composer gave a token, sets the cookie, and only then', async () => {
      const { headers } = await get(`${layout.url}/`);
      const setCookie = (headers['set-cookie'] ?? []).find((cookie) => cookie.startsWith('sf_csrf='));
      expect(setCookie).toBeDefined();
      expect(setCookie).toMatch(/^sf_csrf=[A-Za-z0-9_-]{43,};/);
      expect(setCookie).toMatch(/; Path=\//);
      expect(setCookie).toMatch(/; SameSite=strict/i);
      expect(setCookie).not.toMatch(/HttpOnly/i);

      const token = setCookie!.slice('sf_csrf='.length, setCookie!.indexOf(';'));
      const again = await get(`${layout.url}/`, { headers: { cookie: `sf_csrf=${token}` } });
      expect(again.headers['set-cookie'] ?? []).not.toContainEqual(expect.stringContaining('sf_csrf='));
    });

    it('when a page is public, lets nginx keep it for a second; a preview, a new cookie or an error keep it out', async () => {
      const fromNginx = { 'x-page-csrf-token': 'p'.repeat(40), 'x-csp-nonce': 'n'.repeat(32) };
      await get(`${layout.url}/c/kitchen`, { headers: fromNginx }); // the podlets' manifests are read by now
      const shell = await get(`${layout.url}/c/kitchen`, { headers: fromNginx });
      expect(shell.headers['x-accel-expires']).toBe('1');
      expect(shell.headers['set-cookie']).toBeUndefined();
      // The shell reads no session or cart: it is the same whoever asks.
      const cart = `sf_cart=${encodeCartCookie([item('p1', 7)])}`;
      const withCart = await get(`${layout.url}/c/kitchen`, { headers: { ...fromNginx, cookie: cart } });
      // React's server components send a preload hint for every `<link rel="stylesheet">` they render; the HTML holds
      // it only when it arrives before the head is written (a race, lost once in a CI run under load), whoever asks.
      const withoutStyleHints = (html: string) =>
        html.replace(/<link rel="preload" href="[^"]*" as="style"\/>/g, '');
      expect(withoutStyleHints(withCart.body)).toBe(withoutStyleHints(shell.body));
      expect(withCart.body).not.toContain('"productId":"p1"');

      const preview = await get(`${layout.url}/c/kitchen`, {
        headers: { ...fromNginx, cookie: 'sf_preview=t' },
      });
      expect(preview.headers['x-accel-expires']).toBe('0');
      const firstVisit = await get(`${layout.url}/c/kitchen`);
      expect(firstVisit.headers['set-cookie']).toContainEqual(expect.stringMatching(/^sf_csrf=/));
      expect(firstVisit.headers['x-accel-expires']).toBe('0');
      const broken = await get(`${layout.url}/products/broken-mug`, { headers: fromNginx });
      expect(broken.headers['x-accel-expires']).toBe('0');
    });
  });

  describe('missing and failing pages', () => {
    it('when a product, category or path is missing, answers 404 with the shell, a message and no slot', async () => {
      for (const path of ['/products/no-such-mug', '/c/no-such-category', '/nowhere/at-all', '/products']) {
        const missing = await get(`${layout.url}${path}`, {
          headers: { cookie: `sf_cart=${encodeCartCookie([item('p1', 2)])}` },
        });
        if (path === '/products') {
          // The old listing URL moved to the home page.
          expect(missing.status).toBe(308);
          expect(missing.headers.location).toBe('/');
          continue;
        }
        expect(missing.status, path).toBe(404);
        expect(missing.body, path).toContain('data-testid="not-found"');
        expect(missing.body, path).toContain('<h1>Page not found</h1>');
        expect(missing.body, path).not.toContain('data-slot=');
        expect(missing.body.match(/<!--#/g), path).toEqual(['<!--#']);
        expect(missing.body, path).toContain(PERSONAL_INCLUDE);
        // Next.js gives a 404 response the site's metadata and `noindex`.
        expect(missing.body, path).toMatch(/<meta name="robots" content="noindex[^"]*"\/>/);
        expect(jsonLdOf(missing.body), path).toEqual([]);
      }

      const known = await get(`${layout.url}/products/blue-mug`);
      expect(known.status).toBe(200);
      expect(products.requests.map((req) => req.url)).toContain('/products/blue-mug');
    });

    it('when a file under /_next/static/ is missing, answers a plain 404, while a file of the build is served', async () => {
      const chunks = join(layoutDir, '.next', 'static', 'chunks');
      const built = readdirSync(chunks).find((name) => name.endsWith('.js'));

      const present = await get(`${layout.url}/_next/static/chunks/${built}`);
      expect(present.status).toBe(200);
      expect(present.headers['content-type']).toMatch(/javascript/);
      for (const path of [
        '/_next/static/chunks/nope.js',
        '/_next/static/nope.css',
        '/_next/static/chunks/',
        '/_next/static/chunks/%E0%A4%A.js',
      ]) {
        const missing = await get(`${layout.url}${path}`);
        expect(missing.status, path).toBe(404);
        expect(missing.headers['content-type'], path).toMatch(/^text\/plain/);
        expect(missing.body, path).not.toContain('<html');
      }
    });

    it("when a path's escapes do not spell UTF-8, answers 400 with a page that leads home, not a 500", async () => {
      for (const path of ['/c/%FF', '/products/%C0%AE', '/%E2%82', '/account/%FF?tab=orders']) {
        const bad = await get(`${layout.url}${path}`);
        expect(bad.status, path).toBe(400);
        expect(bad.headers['content-type'], path).toBe('text/html; charset=utf-8');
        expect(bad.headers['cache-control'], path).toBe('no-store');
        expect(bad.body, path).toContain('<h1>This address is not valid</h1>');
        expect(bad.body, path).toContain('<a href="/">Go to the home page</a>');
      }

      const badQuery = await get(`${layout.url}/search?q=%FF`);
      expect(badQuery.status).toBe(200);
    });

    it('when a page is sent anything but GET or HEAD, answers 405 naming those two, not the page', async () => {
      for (const [method, path] of [
        ['POST', '/'],
        ['PUT', '/c/kitchen'],
        ['DELETE', '/products/blue-mug'],
        ['PATCH', '/cart'],
        ['OPTIONS', '/'],
      ] as const) {
        const refused = await get(`${layout.url}${path}`, { method });
        expect(refused.status, `${method} ${path}`).toBe(405);
        expect(refused.headers.allow, `${method} ${path}`).toBe('GET, HEAD');
        expect(refused.headers['content-type'], `${method} ${path}`).toBe('application/problem+json');
        expect(JSON.parse(refused.body), `${method} ${path}`).toMatchObject({ status: 405 });
      }

      expect((await get(`${layout.url}/c/kitchen`, { method: 'HEAD' })).status).toBe(200);
    });

    it('when the product service fails, answers 500 with a real page', async () => {
      const broken = await get(`${layout.url}/products/broken-mug`);
      expect(broken.status).toBe(500);
      expect(broken.body).toContain('data-testid="server-error"');
      expect(broken.body).toContain('<title>Something went wrong · Storefront</title>');
      expect(broken.body).toContain('data-testid="site-header"');
      expect(broken.body).not.toContain('data-slot=');
    });
  });

  describe('what search engines read', () => {
    it('puts title, description, canonical, Open Graph and Product/Offer + BreadcrumbList JSON-LD in a product page', async () => {
      const { body } = await get(`${layout.url}/products/blue-mug`);
      const head = body.slice(0, body.indexOf('</head>'));
      expect(head).toContain('<title>Blue Mug · Storefront</title>');
      expect(head).toContain(
        '<meta name="description" content="A blue mug that holds 350 ml and survives the dishwasher."/>',
      );
      expect(head).toContain('<link rel="canonical" href="https://shop.example/products/blue-mug"/>');
      expect(head).toContain('<meta property="og:title" content="Blue Mug"/>');
      expect(head).toContain('<meta property="og:url" content="https://shop.example/products/blue-mug"/>');
      expect(head).toContain('<meta property="og:type" content="website"/>');
      expect(head).toContain(
        '<meta property="og:image" content="https://shop.example/api/products/images/blue-mug.svg"/>',
      );
      expect(head).not.toContain('name="robots"');
      const [product, trail] = jsonLdOf(body);
      expect(product).toMatchObject({
        '@context': 'https://schema.org',
        '@type': 'Product',
        name: 'Blue Mug',
        sku: blueMug.id,
        url: 'https://shop.example/products/blue-mug',
        category: 'Kitchen & Dining',
        offers: {
          '@type': 'Offer',
          price: '12.50',
          priceCurrency: 'EUR',
          availability: 'https://schema.org/InStock',
        },
      });
      expect(trail).toEqual({
        '@context': 'https://schema.org',
        '@type': 'BreadcrumbList',
        itemListElement: [
          { '@type': 'ListItem', position: 1, name: 'Home', item: 'https://shop.example/' },
          {
            '@type': 'ListItem',
            position: 2,
            name: 'Kitchen & Dining',
            item: 'https://shop.example/c/kitchen',
          },
          {
            '@type': 'ListItem',
            position: 3,
            name: 'Blue Mug',
            item: 'https://shop.example/products/blue-mug',
          },
        ],
      });
    });

    it('gives category, search, home and personal pages their own tags', async () => {
      const category = await get(`${layout.url}/c/kitchen?page=2`);
      expect(category.body).toContain('<title>Kitchen &amp; Dining · Storefront</title>');
      const canonical = (html: string) => /<link rel="canonical" href="([^"]*)"\/>/.exec(html)?.[1];
      expect(canonical(category.body)).toBe('https://shop.example/c/kitchen');
      expect(category.body).toMatch(/<meta property="og:title" content="Kitchen &amp; Dining"\/>/);
      expect(jsonLdOf(category.body)).toEqual([
        expect.objectContaining({
          '@type': 'BreadcrumbList',
          itemListElement: [
            expect.objectContaining({ position: 1, item: 'https://shop.example/' }),
            expect.objectContaining({
              position: 2,
              name: 'Kitchen & Dining',
              item: 'https://shop.example/c/kitchen',
            }),
          ],
        }),
      ]);

      const search = await get(`${layout.url}/search?q=blue%20mug`);
      expect(search.body).toContain('<title>Search results for “blue mug” · Storefront</title>');
      expect(canonical(search.body)).toBe('https://shop.example/search?q=blue%20mug');

      const home = await get(`${layout.url}/`);
      // Next.js writes the root URL without its slash: the same URL.
      expect(canonical(home.body)).toBe('https://shop.example');
      expect(home.body).toContain('<meta property="og:site_name" content="Storefront"/>');
      expect(jsonLdOf(home.body)[0]).toMatchObject({ '@type': 'WebSite', url: 'https://shop.example/' });

      for (const path of [
        '/cart',
        '/checkout',
        '/account',
        '/account/profile',
        '/account/orders/o-1',
        '/orders/o-1',
        '/editor',
        '/password/forgot',
        '/password/reset',
      ]) {
        const page = await get(`${layout.url}${path}`);
        expect(page.body, path).toMatch(/<meta name="robots" content="noindex, follow"\/>/);
      }
      for (const path of ['/', '/c/kitchen', '/products/blue-mug', '/signin'])
        expect((await get(`${layout.url}${path}`)).body, path).not.toContain('name="robots"');
    });
  });

  describe('the header', () => {
    it('renders the header: search form, category links and the include of its personal part', async () => {
      const { body } = await get(`${layout.url}/`);
      expect(body).toContain(
        '<form class="sf-search" role="search" data-testid="search-form" action="/search" method="get">',
      );
      expect(body).toContain('name="q"');
      expect(body).toContain('<a href="/c/kitchen">Kitchen &amp; Dining</a>');
      expect(body).toContain('<a href="/c/office">Office</a>');
      expect(body).toContain(`<div class="sf-personal" data-personal="header">${PERSONAL_INCLUDE}</div>`);
      // Categories are cached: asked once for all these pages.
      expect(products.requests.filter((req) => req.url === '/products/categories')).toHaveLength(1);
    });

    it('when the header is rendered, its categories sit in a <details> menu that a phone opens without JavaScript', async () => {
      const { body } = await get(`${layout.url}/`);

      expect(body).toMatch(
        /<details class="sf-menu"><summary class="sf-menu-toggle">Categories<\/summary><nav class="sf-nav sf-categories" aria-label="Categories" data-testid="category-nav">/,
      );
    });
  });

  describe('the design system', () => {
    it('when a page is rendered, the design stylesheet is linked in <head> before every fragment stylesheet', async () => {
      const { body } = await get(`${layout.url}/`);
      const head = body.slice(0, body.indexOf('</head>'));

      expect(DESIGN_STYLESHEET_PATH).toMatch(/^\/_shared\/design\.[0-9a-f]{12}\.css$/);
      expect(head).toContain(`<link rel="stylesheet" href="${DESIGN_STYLESHEET_PATH}"/>`);
      const fragmentStyles = head.indexOf('/_fragments/');
      if (fragmentStyles >= 0) expect(head.indexOf(DESIGN_STYLESHEET_PATH)).toBeLessThan(fragmentStyles);
    });

    it('when the browser asks for the stylesheet at its fingerprinted name, it is CSS cached for a year; any other name is 404', async () => {
      const answer = await get(`${layout.url}${DESIGN_STYLESHEET_PATH}`);
      const other = await get(`${layout.url}/_shared/design.000000000000.css`);

      expect(answer.status).toBe(200);
      expect(answer.headers['content-type']).toMatch(/^text\/css/);
      expect(answer.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(answer.body).toBe(designCss);
      expect(other.status).toBe(404);
    });
  });

  describe('a preview', () => {
    it('marks a preview: banner with a way out that works with or without JavaScript, no-store, drafts found instead of 404', async () => {
      const csrf = 'c'.repeat(43);
      const plain = await get(`${layout.url}/products/blue-mug`, { headers: { cookie: `sf_csrf=${csrf}` } });
      expect(plain.body).not.toContain('data-testid="preview-banner"');

      const draftForVisitor = await get(`${layout.url}/products/draft-kettle`);
      expect(draftForVisitor.status).toBe(404);

      const cookie = `sf_csrf=${csrf}; sf_preview=preview-token-1`;
      const preview = await get(`${layout.url}/products/draft-kettle`, { headers: { cookie } });
      expect(preview.status).toBe(200);
      expect(preview.headers['cache-control']).toBe('private, no-store');
      expect(preview.body).toMatch(
        /<div class="sf-preview" role="status" data-testid="preview-banner"><strong>Preview<\/strong>/,
      );
      expect(preview.body).toContain(
        '<form data-testid="leave-preview-form" action="/preview/leave" method="post">',
      );
      expect(preview.body).toContain(`<input type="hidden" name="_csrf" value="${csrf}"/>`);
      expect(preview.body).toContain('data-testid="leave-preview"');
      expect(preview.body).toContain('<title>Draft Kettle · Storefront</title>');
      // A draft is never indexed; out of stock says so.
      expect(preview.body).toMatch(/<meta name="robots" content="noindex, follow"\/>/);
      expect(jsonLdOf(preview.body)[0]).toMatchObject({
        offers: { availability: 'https://schema.org/OutOfStock' },
      });
      // The product service got the preview cookie, and only the cookies that matter to it.
      const asked = products.requests.filter((req) => req.url === '/products/draft-kettle').at(-1);
      expect(asked?.headers.cookie).toBe('sf_preview=preview-token-1');

      const left = await get(`${layout.url}/preview/leave`, {
        method: 'POST',
        headers: {
          cookie,
          'content-type': 'application/x-www-form-urlencoded',
          referer: 'https://shop.example/products/draft-kettle?x=1',
        },
        body: `_csrf=${csrf}`,
      });
      expect(left.status).toBe(303);
      expect(left.headers.location).toBe('/products/draft-kettle?x=1');
      expect(left.headers['set-cookie']).toContainEqual(
        expect.stringMatching(/^sf_preview=; Path=\/; Max-Age=0/),
      );

      const forged = await get(`${layout.url}/preview/leave`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: `_csrf=${'x'.repeat(43)}`,
      });
      expect(forged.status).toBe(403);
      expect(forged.headers['content-type']).toBe('application/problem+json');
      expect(forged.headers['set-cookie'] ?? []).not.toContainEqual(expect.stringContaining('sf_preview='));
    });
  });

  describe('robots, sitemap and icon', () => {
    it('serves robots.txt, sitemap.xml with the products, the icon, and JSON-LD on the home page', async () => {
      const robots = await get(`${layout.url}/robots.txt`);
      for (const path of ['/api/', '/account', '/editor', '/checkout', '/cart', '/password/'])
        expect(robots.body).toContain(`Disallow: ${path}\n`);
      expect(robots.body).toContain('Sitemap: https://shop.example/sitemap.xml');
      // sitemap.xml is an index (sitemap.test.ts covers large catalogs): the pages file, then the products.
      const index = await get(`${layout.url}/sitemap.xml`);
      expect(index.headers['content-type']).toContain('xml');
      expect(index.body).toContain('<loc>https://shop.example/sitemaps/products-1.xml</loc>');
      const pages = await get(`${layout.url}/sitemaps/pages.xml`);
      const sitemap = await get(`${layout.url}/sitemaps/products-1.xml`);
      expect(pages.body).toContain('<loc>https://shop.example/</loc>');
      expect(sitemap.body).toContain('<loc>https://shop.example/products/red-mug</loc>');
      expect(sitemap.body).toContain('<loc>https://shop.example/products/blue-mug</loc>');
      expect(sitemap.body).toContain('<lastmod>2025-01-02T03:04:05.000Z</lastmod>');
      expect(pages.body).toContain('<loc>https://shop.example/c/kitchen</loc>');
      expect(pages.body).toContain('<loc>https://shop.example/c/office</loc>');
      expect(sitemap.body).not.toContain('draft-kettle');
      expect((await get(`${layout.url}/icon.svg`)).status).toBe(200);
      const favicon = await get(`${layout.url}/favicon.ico`);
      expect(favicon.status).toBe(308);
      expect(favicon.headers.location).toBe('/icon.svg');
      const home = await get(`${layout.url}/`);
      expect(home.body).toContain(
        '<script type="application/ld+json">{"@context":"https://schema.org","@type":"WebSite"',
      );
    });
  });

  describe("the podlets' manifests and fallbacks", () => {
    it('when a podlet starts after the layout, its assets appear without waiting for traffic', async () => {
      const dashboard = await startStub((req, res) => {
        if (req.url !== '/manifest.json') {
          res.writeHead(404);
          res.end();
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            // A valid Podium manifest (name, version and content are required): the layout reads it with @podium/client.
            name: 'user-dashboard',
            version: '1.0.0',
            content: '/',
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
      // Read in the background from the start, and again a second later when a first read (a busy start) failed.
      await expect
        .poll(async () => (await get(`${layout.url}/_layout/fallbacks/product-catalog`)).status, {
          timeout: 10_000,
        })
        .toBe(200);
      const known = await get(`${layout.url}/_layout/fallbacks/product-catalog`);
      expect(known.body).toBe('<p>product-catalog fallback</p>');
      expect((await get(`${layout.url}/_layout/fallbacks/user-dashboard`)).status).toBe(404);
      expect((await get(`${layout.url}/_layout/fallbacks/nope`)).status).toBe(404);
    });
  });
});
