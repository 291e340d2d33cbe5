// The layout's Podium side in-process: podlets registered with @podium/layout's client, manifests and fallbacks read
// and kept by it, fragments fetched through it with the context, the budget and the fallback.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sleep, startStub, type Stub } from '../../nginx/test/gateway.js';
import { freePort } from './support.js';

let mode: 'ok' | 'error' | 'slow' | 'bad-manifest' = 'ok';

function catalogPodlet() {
  return startStub(async (req, res) => {
    const url = new URL(req.url, 'http://podlet');
    if (url.pathname === '/manifest.json') {
      res.writeHead(200, { 'content-type': 'application/json' });
      const manifest =
        mode === 'bad-manifest'
          ? { name: 'product-catalog', js: [{ value: '/_fragments/product-catalog/assets/new.js' }] }
          : {
              name: 'product-catalog',
              version: '1.0.0',
              content: '/',
              fallback: '/fallback',
              js: [
                { value: '/_fragments/product-catalog/assets/client-1.js', type: 'module', defer: true },
                { value: 'https://evil.example/steal.js', type: 'module' },
                { value: '//evil.example/protocol-relative.js' },
                { value: '/_fragments/order-management/assets/not-mine.js' },
              ],
              css: [{ value: '/_fragments/product-catalog/assets/client-1.css', media: 'screen' }],
            };
      res.end(JSON.stringify(manifest));
      return;
    }
    if (url.pathname === '/fallback') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<p data-fallback="product-catalog">resting</p>');
      return;
    }
    if (mode === 'slow') await sleep(1000);
    res.writeHead(mode === 'error' ? 503 : 200, { 'content-type': 'text/html' });
    res.end(
      `<section>${JSON.stringify({ url: req.url, headers: req.headers }).replace(/</g, '\\u003c')}</section>`,
    );
  });
}

describe('the Podium client in the layout', () => {
  let catalog: Stub;
  let lib: typeof import('../src/lib/podlet-manifests.js');
  let composition: typeof import('../src/lib/composition.js');

  beforeAll(async () => {
    catalog = await catalogPodlet();
    vi.stubEnv('PRODUCT_CATALOG_URL', catalog.url);
    vi.stubEnv('ORDER_MANAGEMENT_URL', `http://127.0.0.1:${await freePort()}`);
    vi.stubEnv('USER_DASHBOARD_URL', `http://127.0.0.1:${await freePort()}`);
    lib = await import('../src/lib/podlet-manifests.js');
    composition = await import('../src/lib/composition.js');
  });

  afterAll(async () => {
    vi.useRealTimers();
    vi.unstubAllEnvs();
    await catalog?.close();
  });

  const visitor = () => ({
    pagePath: '/c/kitchen',
    origin: 'https://shop.example',
    cookie: 'sf_csrf=abc; sf_cart=%5B%5D',
    requestId: 'podium-client-0001',
    preview: true,
    cspNonce: 'bm9uY2Utb2YtdGhlLXBhZ2U=',
    csrfToken: 'c'.repeat(43),
  });

  it("reads each manifest: the podlet's own assets only, a podlet that is down has none", async () => {
    const assets = await lib.podletAssets();
    expect(assets['product-catalog']).toEqual({
      js: [
        { src: '/_fragments/product-catalog/assets/client-1.js', type: 'module', async: false, defer: true },
      ],
      css: [{ href: '/_fragments/product-catalog/assets/client-1.css', media: 'screen' }],
    });
    expect(assets['order-management']).toEqual({ js: [], css: [] });
    expect(await lib.podletFallback('product-catalog')).toBe(
      '<p data-fallback="product-catalog">resting</p>',
    );
    expect(await lib.podletFallback('order-management')).toBeUndefined();
  });

  it('fetches a fragment with the Podium context, the page token and nonce, the cookies and the query', async () => {
    const html = await composition.fetchFragment(
      'product-catalog',
      '/c/kitchen?page=2&tag=a&tag=b c',
      visitor(),
    );
    const seen = JSON.parse(/^<section>(.*)<\/section>$/.exec(html)![1]!) as {
      url: string;
      headers: Record<string, string>;
    };
    expect(seen.url).toBe('/c/kitchen?page=2&tag=a&tag=b%20c');
    expect(seen.headers).toMatchObject({
      'podium-locale': 'en-US',
      'podium-requested-by': 'storefront-layout',
      'podium-mount-origin': 'https://shop.example',
      'podium-mount-pathname': '/c/kitchen',
      'podium-public-pathname': '/_fragments/product-catalog/',
      'podium-preview': 'true',
      'x-request-id': 'podium-client-0001',
      'x-csp-nonce': 'bm9uY2Utb2YtdGhlLXBhZ2U=',
      'x-page-csrf-token': 'c'.repeat(43),
      cookie: 'sf_csrf=abc; sf_cart=%5B%5D',
    });
  });

  it('answers the fallback for an error or a fragment over its budget, and a placeholder without a fallback', async () => {
    mode = 'error';
    expect(await composition.fetchFragment('product-catalog', '/', visitor())).toBe(
      '<p data-fallback="product-catalog">resting</p>',
    );
    mode = 'slow';
    const started = Date.now();
    expect(await composition.fetchFragment('product-catalog', '/', visitor())).toBe(
      '<p data-fallback="product-catalog">resting</p>',
    );
    expect(Date.now() - started).toBeLessThan(700);
    expect(await composition.fetchFragment('order-management', '/mini-cart', visitor())).toContain(
      'data-fragment-unavailable="order-management"',
    );
    mode = 'ok';
  });

  it('refreshes after 30 s and keeps the last good manifest and fallback over a bad one or a dead podlet', async () => {
    const known = (await lib.podletAssets())['product-catalog'];
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 31_000 });
    mode = 'bad-manifest';
    const manifestReads = () => catalog.requests.filter((req) => req.url === '/manifest.json').length;
    const before = manifestReads();
    await lib.podletAssets();
    await expect.poll(manifestReads).toBeGreaterThan(before);
    await sleep(50);
    expect((await lib.podletAssets())['product-catalog']).toEqual(known);
    await catalog.close();
    vi.setSystemTime(Date.now() + 31_000);
    await lib.podletAssets();
    await sleep(100);
    expect((await lib.podletAssets())['product-catalog']).toEqual(known);
    expect(await lib.podletFallback('product-catalog')).toBe(
      '<p data-fallback="product-catalog">resting</p>',
    );
  });
});
