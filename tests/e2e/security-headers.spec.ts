import { expect, test } from '@playwright/test';
import { rawGet } from './support/raw-http.js';
import { Visitor, baseURL, products } from './support/storefront.js';

function checkHeaders(label: string, headers: Record<string, string | string[] | undefined>) {
  const csp = String(headers['content-security-policy'] ?? '');
  expect.soft(csp, `${label}: CSP`).toContain("default-src 'self'");
  expect.soft(csp, `${label}: frame-ancestors`).toMatch(/frame-ancestors 'none'/);
  expect.soft(csp, `${label}: object-src`).toMatch(/object-src 'none'/);
  expect.soft(headers['x-content-type-options'], `${label}: nosniff`).toBe('nosniff');
  expect
    .soft(headers['referrer-policy'], `${label}: Referrer-Policy`)
    .toMatch(/^(no-referrer|strict-origin|strict-origin-when-cross-origin|same-origin)$/);
  expect.soft(headers['x-frame-options'], `${label}: X-Frame-Options`).toBe('DENY');
  expect.soft(headers['x-powered-by'], `${label}: X-Powered-By`).toBeUndefined();
  expect.soft(String(headers.server ?? ''), `${label}: Server version`).not.toMatch(/\d/);
  expect.soft(headers['x-request-id'], `${label}: request id`).toBeTruthy();
}

test('every kind of response carries the security headers: pages, APIs, problems, assets, fallbacks', async () => {
  const home = await (await fetch(`${baseURL()}/`)).text();
  const assets = [
    ...new Set(
      [
        ...home.matchAll(/(?:href|src)="(\/(?:_fragments\/[\w-]+\/assets|_next\/static|_shared)\/[^"]+)"/g),
      ].map(([, path]) => path!),
    ),
  ];
  expect(assets.some((path) => path.startsWith('/_fragments/'))).toBe(true);
  expect(assets.some((path) => path.startsWith('/_shared/shell.'))).toBe(true);
  const [product] = await products(1);
  const paths = [
    '/',
    `/products/${product!.slug}`,
    '/products/no-such-product',
    '/c/no-such-category',
    '/search?q=mug',
    '/cart',
    '/signin',
    '/account',
    '/robots.txt',
    '/sitemap.xml',
    '/healthz',
    '/api/products?page=1&pageSize=2',
    `/api/products/${product!.slug}`,
    `/api/products/images/${product!.slug}.svg`,
    '/api/products?page=-1',
    '/api/users/me',
    '/api/orders',
    '/api/notifications',
    '/api/nothing-here',
    '/api/products/lookup',
    '/_fragments/product-catalog/',
    '/_layout/fallbacks/product-catalog',
    '/_shared/store.js',
    ...assets.slice(0, 12),
  ];
  const statuses: string[] = [];
  for (const path of paths) {
    const res = await rawGet(baseURL(), path);
    statuses.push(`${res.status} ${path}`);
    expect.soft(res.status, path).toBeLessThan(500);
    checkHeaders(`${res.status} ${path}`, res.headers);
  }
  // A state-changing call refused for CSRF, and a 404 from a service.
  const refused = await new Visitor().post('/api/orders', { json: {}, csrf: false });
  expect(refused.status).toBe(403);
  const refusedHeaders: Record<string, string> = {};
  refused.headers.forEach((value, name) => (refusedHeaders[name] = value));
  checkHeaders('403 POST /api/orders', refusedHeaders);
  test.info().annotations.push({ type: 'checked', description: statuses.join('\n') });
});

test('API answers are JSON or problem+json, never sniffable HTML, and personal answers are never cached publicly', async () => {
  for (const path of ['/api/users/me', '/api/orders', '/api/nothing-here', '/api/products?page=abc']) {
    const res = await rawGet(baseURL(), path);
    expect(String(res.headers['content-type']), path).toMatch(/application\/(problem\+)?json/);
  }
  const visitor = new Visitor();
  const me = await visitor.get('/api/users/me');
  expect(me.headers.get('cache-control') ?? '').not.toMatch(/public/);
});
