import { describe, expect, it, vi } from 'vitest';
import { spawnPodlet } from '@storefront/podlet-kit/testing';
import { distDir } from './support/built-podlet.js';
import { product, startFakeProductService } from './support/fake-product-service.js';

/** The built server under plain node against a product service holding one teapot; `stop` gives its exit code. */
async function startBuiltCatalog() {
  const productService = await startFakeProductService([product({ name: 'Green teapot' })]);
  const podlet = await spawnPodlet(`${distDir}server/server.js`, { PRODUCT_SERVICE_URL: productService.url });
  const stop = async () => {
    const code = await podlet.stop();
    await productService.close();
    return code;
  };
  return { url: podlet.url, productService, stop };
}

describe('the built product catalog server', () => {
  it('when started with plain node, it serves the catalog and exits cleanly on SIGTERM', async () => {
    const podlet = await startBuiltCatalog();
    try {
      const health = await fetch(`${podlet.url}/healthz`);
      const content = await (await fetch(`${podlet.url}/`)).text();

      expect(health.status).toBe(200);
      expect(content).toContain('Green teapot');
    } finally {
      expect(await podlet.stop()).toBe(0);
    }
  });

  it('when started, it reports ready only after it has rendered its page once (the first visitor gets no fallback)', async () => {
    const podlet = await startBuiltCatalog();
    try {
      await vi.waitFor(async () => expect((await fetch(`${podlet.url}/readyz`)).status).toBe(200), {
        timeout: 10_000,
        interval: 100,
      });
      const listingsBeforeReady = podlet.productService.requests.filter(
        ({ url }) => url.pathname === '/products',
      );

      expect(listingsBeforeReady.length).toBeGreaterThan(0);
    } finally {
      expect(await podlet.stop()).toBe(0);
    }
  });

  it('when PRODUCT_SERVICE_URL is not a URL, it refuses to start and names the variable', async () => {
    await expect(spawnPodlet(`${distDir}server/server.js`, { PRODUCT_SERVICE_URL: 'nope' })).rejects.toThrow(
      /PRODUCT_SERVICE_URL/,
    );
  });
});
