// The whole composition path with the real pieces: nginx (rendered by nginx/render.mjs) in front of the built
// layout, with small node servers standing in for the podlets.
import { chromium } from '@playwright/test';
import { encodeCartCookie } from '@storefront/store';
import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { get, sleep, startGateway, startStub, type Gateway, type Stub } from '../../nginx/test/gateway.js';
import { freePort, startLayout, type RunningLayout } from './support.js';

/** A fragment's client bundle: binds to the page's one store through the import map, as the real ones do. */
const clientScript = (name: string) => `
import { getStore, cartActions } from '@storefront/store/browser';
const root = document.querySelector('[data-fragment="${name}"]');
if (root) root.dataset.hydrated = 'yes';
window.addToCartFrom = window.addToCartFrom || {};
window.addToCartFrom['${name}'] = () => getStore().dispatch(cartActions.add({
  productId: 'p9', slug: 'green-mug', name: 'Green mug', priceMinor: 900, currency: 'EUR', quantity: 3,
}));
`;

function podlet(name: string, delayMs = 0) {
  return startStub(async (req, res: ServerResponse) => {
    const url = new URL(req.url, 'http://podlet');
    if (url.pathname === '/manifest.json') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          name,
          version: '1.0.0',
          content: '/',
          fallback: '/fallback',
          js: [{ value: `/_fragments/${name}/assets/client-1.js`, type: 'module' }],
          css: [{ value: `/_fragments/${name}/assets/client-1.css` }],
        }),
      );
      return;
    }
    if (url.pathname === '/fallback') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(`<p data-fallback="${name}">${name} is resting</p>`);
      return;
    }
    if (url.pathname.startsWith('/assets/')) {
      res.writeHead(200, {
        'content-type': url.pathname.endsWith('.css') ? 'text/css' : 'application/javascript',
      });
      res.end(url.pathname.endsWith('.css') ? 'body{}' : clientScript(name));
      return;
    }
    await sleep(delayMs);
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(
      `<section data-fragment="${name}" data-path="${url.pathname}${url.search}" data-mount="${String(req.headers['podium-mount-pathname'])}" data-cookie="${encodeURIComponent(String(req.headers.cookie ?? ''))}" data-csrf="${String(req.headers['x-page-csrf-token'])}">${name} content</section>`,
    );
  });
}

