import { EventEmitter } from 'node:events';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, get, sleep, startGateway, startStub, type Gateway, type Stub } from './gateway.js';

const include = (path: string) => `<!--# include virtual="${path}" -->`;

/** A page as the layout renders it: three slots holding nothing but SSI directives. */
function layoutPage(pathWithQuery: string, requestId: string): string {
  const cartPath = pathWithQuery.startsWith('/cart') ? '/cart' : '/';
  return `<!doctype html><html><head><meta charset="utf-8"><title>t</title></head><body>
<header data-layout-request-id="${requestId}">header</header>
<div data-slot="product-catalog">${include(`/_fragments/product-catalog${pathWithQuery}`)}</div>
<div data-slot="order-management">${include(`/_fragments/order-management${cartPath}`)}</div>
<div data-slot="user-dashboard">${include('/_fragments/user-dashboard/')}</div>
<footer>end of page</footer></body></html>`;
}

const barrier = new EventEmitter();
const arrived = new Set<string>();

function meetAtBarrier(path: string): Promise<boolean> {
  arrived.add(path);
  barrier.emit('arrival');
  const other = path === '/parallel-a' ? '/parallel-b' : '/parallel-a';
  if (arrived.has(other)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), 250);
    barrier.once('arrival', () => {
      clearTimeout(timer);
      resolve(arrived.has(other));
    });
  });
}

/** A podlet stand-in: content echoes what it was sent; `/slow…` sleeps, `/boom…` fails; `/fallback` is static. */
function podlet(name: string) {
  let fallbackVersion = 1;
  return {
    setFallbackVersion(version: number) {
      fallbackVersion = version;
    },
    handler: async (
      req: { url: string; headers: Record<string, string | string[] | undefined> },
      res: import('node:http').ServerResponse,
    ) => {
      const path = new URL(req.url, 'http://x').pathname;
      if (path === '/fallback') {
        res.writeHead(200, { 'content-type': 'text/html', 'cache-control': 'public, max-age=300' });
        res.end(`<p data-fallback="${name}">${name} fallback v${fallbackVersion}</p>`);
        return;
      }
      if (path.startsWith('/assets/pre-')) {
        // As podlet-kit sends an asset its build compressed: the brotli copy for a client that accepts it.
        const source = `export const precompressed = ${JSON.stringify('y'.repeat(4096))};`;
        const brotli = String(req.headers['accept-encoding'] ?? '').includes('br');
        res.writeHead(200, {
          'content-type': 'text/javascript; charset=utf-8',
          vary: 'Accept-Encoding',
          ...(brotli ? { 'content-encoding': 'br' } : {}),
        });
        res.end(brotli ? brotliCompressSync(source) : source);
        return;
      }
      if (path.startsWith('/assets/big-')) {
        // As Express sends a podlet's bundle: text/javascript, large enough to be worth compressing.
        res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
        res.end(`export const filler = ${JSON.stringify('x'.repeat(4096))};`);
        return;
      }
      if (path.startsWith('/assets/')) {
        res.writeHead(200, { 'content-type': 'application/javascript', 'cache-control': 'no-cache' });
        res.end('export {};');
        return;
      }
      if (path.startsWith('/slow')) await sleep(2000);
      if (path.startsWith('/boom')) {
        res.writeHead(500, { 'content-type': 'text/html' });
        res.end('<p>podlet error</p>');
        return;
      }
      if (path.startsWith('/public')) {
        res.writeHead(200, { 'content-type': 'text/html', 'cache-control': 'public, max-age=30' });
        res.end(`<p data-public="${name}">public ${path}</p>`);
        return;
      }
      if (path.startsWith('/parallel')) {
        // Waits (within the budget) for the other include of the page to arrive: it only can while this one is
        // still open if nginx runs the includes side by side.
        const together = await meetAtBarrier(path);
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end(`<p data-parallel="${name}">${together ? 'together' : 'alone'}</p>`);
        return;
      }
      const echo = {
        url: req.url,
        locale: req.headers['podium-locale'],
        requestedBy: req.headers['podium-requested-by'],
        mountOrigin: req.headers['podium-mount-origin'],
        mountPathname: req.headers['podium-mount-pathname'],
        publicPathname: req.headers['podium-public-pathname'],
        cookie: req.headers.cookie,
        requestId: req.headers['x-request-id'],
        acceptEncoding: req.headers['accept-encoding'] ?? null,
        preview: req.headers['podium-preview'] ?? null,
        cspNonce: req.headers['x-csp-nonce'] ?? null,
        csrfToken: req.headers['x-page-csrf-token'] ?? null,
      };
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(
        `<section data-fragment="${name}">${name} content<script type="application/json" data-echo="${name}">${JSON.stringify(echo).replace(/</g, '\\u003c')}</script></section>`,
      );
    },
  };
}

