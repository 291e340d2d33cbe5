// COMPOSITION=podium: the layout fetches the fragments itself (no nginx), with the same budgets and fallbacks.
import { createSessionSigner, generateAuthKeyPair } from '@storefront/auth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fragments as gatewayFragments } from '../../nginx/render.mjs';
import { get, sleep, startStub, type Stub } from '../../nginx/test/gateway.js';
import { podlets } from '../src/lib/podlet-registry.js';
import { freePort, startLayout, type RunningLayout } from './support.js';

function podlet(name: string, delayMs = 0) {
  return startStub(async (req, res) => {
    const url = new URL(req.url, 'http://podlet');
    if (url.pathname === '/manifest.json') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ name, version: '1', content: '/', fallback: '/fallback', js: [], css: [] }));
      return;
    }
    if (url.pathname === '/fallback') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(`<p data-fallback="${name}">${name} fallback</p>`);
      return;
    }
    if (url.pathname.startsWith('/assets/')) {
      res.writeHead(200, {
        'content-type': 'text/css',
        'cache-control': 'public, max-age=31536000, immutable',
      });
      res.end('body{}');
      return;
    }
    await sleep(delayMs);
    res.writeHead(200, { 'content-type': 'text/html' });
    const context = JSON.stringify({
      path: req.url,
      mount: req.headers['podium-mount-pathname'],
      public: req.headers['podium-public-pathname'],
      locale: req.headers['podium-locale'],
      cookie: req.headers.cookie ?? null,
      requestId: req.headers['x-request-id'],
      preview: req.headers['podium-preview'],
      csrfToken: req.headers['x-page-csrf-token'] ?? null,
    });
    res.end(`<section data-fragment="${name}">${context.replace(/</g, '\\u003c')}</section>`);
  });
}

const sectionOf = (html: string, name: string) => {
  const match = new RegExp(
    `<div data-slot="${name}"><section data-fragment="${name}">(.*?)</section></div>`,
  ).exec(html);
  if (!match?.[1]) throw new Error(`no ${name} fragment in the page`);
  return JSON.parse(match[1].replaceAll('&quot;', '"')) as Record<string, string | null>;
};

const csrf = 'k'.repeat(43);

describe('COMPOSITION=podium', () => {
  let layout: RunningLayout;
  let catalog: Stub;
  let cart: Stub;
  let products: Stub;
  let signer: ReturnType<typeof createSessionSigner>;

  beforeAll(async () => {
    catalog = await podlet('product-catalog');
    cart = await podlet('order-management', 1500);
    products = await startStub((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify(
          req.url === '/products/categories'
            ? { items: [] }
            : { id: 'p1', slug: 'blue-mug', name: 'Blue mug', priceMinor: 100, currency: 'EUR', stock: 1 },
        ),
      );
    });
    const keys = await generateAuthKeyPair();
    signer = createSessionSigner(keys.privateKey);
    layout = await startLayout({
      AUTH_PUBLIC_KEY: keys.publicKey,
      PRODUCT_SERVICE_URL: products.url,
      COMPOSITION: 'podium',
      PRODUCT_CATALOG_URL: catalog.url,
      ORDER_MANAGEMENT_URL: cart.url,
      USER_DASHBOARD_URL: `http://127.0.0.1:${await freePort()}`,
      // No user service: its default address could be a running storefront's, which knows none of these sessions.
      USER_SERVICE_URL: `http://127.0.0.1:${await freePort()}`,
    });
  });

  afterAll(async () => {
    await layout?.stop();
    await Promise.all([catalog?.close(), cart?.close(), products?.close()]);
  });

  it('uses the same time budget and shared paths per fragment as the gateway', () => {
    const policy = (budgetMs: number, sharedPaths: readonly string[] = []) => ({ budgetMs, sharedPaths });
    expect(
      Object.fromEntries(podlets.map((podlet) => [podlet.name, policy(podlet.budgetMs, podlet.sharedPaths)])),
    ).toEqual(
      Object.fromEntries(
        gatewayFragments.map((fragment) => [fragment.name, policy(fragment.budgetMs, fragment.sharedPaths)]),
      ),
    );
  });

  it('inlines each fragment, fetched with the Podium context and the visitor cookies', async () => {
    const page = await get(`${layout.url}/products/blue-mug?page=2`, {
      headers: { cookie: `sf_cart=%5B%5D; sf_csrf=${csrf}`, 'x-request-id': 'podium-test-0001' },
    });
    expect(page.status).toBe(200);
    expect(page.body).not.toContain('<!--#');
    expect(sectionOf(page.body, 'product-catalog')).toEqual({
      path: '/products/blue-mug?page=2',
      mount: '/products/blue-mug',
      public: '/_fragments/product-catalog/',
      locale: 'en-US',
      cookie: `sf_cart=%5B%5D; sf_csrf=${csrf}`,
      requestId: 'podium-test-0001',
      preview: 'false',
      csrfToken: csrf,
    });
  });

  it("when a signed-in editor previews, sets the same context as nginx and renders the header's personal part itself", async () => {
    const token = await signer.sign({
      id: 'u7',
      email: 'u@example.com',
      name: 'Una',
      role: 'editor',
      sessionId: 's',
    });
    const cookie = `sf_csrf=${csrf}; sf_session=${token}; sf_preview=t`;
    const page = await get(`${layout.url}/`, { headers: { cookie } });
    expect(sectionOf(page.body, 'product-catalog')).toMatchObject({
      preview: 'true',
      cookie,
      csrfToken: csrf,
    });
    expect(page.body).toContain('data-testid="preview-banner"');
    expect(page.body).toContain('<span data-testid="session-user">Una</span>');
    expect(page.body).toContain(`<input type="hidden" name="_csrf" value="${csrf}">`);
    const anonymous = await get(`${layout.url}/`, { headers: { cookie: `sf_csrf=${csrf}` } });
    expect(sectionOf(anonymous.body, 'product-catalog')).toMatchObject({ preview: 'false' });
    expect(anonymous.body).toContain('data-testid="sign-in-link"');
  });

  it('when a visitor comes for the first time, gives the new sf_csrf to the fragments of that very page', async () => {
    const page = await get(`${layout.url}/`, { headers: { cookie: 'sf_cart=%5B%5D' } });
    const setCookie = (page.headers['set-cookie'] ?? []).find((line) => line.startsWith('sf_csrf='));
    const token = setCookie!.slice('sf_csrf='.length, setCookie!.indexOf(';'));
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(sectionOf(page.body, 'product-catalog').csrfToken).toBe(token);
    // A page that set a cookie is this visitor's: no cache may keep it.
    expect(page.headers['x-accel-expires']).toBe('0');
  });

  it('shows the fallback of a late podlet and a placeholder for a dead one, within the budget', async () => {
    const page = await get(`${layout.url}/`);
    expect(page.body).toContain('<div data-slot="order-management"><p data-fallback="order-management">');
    expect(page.body).toContain(
      '<div data-slot="user-dashboard"><div data-fragment-unavailable="user-dashboard">',
    );
    expect(page.ms).toBeLessThan(1400);
  });

  it("serves the podlets' assets and the shared store without nginx", async () => {
    const asset = await get(`${layout.url}/_fragments/product-catalog/assets/client-1.css`);
    expect(asset.status).toBe(200);
    expect(asset.body).toBe('body{}');
    expect(asset.headers['cache-control']).toContain('immutable');
    const store = await get(`${layout.url}/_shared/store.js`);
    expect(store.status).toBe(200);
    expect(store.body).toContain('data-store-slice');
  });
});