describe('a page composed by nginx from the layout and the podlets', () => {
  let layout: RunningLayout;
  let gateway: Gateway;
  let catalog: Stub;
  let cart: Stub;
  let products: Stub;

  beforeAll(async () => {
    catalog = await podlet('product-catalog');
    // Slower than its 500 ms budget: its slot shows the fallback.
    cart = await podlet('order-management', 1500);
    const dashboard = `http://127.0.0.1:${await freePort()}`;
    products = await startStub((req, res) => {
      const body =
        req.url === '/products/categories'
          ? { items: [{ slug: 'kitchen', name: 'Kitchen' }] }
          : {
              id: 'p1',
              slug: 'blue-mug',
              name: 'Blue mug',
              description: '',
              priceMinor: 1200,
              currency: 'EUR',
              category: 'kitchen',
              stock: 1,
            };
      res.writeHead(req.url === '/products/gone-mug' ? 404 : 200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    });
    const podletEnv = {
      PRODUCT_SERVICE_URL: products.url,
      PRODUCT_CATALOG_URL: catalog.url,
      ORDER_MANAGEMENT_URL: cart.url,
      USER_DASHBOARD_URL: dashboard,
    };
    layout = await startLayout({ ...podletEnv, COOKIE_SECURE: 'false' });
    gateway = await startGateway({ ...podletEnv, LAYOUT_URL: layout.url, COOKIE_SECURE: 'false' });
    // The layout reads the manifests (and fallbacks) in the background at start: wait until it has them.
    for (let attempt = 0; attempt < 100; attempt += 1) {
      if ((await get(`${layout.url}/`)).body.includes('/_fragments/product-catalog/assets/client-1.js'))
        break;
      await sleep(100);
    }
  });

  afterAll(async () => {
    await gateway?.stop();
    await layout?.stop();
    await Promise.all([catalog?.close(), cart?.close(), products?.close()]);
  });

  it('resolves every slot in the HTML the browser gets, with the shell around it', async () => {
    const items = [
      { productId: 'p1', slug: 'blue-mug', name: 'Blue mug', priceMinor: 1200, currency: 'EUR', quantity: 2 },
    ];
    const cookie = `sf_cart=${encodeCartCookie(items)}; sf_csrf=${'k'.repeat(43)}`;
    const page = await get(`${gateway.url}/products/blue-mug?page=2`, {
      headers: { cookie, 'accept-encoding': 'gzip' },
    });
    expect(page.status).toBe(200);
    expect(page.headers['content-encoding']).toBe('gzip');
    expect(page.body).not.toContain('<!--#');
    expect(page.body).toContain(
      `<div data-slot="product-catalog"><section data-fragment="product-catalog" data-path="/products/blue-mug?page=2" data-mount="/products/blue-mug" data-cookie="${encodeURIComponent(cookie)}" data-csrf="${'k'.repeat(43)}">product-catalog content</section></div>`,
    );
    // Late and down podlets are replaced by their fallback or a placeholder; the page is whole.
    expect(page.body).toContain('<div data-slot="order-management"><p data-fallback="order-management">');
    expect(page.ms).toBeLessThan(2000);
    // Next's RSC payload still carries the escaped directive, not a second copy of the fragment.
    expect(page.body.match(/data-fragment="product-catalog"/g)).toHaveLength(1);

    expect(page.body).toMatch(/data-testid="cart-badge">2<\/span>/);
    expect(page.body).toMatch(/<script type="importmap" nonce="[0-9a-f]{32}">/);
    expect(page.body).toContain(
      '<script src="/_fragments/product-catalog/assets/client-1.js" type="module">',
    );
    expect(page.body).toContain('</html>');

    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['x-request-id']).toMatch(/^[0-9a-f]{32}$/);
    expect(page.headers['set-cookie'] ?? []).not.toContainEqual(expect.stringContaining('sf_csrf='));
  });

  it("when a visitor comes for the first time, nginx mints their sf_csrf and stamps it into that very page's fragments", async () => {
    const page = await get(`${gateway.url}/`);
    const setCookie = (page.headers['set-cookie'] ?? []).find((line) => line.startsWith('sf_csrf='));
    expect(setCookie).toMatch(/^sf_csrf=[0-9a-f]{32}; Path=\/;/);
    const token = setCookie!.slice('sf_csrf='.length, setCookie!.indexOf(';'));
    expect(page.body).toContain(
      `<div data-slot="product-catalog"><section data-fragment="product-catalog" data-path="/" data-mount="/" data-cookie="" data-csrf="${token}">`,
    );
    expect(page.body).toContain(
      '<div data-slot="user-dashboard"><div data-fragment-unavailable="user-dashboard">',
    );
  });

  // Debian's Chromium (scripts/ensure-system.sh --with-browser installs it), never a downloaded one.
  const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  it('works in a browser: the shared store drives the React badge, and React leaves the slots alone', async () => {
    const browser = await chromium.launch({
      executablePath: chromiumPath,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
    });
    try {
      const context = await browser.newContext();
      const items = [
        {
          productId: 'p1',
          slug: 'blue-mug',
          name: 'Blue mug',
          priceMinor: 1200,
          currency: 'EUR',
          quantity: 2,
        },
      ];
      await context.addCookies([{ name: 'sf_cart', value: encodeCartCookie(items), url: gateway.url }]);
      const page = await context.newPage();
      const problems: string[] = [];
      page.on('pageerror', (error) => problems.push(error.message));
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(message.text());
      });
      await page.goto(`${gateway.url}/c/kitchen`);
      await page.waitForLoadState('networkidle');

      const badge = page.getByTestId('cart-badge');
      await expect.poll(() => badge.textContent()).toBe('2');
      // The fragment's own script ran on the fragment's DOM, and hydration did not replace it.
      const fragment = page.locator(
        '[data-slot="product-catalog"] > section[data-fragment="product-catalog"]',
      );
      await expect.poll(() => fragment.getAttribute('data-hydrated')).toBe('yes');

      // A fragment dispatches to the one store: the shell's badge follows (the cart's cookie is the order service's).
      await page.evaluate(() =>
        (window as unknown as { addToCartFrom: Record<string, () => void> }).addToCartFrom[
          'product-catalog'
        ]!(),
      );
      await expect.poll(() => badge.textContent()).toBe('5');
      expect(await fragment.getAttribute('data-hydrated')).toBe('yes');
      const csrf = (await context.cookies()).find((cookie) => cookie.name === 'sf_csrf');
      expect(csrf).toMatchObject({ httpOnly: false, sameSite: 'Strict' });
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it('keeps the 404 page of a missing product through the gateway', async () => {
    const page = await get(`${gateway.url}/products/gone-mug`);
    expect(page.status).toBe(404);
    expect(page.body).not.toContain('<!--#');
    expect(page.body).toContain('data-testid="not-found"');
    expect(page.body).not.toContain('data-slot=');
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
  });

  it("serves the shell's own assets, the shared store and the podlets' assets on the one origin", async () => {
    const page = await get(`${gateway.url}/`);
    const icon = /<link rel="icon" href="([^"]+)"/.exec(page.body)?.[1];
    const design = /<link rel="stylesheet" href="(\/_shared\/design\.[^"]+\.css)"/.exec(page.body)?.[1];
    for (const path of [icon, design]) {
      expect(path).toBeDefined();
      expect((await get(`${gateway.url}${path!}`)).status).toBe(200);
    }

    const store = await get(`${gateway.url}/_shared/store.js`);
    expect(store.status).toBe(200);
    expect(store.body).toContain('data-store-slice');

    const asset = await get(`${gateway.url}/_fragments/product-catalog/assets/client-1.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers['cache-control']).toContain('immutable');
  });

  it("shows the fallback of a podlet that stopped before ever failing (the layout's copy)", async () => {
    await catalog.close();
    const page = await get(`${gateway.url}/c/kitchen`);
    expect(page.status).toBe(200);
    expect(page.body).toContain(
      '<div data-slot="product-catalog"><p data-fallback="product-catalog">product-catalog is resting</p></div>',
    );
  });
});