function echoOf(html: string, name: string): Record<string, string | null> {
  const match = new RegExp(`data-echo="${name}">(.*?)</script>`).exec(html);
  if (!match?.[1]) throw new Error(`no ${name} fragment in:\n${html}`);
  return JSON.parse(match[1]) as Record<string, string | null>;
}

describe('the gateway', () => {
  let gateway: Gateway;
  let layout: Stub;
  let catalog: Stub;
  let cart: Stub;
  let dashboardPort: number;
  let users: Stub;
  let products: Stub;
  const cartPodlet = podlet('order-management');
  let storeFile: string;
  let layoutKnowsFallback = false;
  const layoutNonces: string[] = [];

  beforeAll(async () => {
    layout = await startStub((req, res) => {
      const url = new URL(req.url, 'http://x');
      if (url.pathname.startsWith('/_layout/fallbacks/')) {
        const known = layoutKnowsFallback && url.pathname.endsWith('/user-dashboard');
        res.writeHead(known ? 200 : 404, { 'content-type': 'text/html' });
        res.end(known ? '<p data-layout-fallback="user-dashboard">from the layout</p>' : '');
        return;
      }
      if (url.pathname === '/parallel-page') {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end(
          `<html><body>${include('/_fragments/product-catalog/parallel-a')}${include('/_fragments/order-management/parallel-b')}</body></html>`,
        );
        return;
      }
      // Without X-Accel-Expires nginx keeps nothing: every page of this suite is rendered afresh.
      res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'private, no-store',
      });
      layoutNonces.push(String(req.headers['x-csp-nonce']));
      res.end(layoutPage(req.url, String(req.headers['x-request-id'])));
    });
    catalog = await startStub(podlet('product-catalog').handler);
    cart = await startStub(cartPodlet.handler);
    // Nothing listens here: the user-dashboard podlet is down for the whole suite.
    dashboardPort = await freePort();
    users = await startStub((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ service: 'users', url: req.url }));
    });
    products = await startStub((req, res) => {
      res.writeHead(200, {
        'content-type': 'application/json',
        'cache-control': req.url.startsWith('/products/cacheable') ? 'public, max-age=30' : 'no-store',
      });
      res.end(JSON.stringify({ service: 'products', url: req.url }));
    });
    const storeDir = mkdtempSync(join(tmpdir(), 'sf-store-'));
    // nginx workers of a root master run as nobody: the bundle's folder must be readable by anyone, as the repo is.
    chmodSync(storeDir, 0o755);
    storeFile = join(storeDir, 'store.js');
    writeFileSync(storeFile, 'export const getStore = () => {};\n');
    // The store's build writes a gzip copy beside it; this one says so, to tell it from nginx's own compression.
    writeFileSync(`${storeFile}.gz`, gzipSync('export const getStore = () => {}; // the build gzip copy\n'));
    gateway = await startGateway({
      LAYOUT_URL: layout.url,
      PRODUCT_CATALOG_URL: catalog.url,
      ORDER_MANAGEMENT_URL: cart.url,
      USER_DASHBOARD_URL: `http://127.0.0.1:${dashboardPort}`,
      USER_SERVICE_URL: users.url,
      PRODUCT_SERVICE_URL: products.url,
      ORDER_SERVICE_URL: `http://127.0.0.1:${await freePort()}`,
      NOTIFICATION_SERVICE_URL: `http://127.0.0.1:${await freePort()}`,
      STORE_BUNDLE_PATH: storeFile,
      COOKIE_SECURE: 'false',
    });
  });

  afterAll(async () => {
    await gateway?.stop();
    await Promise.all([layout, catalog, cart, users, products].map((stub) => stub?.close()));
  });

  describe('its own health', () => {
    it('when asked for /healthz, answers it itself without asking the layout', async () => {
      const answer = await get(`${gateway.url}/healthz`);
      expect(answer.status).toBe(200);
      expect(layout.requests.some((req) => req.url === '/healthz')).toBe(false);
    });
  });

  describe('pages composed from fragments', () => {
    it("when a page is asked, every SSI include is resolved with the visitor's cookies and the Podium context", async () => {
      const cookie = `sf_cart=%5B%5D; sf_session=abc; sf_csrf=${'c'.repeat(43)}`;
      const answer = await get(`${gateway.url}/products/blue-mug?page=2`, { headers: { cookie } });
      expect(answer.status).toBe(200);
      expect(answer.body).not.toContain('<!--#');
      expect(answer.body).toContain('end of page');

      const catalogEcho = echoOf(answer.body, 'product-catalog');
      expect(catalogEcho).toMatchObject({
        url: '/products/blue-mug?page=2',
        locale: 'en-US',
        requestedBy: 'storefront-layout',
        mountOrigin: gateway.url,
        mountPathname: '/products/blue-mug',
        publicPathname: '/_fragments/product-catalog/',
        cookie,
        acceptEncoding: null,
      });
      expect(echoOf(answer.body, 'order-management')).toMatchObject({
        url: '/',
        publicPathname: '/_fragments/order-management/',
        mountPathname: '/products/blue-mug',
        cookie,
      });

      // One request id across the page, the layout and every fragment, and it is given back to the client.
      const requestId = answer.headers['x-request-id'];
      expect(requestId).toMatch(/^[0-9a-f]{32}$/);
      expect(answer.body).toContain(`data-layout-request-id="${requestId}"`);
      expect(catalogEcho.requestId).toBe(requestId);

      // The layout is asked for an uncompressed body (SSI cannot parse gzip), and sees none of the visitor's
      // cookies: the shell it renders is the same for everyone.
      const layoutRequest = layout.requests.at(-1)!;
      expect(layoutRequest.headers['accept-encoding']).toBeUndefined();
      expect(layoutRequest.headers.cookie).toBeUndefined();
      expect(layoutRequest.headers['x-forwarded-proto']).toBe('http');
    });

    it('when a visitor comes for the first time, mints their sf_csrf at the edge and stamps it into every fragment', async () => {
      const first = await get(`${gateway.url}/products/blue-mug`, { headers: { cookie: 'sf_cart=%5B%5D' } });
      const minted = /^sf_csrf=([0-9a-f]{32}); Path=\/; Max-Age=31536000; SameSite=Strict$/.exec(
        String(first.headers['set-cookie']),
      )?.[1];
      expect(minted, String(first.headers['set-cookie'])).toBeDefined();
      for (const name of ['product-catalog', 'order-management'])
        expect(echoOf(first.body, name).csrfToken).toBe(minted);

      // A returning visitor keeps their token: nothing is set, and their own token is stamped.
      const token = 'k'.repeat(43);
      const again = await get(`${gateway.url}/`, { headers: { cookie: `sf_csrf=${token}; sf_cart=%5B%5D` } });
      expect(again.headers['set-cookie']).toBeUndefined();
      expect(echoOf(again.body, 'product-catalog').csrfToken).toBe(token);

      // A malformed token is replaced, never echoed.
      const forged = await get(`${gateway.url}/`, { headers: { cookie: 'sf_csrf="><script>' } });
      expect(String(forged.headers['set-cookie'])).toMatch(/^sf_csrf=[0-9a-f]{32};/);
      expect(forged.body).not.toContain('"><script>');
    });

    it("when a client sends its own page token and nonce, the fragments get the gateway's placeholders, and the preview flag follows the preview cookie", async () => {
      const csrf = `sf_csrf=${'k'.repeat(43)}`;
      const visitor = await get(`${gateway.url}/`, {
        headers: { cookie: csrf, 'x-page-csrf-token': 'f'.repeat(40), 'x-csp-nonce': 'n'.repeat(32) },
      });
      expect(echoOf(visitor.body, 'product-catalog')).toMatchObject({
        preview: 'false',
        csrfToken: 'k'.repeat(43),
      });
      const fromNginx = layout.requests.slice(-2);
      expect(fromNginx.map((req) => req.url)).toEqual(['/', '/_layout/fallbacks/user-dashboard']);
      const placeholders = catalog.requests.at(-1)!.headers;
      expect(placeholders['x-page-csrf-token']).toMatch(/^sfcsrf[0-9a-f]{32}$/);
      expect(placeholders['x-csp-nonce']).toMatch(/^sfnonce[0-9a-f]{32}$/);
      expect(layout.requests.at(-2)!.headers['x-page-csrf-token']).toBe(placeholders['x-page-csrf-token']);

      const editor = await get(`${gateway.url}/`, {
        headers: { cookie: `${csrf}; sf_session=valid; sf_preview=token` },
      });
      for (const name of ['product-catalog', 'order-management'])
        expect(echoOf(editor.body, name)).toMatchObject({ preview: 'true' });
      // The shell sees the preview cookie, and nothing else of the visitor's.
      expect(layout.requests.at(-2)!.headers.cookie).toBe('sf_preview=token');
    });

    it('when the client sends a request id, the page and its fragments keep it', async () => {
      const answer = await get(`${gateway.url}/`, { headers: { 'x-request-id': 'client-id-12345' } });
      expect(answer.headers['x-request-id']).toBe('client-id-12345');
      expect(echoOf(answer.body, 'product-catalog').requestId).toBe('client-id-12345');
    });

    it('when a page has several includes, they are resolved in parallel', async () => {
      const answer = await get(`${gateway.url}/parallel-page`);
      expect(answer.body).toContain('<p data-parallel="product-catalog">together</p>');
      expect(answer.body).toContain('<p data-parallel="order-management">together</p>');
    });
  });

  describe('compression', () => {
    it('when a browser accepts gzip, the composed page comes compressed', async () => {
      const answer = await get(`${gateway.url}/`, { headers: { 'accept-encoding': 'gzip' } });
      expect(answer.headers['content-encoding']).toBe('gzip');
      expect(answer.body).toContain('product-catalog content');
    });

    it('when a podlet sends a script as text/javascript, it comes compressed', async () => {
      const answer = await get(`${gateway.url}/_fragments/product-catalog/assets/big-1.js`, {
        headers: { 'accept-encoding': 'gzip' },
      });
      expect(answer.headers['content-encoding']).toBe('gzip');
      expect(answer.headers.vary).toContain('Accept-Encoding');
      expect(answer.body).toContain('export const filler');
    });
  });

  describe('security headers', () => {
    it('when anything is answered, the security headers go with it', async () => {
      for (const path of [
        '/',
        '/api/users/me',
        '/_fragments/product-catalog/assets/app-1.js',
        '/nope/../x',
        '/_shared/store.js',
      ]) {
        const answer = await get(`${gateway.url}${path}`);
        expect(answer.headers['content-security-policy'], path).toContain("frame-ancestors 'none'");
        expect(answer.headers['x-content-type-options'], path).toBe('nosniff');
        expect(answer.headers['referrer-policy'], path).toBe('strict-origin-when-cross-origin');
      }
    });

    it('when a visitor came over TLS through the proxy in front, and only then, HSTS is sent', async () => {
      const plain = await get(`${gateway.url}/`);
      expect(plain.headers['strict-transport-security']).toBeUndefined();
      const tls = await get(`${gateway.url}/`, { headers: { 'x-forwarded-proto': 'https' } });
      expect(tls.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    });

    it("when a page is asked, it gets a CSP nonce of its own, without 'unsafe-inline' scripts, and the layout and every include get the same", async () => {
      const nonces: string[] = [];
      for (const headers of [{}, { 'x-request-id': 'client-id-12345', 'x-csp-nonce': 'a'.repeat(32) }]) {
        layoutNonces.length = 0;
        const answer = await get(`${gateway.url}/products/blue-mug`, { headers });
        // The layout got the gateway's placeholder, never a nonce: nginx stamps the nonce into what it sends.
        expect(layoutNonces).toEqual([expect.stringMatching(/^sfnonce[0-9a-f]{32}$/)]);
        const csp = String(answer.headers['content-security-policy']);
        const scriptSrc = /script-src ([^;]*)/.exec(csp)?.[1] ?? '';
        expect(scriptSrc).not.toContain('unsafe-inline');
        const nonce = /'nonce-([0-9a-f]{32})'/.exec(scriptSrc)?.[1];
        expect(nonce, csp).toBeDefined();
        // Never what the client sent: nginx's own.
        expect(nonce).not.toBe('a'.repeat(32));
        expect(echoOf(answer.body, 'product-catalog').cspNonce).toBe(nonce);
        expect(echoOf(answer.body, 'order-management').cspNonce).toBe(nonce);
        nonces.push(nonce!);
      }
      expect(new Set(nonces).size).toBe(2);
      // Not a page: scripts from the origin only, no nonce and no inline scripts at all.
      for (const path of [
        '/api/users/me',
        '/_shared/store.js',
        '/_fragments/product-catalog/assets/app-1.js',
      ]) {
        const csp = String((await get(`${gateway.url}${path}`)).headers['content-security-policy']);
        expect(csp, path).toContain("script-src 'self';");
      }
    });
  });

  describe('a podlet that fails', () => {
    it('when a podlet is slower than its budget, its fallback shows without holding up the page', async () => {
      const answer = await get(`${gateway.url}/slow/page`);
      expect(answer.status).toBe(200);
      expect(answer.body).toContain('product-catalog fallback');
      expect(answer.body).toContain('order-management content');
      // The catalog's budget is 300 ms; the podlet would take 2 s.
      expect(answer.ms).toBeLessThan(1500);
    });

    it('when a podlet is down, its slot is marked unavailable and the rest of the page is unharmed', async () => {
      const answer = await get(`${gateway.url}/`);
      expect(answer.status).toBe(200);
      expect(answer.body).toContain(
        '<div data-slot="user-dashboard"><div data-fragment-unavailable="user-dashboard">',
      );
      expect(answer.body).toContain('product-catalog content');
      expect(answer.body).not.toMatch(/Bad Gateway|an error occurred/i);
    });

    it("when a dead podlet's fallback was never cached, the layout's copy shows", async () => {
      layoutKnowsFallback = true;
      try {
        const answer = await get(`${gateway.url}/`);
        expect(answer.body).toContain(
          '<div data-slot="user-dashboard"><p data-layout-fallback="user-dashboard">from the layout</p></div>',
        );
        const asked = layout.requests.filter((req) => req.url === '/_layout/fallbacks/user-dashboard');
        expect(asked.at(-1)?.headers.cookie).toBeUndefined();
      } finally {
        layoutKnowsFallback = false;
      }
      expect((await get(`${gateway.url}/_layout/fallbacks/user-dashboard`)).status).toBe(404);
      // Kept once read: the next page shows the same copy without asking the layout again.
      const askedBefore = layout.requests.filter(
        (req) => req.url === '/_layout/fallbacks/user-dashboard',
      ).length;
      const again = await get(`${gateway.url}/`);
      expect(again.body).toContain('<p data-layout-fallback="user-dashboard">from the layout</p>');
      expect(layout.requests.filter((req) => req.url === '/_layout/fallbacks/user-dashboard')).toHaveLength(
        askedBefore,
      );
    });

    it('when a podlet fails, its fallback shows, and the cached fallback keeps showing once the podlet is gone', async () => {
      const page = await get(`${gateway.url}/boom`);
      expect(page.body).toContain('<div data-slot="product-catalog"><p data-fallback="product-catalog">');
      const fallbacksFetched = catalog.requests.filter((req) => req.url === '/fallback').length;
      expect(fallbacksFetched).toBeGreaterThan(0);

      await get(`${gateway.url}/boom/again`);
      // Cached: the podlet was not asked for its fallback again.
      expect(catalog.requests.filter((req) => req.url === '/fallback').length).toBe(fallbacksFetched);
      expect(catalog.requests.find((req) => req.url === '/fallback')?.headers.cookie).toBeUndefined();
    });
  });

  describe('what nginx keeps', () => {
    it('when the catalog marks a fragment public, it is kept for signed-in visitors too, but never in a preview', async () => {
      const asked = () => catalog.requests.filter((req) => req.url === '/public/shelf').length;
      await get(`${gateway.url}/public/shelf`);
      await get(`${gateway.url}/public/shelf`);
      expect(asked()).toBe(1);
      // The catalog's pages are the same for signed-in visitors: they share the copy.
      const signedIn = await get(`${gateway.url}/public/shelf`, { headers: { cookie: 'sf_session=token' } });
      expect(signedIn.body).toContain('<p data-public="product-catalog">public /public/shelf</p>');
      expect(asked()).toBe(1);
      // An editor's preview neither reads nor fills the shared copy.
      await get(`${gateway.url}/public/shelf`, { headers: { cookie: 'sf_preview=token' } });
      expect(asked()).toBe(2);
      await get(`${gateway.url}/public/shelf`);
      expect(asked()).toBe(2);
      // The cart fragment's answer without a public Cache-Control is never kept.
      const cartAsked = () => cart.requests.filter((req) => req.url === '/').length;
      const before = cartAsked();
      await get(`${gateway.url}/public/shelf`);
      expect(cartAsked()).toBe(before + 1);
    });

    it('when the product service marks a GET answer public, it is kept', async () => {
      const asked = () => products.requests.filter((req) => req.url.startsWith('/products/cacheable')).length;
      await get(`${gateway.url}/api/products/cacheable?page=1`);
      await get(`${gateway.url}/api/products/cacheable?page=1`);
      expect(asked()).toBe(1);
      await get(`${gateway.url}/api/products/cacheable?page=1`, { headers: { cookie: 'sf_preview=1' } });
      expect(asked()).toBe(2);
      await get(`${gateway.url}/api/products/cacheable?page=1`, { headers: { 'x-preview-token': 't' } });
      expect(asked()).toBe(3);
      const uncached = () => products.requests.filter((req) => req.url === '/products/fresh').length;
      await get(`${gateway.url}/api/products/fresh`);
      await get(`${gateway.url}/api/products/fresh`);
      expect(uncached()).toBe(2);
    });
  });

  describe('fragment assets and the shared store', () => {
    it("when a browser asks a fragment's HTML it gets 404, and its assets with a long immutable cache", async () => {
      expect((await get(`${gateway.url}/_fragments/product-catalog/products`)).status).toBe(404);
      expect((await get(`${gateway.url}/_fragments/product-catalog/manifest.json`)).status).toBe(404);
      const asset = await get(`${gateway.url}/_fragments/product-catalog/assets/app-1.js`);
      expect(asset.status).toBe(200);
      expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(catalog.requests.at(-1)?.url).toBe('/assets/app-1.js');
    });

    it("when a browser accepts brotli, a podlet's precompressed asset passes through as the podlet sent it", async () => {
      const answer = await get(`${gateway.url}/_fragments/product-catalog/assets/pre-1.js`, {
        headers: { 'accept-encoding': 'gzip, deflate, br' },
      });

      expect(answer.headers['content-encoding']).toBe('br');
      expect(answer.headers.vary).toContain('Accept-Encoding');
      expect(answer.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(answer.body).toContain('export const precompressed');
    });

    it("when a browser accepts gzip, the shared store comes as its build's gzip copy", async () => {
      const answer = await get(`${gateway.url}/_shared/store.js`, { headers: { 'accept-encoding': 'gzip' } });

      expect(answer.headers['content-encoding']).toBe('gzip');
      expect(answer.headers.vary).toContain('Accept-Encoding');
      expect(answer.body).toContain('the build gzip copy');
    });

    it('when the shared store is asked, its bundle is served as JavaScript', async () => {
      const answer = await get(`${gateway.url}/_shared/store.js`);
      expect(answer.status).toBe(200);
      expect(answer.headers['content-type']).toContain('application/javascript');
      expect(answer.body).toContain('getStore');
    });
  });

  describe("the services' APIs", () => {
    it('when /api/<service>/… is asked, the service gets it with /api stripped, query intact', async () => {
      const answer = await get(`${gateway.url}/api/products/blue-mug?page=2&category=mugs`);
      expect(JSON.parse(answer.body)).toEqual({
        service: 'products',
        url: '/products/blue-mug?page=2&category=mugs',
      });
      expect(JSON.parse((await get(`${gateway.url}/api/users/me`)).body)).toEqual({
        service: 'users',
        url: '/users/me',
      });
      expect(JSON.parse((await get(`${gateway.url}/api/products`)).body)).toEqual({
        service: 'products',
        url: '/products',
      });
      const unknown = await get(`${gateway.url}/api/nothing`);
      expect(unknown.status).toBe(404);
      expect(unknown.headers['content-type']).toBe('application/problem+json');
    });

    it('when a service is down, its API answers 503 problem+json', async () => {
      const answer = await get(`${gateway.url}/api/orders`);
      expect(answer.status).toBe(503);
      expect(answer.headers['content-type']).toBe('application/problem+json');
      expect(JSON.parse(answer.body)).toMatchObject({ status: 503 });
    });

    it('when sign-ins come too fast, they get 429 while other calls go on', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 10; i += 1) {
        const answer = await get(`${gateway.url}/api/users/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{}',
        });
        statuses.push(answer.status);
        if (answer.status === 429) {
          expect(answer.headers['content-type']).toBe('application/problem+json');
          expect(answer.headers['content-security-policy']).toBeDefined();
        }
      }
      expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
      expect(statuses).toContain(429);
      // Other service calls are not limited.
      expect((await get(`${gateway.url}/api/users/me`)).status).toBe(200);
      expect(
        users.requests.filter((req) => req.url === '/users/login').every((req) => req.method === 'POST'),
      ).toBe(true);
    });
  });
});
