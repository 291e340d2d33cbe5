// COMPOSITION=podium: the layout fetches the fragments itself (no nginx), with the same budgets and fallbacks.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fragments as gatewayFragments } from '../../nginx/render.mjs';
import { get, sleep, startStub, type Stub } from '../../nginx/test/gateway.js';
import { podlets } from '../src/lib/podlets.js';
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

describe('COMPOSITION=podium', () => {
  let layout: RunningLayout;
  let catalog: Stub;
  let cart: Stub;

  beforeAll(async () => {
    catalog = await podlet('product-catalog');
    cart = await podlet('order-management', 1500);
    layout = await startLayout({
      COMPOSITION: 'podium',
      PRODUCT_CATALOG_URL: catalog.url,
      ORDER_MANAGEMENT_URL: cart.url,
      USER_DASHBOARD_URL: `http://127.0.0.1:${await freePort()}`,
    });
  });

  afterAll(async () => {
    await layout?.stop();
    await Promise.all([catalog?.close(), cart?.close()]);
  });

  it('uses the same time budget per fragment as the gateway', () => {
    expect(Object.fromEntries(podlets.map((podlet) => [podlet.name, podlet.budgetMs]))).toEqual(
      Object.fromEntries(gatewayFragments.map((fragment) => [fragment.name, fragment.budgetMs])),
    );
  });

  it('inlines each fragment, fetched with the Podium context and the visitor cookies', async () => {
    const page = await get(`${layout.url}/products/blue-mug?page=2`, {
      headers: { cookie: 'sf_cart=%5B%5D', 'x-request-id': 'podium-test-0001' },
    });
    expect(page.status).toBe(200);
    expect(page.body).not.toContain('<!--#');
    expect(sectionOf(page.body, 'product-catalog')).toEqual({
      path: '/products/blue-mug?page=2',
      mount: '/products/blue-mug',
      public: '/_fragments/product-catalog/',
      locale: 'en-US',
      cookie: 'sf_cart=%5B%5D',
      requestId: 'podium-test-0001',
    });
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
